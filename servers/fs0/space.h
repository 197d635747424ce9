/* space.h - the bytes of file and pipe data fs0 holds, and the limit on them
 * (space.c); ramfs and pipes count, fs_set_space_limit sets the limit. */
#ifndef FS0_SPACE_H
#define FS0_SPACE_H

#include <stdint.h>

extern uint64_t fs0_data_bytes;
extern uint64_t fs0_space_limit;

#endif

/* logic_mm.h - what the rest of the logic needs of mm0's file handles
 * (logic_mm.c): dropping them all at shutdown and counting them. */
#ifndef FS0_LOGIC_MM_H
#define FS0_LOGIC_MM_H

#include <stdint.h>

void mm_release_all(void);
uint32_t mm_handle_count(void);

#endif

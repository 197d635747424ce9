/* disk_serve.h - fs0 with a disk on the target: the mount at the first
 * request of a task, and the receive loop that answers others while a
 * request waits for the disk (disk_serve.c). */
#ifndef FS0_DISK_SERVE_H
#define FS0_DISK_SERVE_H

#include <stdint.h>

/* Serves for ever; poll_timeout is poll's receive timeout as without a disk. */
void disk_serve(int trace, uint16_t (*poll_timeout)(void)) __attribute__((noreturn));

#endif

/* mm0's target-only parts: the kernel adapter, the console and start-up. */
#ifndef MM0_ARM_BOOT_H
#define MM0_ARM_BOOT_H

#include "mem/kernel_ops.h"

#define MM0_TASK_PRIORITY	100u
/* mm0's own heap: the first pages of conventional RAM, at __heap_start;
 * it grows past them through sbrk (heap.c). */
#define MM0_HEAP_PAGES		256u

extern const struct kernel_ops l4_kernel_ops;
/* A kernel call's result (0 or -L4_E*) as 0 or -errno: the only such mapping in mm0. */
int kernel_error_to_errno(int kernel_error);

struct fs_ops;
/* mm0's requests to fs0, sent to fs0's thread fs0_tid (fs0_l4.c). */
const struct fs_ops *fs0_ops_for(uint32_t fs0_tid);
/* fs0 stamps file times on the real-time clock: it learns
 * serve_boot_time_ns (read before fs0 starts) from this. 0 or -errno. */
int fs0_send_boot_time(void);
/* Before the machine stops: fs0 writes its disk back and unmounts it
 * clean. 0 (also when there is no fs0) or -errno. */
int fs0_send_power_off(void);

/* The heap's first mapped_bytes are mapped at __heap_start; sbrk maps more
 * pages after them, below limit. Called before the first allocation. */
void heap_init(uint32_t mapped_bytes, uint32_t limit);

/* Reads the board's real-time clock once: serve_boot_time_ns (rtc.c). */
int rtc_read_boot_time(void);

/* Starts the disk driver blk0 when the image has it (blk0_start.c). */
void start_blk0(void);

/* printf to the kernel console, one line at a time. */
void console_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif

/* disk_thread.h - fs0's disk thread on the target: the second thread in
 * fs0's space, which makes the blocking calls to blk0 while the fiber that
 * asked waits and fs0 goes on answering (disk_thread.c). */
#ifndef FS0_DISK_THREAD_H
#define FS0_DISK_THREAD_H

#include <stdbool.h>
#include <stdint.h>
#include <l4/abi.h>

enum disk_op {
	DISK_OP_READ = 1,	/* count sectors from sector into the window's start */
	DISK_OP_WRITE,		/* count sectors from the window's start to sector */
	DISK_OP_FLUSH,
};

/* Starts the thread, which reaches blk0 with the window window_id: 0 or -errno. */
int disk_thread_start(l4_tid_t blk0, int32_t window_id);
/* Ends it (the disk was not mounted). */
void disk_thread_stop(void);
/* The disk thread does op while the calling fiber waits: blk0's answer. */
int disk_thread_do(enum disk_op op, uint64_t sector, uint32_t count);
/* Whether a message from tid is the disk thread's completion. */
bool disk_thread_is(l4_tid_t tid);
/* The completion the receive loop got, in mr: its fiber is woken. */
void disk_thread_completed(const uint32_t *mr);
/* Waits for the completion alone and wakes its fiber (when every fiber
 * waits, one of them waits for the disk: see fiber_init). */
void disk_thread_idle(void);

#endif

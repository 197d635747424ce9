/* disk_thread.h - fs0's disk thread on the target: the second thread in
 * fs0's space, which makes the blocking calls to blk0 while the fiber that
 * asked waits and fs0 goes on answering (disk_thread.c, disk_worker.idl). */
#ifndef FS0_DISK_THREAD_H
#define FS0_DISK_THREAD_H

#include <stdint.h>
#include <l4/abi.h>

/* Starts the thread, which reaches blk0 with the window window_id: 0 or -errno. */
int disk_thread_start(l4_tid_t blk0, int32_t window_id);
/* Ends it (the disk was not mounted). */
void disk_thread_stop(void);
/* The disk thread's id: its messages to the receive loop are disk_worker's done. */
l4_tid_t disk_thread_id(void);
/* Each has the disk thread make its call to blk0 while the calling fiber
 * waits (through the window's start): blk0's answer. */
int disk_thread_read(uint64_t sector, uint32_t count);
int disk_thread_write(uint64_t sector, uint32_t count);
int disk_thread_flush(void);

#endif

/* disk_thread.c - fs0's disk thread on the target, and both threads' side
 * of disk_worker.idl. The fiber that holds the disk's gate posts one request
 * at a time (keeping its own message registers first: the stub fills them)
 * and waits; the disk thread calls blk0, which answers when the device has
 * done it, and posts done back, whose send waits until fs0's receive loop
 * takes it, however busy fs0 is. */
#include <errno.h>
#include <idlrt/serve.h>
#include <l4/ipc.h>
#include <l4/syscalls.h>
#include "block.h"
#include "disk_thread.h"
#include "disk_worker.h"
#include "disk_worker_server.h"
#include "fiber.h"

/* The priority mm0 gives every task (servers/mm0/arm/boot.h): no higher,
 * which the kernel refuses, no lower, so that the disk thread is not
 * starved by the clients it serves. */
#define DISK_THREAD_PRIORITY	100u
#define DISK_THREAD_STACK_WORDS	512u	/* 4 KiB: idlrt's loop and the stubs */

static l4_tid_t server_thread, disk_thread, blk0_thread;
static int32_t disk_window;
static uint64_t disk_thread_stack[DISK_THREAD_STACK_WORDS];
static struct fiber *waiter;
static int completed_result;

/* ---- On the disk thread: requests from fs0's receiving thread only ---- */

int disk_worker_handle_read(struct idlrt_request *idl_rq, uint64_t sector, uint32_t count)
{
	if (idl_rq->client != server_thread)
		return -EPERM;
	return disk_worker_done(server_thread,
				block_read(blk0_thread, sector, count, disk_window, 0));
}

int disk_worker_handle_write(struct idlrt_request *idl_rq, uint64_t sector, uint32_t count)
{
	if (idl_rq->client != server_thread)
		return -EPERM;
	return disk_worker_done(server_thread,
				block_write(blk0_thread, sector, count, disk_window, 0));
}

int disk_worker_handle_flush(struct idlrt_request *idl_rq)
{
	if (idl_rq->client != server_thread)
		return -EPERM;
	return disk_worker_done(server_thread, block_flush(blk0_thread));
}

static void disk_thread_main(void)
{
	idlrt_serve(disk_worker_dispatch, 0);
}

/* No pager: the thread touches only what mm0 mapped before fs0 started (its
 * stack is in .bss) and the window's pages, touched at attach; and fs0 may
 * then end it itself. */
int disk_thread_start(l4_tid_t blk0, int32_t window_id)
{
	server_thread = l4_myself();
	blk0_thread = blk0;
	disk_window = window_id;
	int error = l4_thread_create(server_thread, L4_NILTHREAD, DISK_THREAD_PRIORITY, &disk_thread);
	if (error < 0)
		return -ENOMEM;
	error = l4_thread_start(disk_thread, disk_thread_main,
				&disk_thread_stack[DISK_THREAD_STACK_WORDS]);
	if (error < 0) {
		disk_thread_stop();
		return -ENOMEM;
	}
	return 0;
}

void disk_thread_stop(void)
{
	(void)l4_thread_destroy(disk_thread);
	disk_thread = L4_NILTHREAD;
}

l4_tid_t disk_thread_id(void)
{
	return disk_thread;
}

/* ---- On fs0's receiving thread: post, wait, and the done that wakes ---- */

int disk_worker_handle_done(struct idlrt_request *idl_rq, int32_t result)
{
	if (idl_rq->client != disk_thread)
		return -EPERM;
	completed_result = result;
	fiber_wake(waiter);
	waiter = NULL;
	return 0;
}

/* The stub has filled the message registers: the fiber's own were kept. */
static int wait_for_done(int post_error)
{
	if (post_error) {
		fiber_restore_message();
		return post_error;
	}
	fiber_wait();
	return completed_result;
}

int disk_thread_read(uint64_t sector, uint32_t count)
{
	waiter = fiber_self();
	fiber_keep_message();
	return wait_for_done(disk_worker_read(disk_thread, sector, count));
}

int disk_thread_write(uint64_t sector, uint32_t count)
{
	waiter = fiber_self();
	fiber_keep_message();
	return wait_for_done(disk_worker_write(disk_thread, sector, count));
}

int disk_thread_flush(void)
{
	waiter = fiber_self();
	fiber_keep_message();
	return wait_for_done(disk_worker_flush(disk_thread));
}

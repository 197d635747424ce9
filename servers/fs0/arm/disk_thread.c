/* disk_thread.c - fs0's disk thread on the target. The fiber that holds
 * the disk's gate posts one request at a time with a send whose words stay
 * in registers (the fiber's own message, kept in the UTCB, is untouched);
 * the thread calls blk0, waits, and sends the completion back with no send
 * timeout, so it reaches fs0's receive loop however busy fs0 is. */
#include <errno.h>
#include <l4/ipc.h>
#include <l4/syscalls.h>
#include "block.h"
#include "disk_thread.h"
#include "fiber.h"

/* The priority mm0 gives every task (servers/mm0/arm/boot.h): no higher,
 * which the kernel refuses, no lower, so that the disk thread is not
 * starved by the clients it serves. */
#define DISK_THREAD_PRIORITY	100u
#define DISK_THREAD_STACK_WORDS	512u	/* 4 KiB: the block stubs and this file */

static l4_tid_t server_thread, disk_thread, blk0_thread;
static int32_t disk_window;
static uint64_t disk_thread_stack[DISK_THREAD_STACK_WORDS];
static struct fiber *waiter;
static int completed_result;

static int call_blk0(const uint32_t *mr)
{
	uint64_t sector = mr[1] | (uint64_t)mr[2] << 32;
	uint32_t count = mr[3];
	switch (L4_TAG_LABEL(mr[0])) {
	case DISK_OP_READ:
		return block_read(blk0_thread, sector, count, disk_window, 0);
	case DISK_OP_WRITE:
		return block_write(blk0_thread, sector, count, disk_window, 0);
	case DISK_OP_FLUSH:
		return block_flush(blk0_thread);
	default:
		return -EINVAL;
	}
}

/* Each completion goes out in the send half of the wait for the next request. */
static void disk_thread_main(void)
{
	uint32_t *mr = l4_utcb()->mr;
	int error = l4_receive(server_thread, L4_TIMEOUTS_NEVER, NULL);
	for (;;) {
		if (error < 0) {
			error = l4_receive(server_thread, L4_TIMEOUTS_NEVER, NULL);
			continue;
		}
		int result = call_blk0(mr);
		mr[0] = L4_TAG(0, 1);
		mr[1] = (uint32_t)result;
		error = l4_ipc(server_thread, server_thread, L4_TIMEOUTS_NEVER, NULL);
	}
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

bool disk_thread_is(l4_tid_t tid)
{
	return tid == disk_thread;
}

/* A send of MR0..MR3 in r3-r6 (l4_ipc's registers) with no receive half. */
static int post(enum disk_op op, uint64_t sector, uint32_t count)
{
	register uint32_t r0 asm("r0") = disk_thread;
	register uint32_t r1 asm("r1") = L4_NILTHREAD;
	register uint32_t r2 asm("r2") = L4_TIMEOUTS_NEVER;
	register uint32_t r3 asm("r3") = L4_TAG(op, 3);
	register uint32_t r4 asm("r4") = (uint32_t)sector;
	register uint32_t r5 asm("r5") = (uint32_t)(sector >> 32);
	register uint32_t r6 asm("r6") = count;
	register uint32_t r7 asm("r7") = L4_SYS_IPC;
	asm volatile("svc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6)
		     : "r"(r7)
		     : "r8", "r9", "memory");
	return (int)r0;
}

int disk_thread_do(enum disk_op op, uint64_t sector, uint32_t count)
{
	waiter = fiber_self();
	if (post(op, sector, count) < 0) {
		waiter = NULL;
		return -EIO;
	}
	fiber_wait();
	return completed_result;
}

void disk_thread_completed(const uint32_t *mr)
{
	completed_result = (int)mr[1];
	fiber_wake(waiter);
	waiter = NULL;
}

void disk_thread_idle(void)
{
	if (l4_receive(disk_thread, L4_TIMEOUTS_NEVER, NULL) == 0)
		disk_thread_completed(l4_utcb()->mr);
}

/* workers.c - mm0's worker threads (docs/mm0.md, "Workers"): one per
 * processor, each pinned to its processor and running mm0's receive loop,
 * so that a client's requests and faults go to mm0 on its own processor
 * (the same-processor IPC fast path). All of mm0's request handling runs
 * under one lock: mm0's state (tasks, address spaces, the page cache) is
 * shared, and a handler may call fs0 while holding it (fs0 calls mm0 only
 * while it mounts, when nothing of mm0's waits for fs0: docs/storage.md). */
#include <idlrt/serve.h>
#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>

#include "boot.h"
#include "fs/fs_link.h"
#include "fs/module_file.h"
#include "mm0_server.h"
#include "pager_thread.h"
#include "proc/task.h"
#include "serve/serve.h"
#include "workers.h"

#define WORKERS_MAX		4u	/* the kernel's MAX_CPUS */
#define WORKER_STACK_WORDS	2048u	/* 16 KiB: the main thread's stack (user.ld) */

static l4_tid_t worker_tid[WORKERS_MAX];	/* by processor; [0] the main thread */
static uint32_t workers_running;		/* processors with a worker, 0 without workers */
static uint64_t worker_stacks[WORKERS_MAX - 1][WORKER_STACK_WORDS];
static uint32_t mm0_lock_word;

/* A spin lock: a handler holds it for a few thousand instructions at most,
 * except while it waits for fs0; the waiter yields its processor meanwhile
 * to anything else ready there (mm0's timer and pager threads). */
static void mm0_lock(void)
{
	while (__atomic_exchange_n(&mm0_lock_word, 1u, __ATOMIC_ACQUIRE))
		l4_yield();
}

static void mm0_unlock(void)
{
	__atomic_store_n(&mm0_lock_word, 0u, __ATOMIC_RELEASE);
}

/* The processor a client runs on if it is not the caller's, else
 * WORKERS_MAX. A thread libposix moved (sched_setaffinity is a kernel
 * SCHEDULE call, mm0 does not see it) still calls the worker of its old
 * processor, across processors. Asked before the lock is taken. */
static uint32_t moved_to(l4_tid_t client)
{
	uint32_t cpu;

	if (l4_get_processor(client, &cpu) || cpu == l4_my_processor() || cpu >= workers_running)
		return WORKERS_MAX;
	return cpu;
}

static int locked_serve(struct idlrt_request *rq)
{
	uint32_t cpu = moved_to(rq->client);
	int disposition;

	mm0_lock();
	/* Its next requests and faults stay on its processor. Only processes'
	 * threads: mm0's own never move and have no pager. */
	if (cpu != WORKERS_MAX && task_by_l4_tid(rq->client))
		(void)l4_thread_set_pager(rq->client, worker_tid[cpu]);
	disposition = pager_thread_serve(rq);
	mm0_unlock();
	return disposition;
}

static void worker_main(void)
{
	idlrt_serve(locked_serve, SERVE_TRACING);
}

/* Pinned before it runs; known to fs0 before it can take a request. */
static int worker_start(l4_tid_t main_thread, uint32_t cpu)
{
	l4_tid_t tid;
	int err = kernel_error_to_errno(l4_thread_create(main_thread, L4_NILTHREAD,
							 MM0_TASK_PRIORITY, &tid));

	if (err)
		return err;
	err = kernel_error_to_errno(l4_set_processor(tid, cpu));
	if (!err && fs_link_up())
		err = fs_link_add_worker(tid);
	if (!err)
		err = kernel_error_to_errno(l4_thread_start(tid, worker_main,
							    &worker_stacks[cpu - 1][WORKER_STACK_WORDS]));
	if (err) {
		(void)l4_thread_destroy(tid);
		return err;
	}
	worker_tid[cpu] = tid;
	return 0;
}

int workers_start(void)
{
	uint32_t processors = l4_num_processors();
	l4_tid_t main_thread = l4_myself();
	int err;

	/* With a disk fs0 calls mm0 while it mounts, at its first request: a
	 * worker that waits for fs0 holding the mm0 lock would deadlock with
	 * it, so mm0 keeps one thread (docs/mm0.md, "Workers"). */
	if (processors < 2 || module_find("blk0") >= 0)
		return 0;
	if (processors > WORKERS_MAX)
		processors = WORKERS_MAX;
	err = kernel_error_to_errno(l4_space_control(L4_SC_SET_WORKER_POOL, main_thread, 0, 0));
	if (err)
		return err;
	worker_tid[0] = main_thread;
	workers_running = 1;
	/* The lock is taken from here on, also by the main thread. */
	for (uint32_t cpu = 1; cpu < processors; cpu++) {
		err = worker_start(main_thread, cpu);
		if (err)
			return err;
		workers_running = cpu + 1;
	}
	return 0;
}

void workers_serve(void)
{
	if (workers_running)
		idlrt_serve(locked_serve, SERVE_TRACING);
	mm_serve(pager_thread_serve, SERVE_TRACING);
}

uint32_t workers_pager_for(uint32_t cpu)
{
	return cpu < workers_running ? worker_tid[cpu] : l4_myself();
}

bool workers_own(uint32_t tid)
{
	for (uint32_t cpu = 0; cpu < workers_running; cpu++)
		if (worker_tid[cpu] == tid)
			return true;
	return false;
}

/* workers.c - mm0's worker threads (docs/mm0.md, "Workers"): one per
 * processor, each pinned to its processor and running mm0's receive loop,
 * so that a client's requests and faults go to mm0 on its own processor
 * (the same-processor IPC fast path). All of mm0's request handling runs
 * under one lock: mm0's state (tasks, address spaces, the page cache) is
 * shared, and a handler may call fs0 while holding it. That is safe only
 * while fs0 calls mm0 at no time a handler may wait for it: fs0 calls mm0
 * only while it mounts a disk (docs/storage.md), so with a disk the
 * workers start, and init with them, once fs0 has mounted. */
#include <idlrt/serve.h>
#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>

#include "boot.h"
#include "fs0.h"
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
/* Processors with a serving worker, 0 without workers: written under the
 * lock, read by the pager thread (workers_own) without it. */
static uint32_t workers_running;
static uint32_t workers_planned;		/* processors that get one */
static bool serve_under_lock;			/* the main thread's loop takes the lock */
static void (*start_init)(void);
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

	if (l4_get_processor(client, &cpu) || cpu == l4_my_processor() ||
	    cpu >= __atomic_load_n(&workers_running, __ATOMIC_RELAXED))
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

/* Made, pinned and known to fs0 as mm0's before it can take a request;
 * started by worker_run. */
static int worker_make(l4_tid_t main_thread, uint32_t cpu)
{
	l4_tid_t tid;
	int err = kernel_error_to_errno(l4_thread_create(main_thread, L4_NILTHREAD,
							 MM0_TASK_PRIORITY, &tid));

	if (err)
		return err;
	err = kernel_error_to_errno(l4_set_processor(tid, cpu));
	if (!err && fs_link_up())
		err = fs_link_add_worker(tid);
	if (err) {
		(void)l4_thread_destroy(tid);
		return err;
	}
	worker_tid[cpu] = tid;
	return 0;
}

static int worker_run(uint32_t cpu, void (*entry)(void))
{
	return kernel_error_to_errno(l4_thread_start(worker_tid[cpu], entry,
						     &worker_stacks[cpu - 1][WORKER_STACK_WORDS]));
}

/* The space becomes a worker pool and the workers from processor `from`
 * on start and serve (those below it serve already, the caller among
 * them); init starts as the last step, its threads placed with their
 * workers as pagers. Without the pool no worker but the main thread
 * serves. Under the lock, on the thread that starts them. */
static int workers_run_from(uint32_t from)
{
	int err = kernel_error_to_errno(l4_space_control(L4_SC_SET_WORKER_POOL, l4_myself(),
							 0, 0));

	if (!err)
		__atomic_store_n(&workers_running, from, __ATOMIC_RELEASE);
	for (uint32_t cpu = from; !err && cpu < workers_planned; cpu++) {
		err = worker_run(cpu, worker_main);
		if (!err)
			__atomic_store_n(&workers_running, cpu + 1, __ATOMIC_RELEASE);
	}
	start_init();
	return err;
}

/* The first worker with a disk. fs0 mounts the disk at the first request
 * of a thread other than its pager (mm0's first thread), and takes every
 * request but a few reads and polls through the disk's gate, which the
 * mount holds: so its answer to this one comes once the mount is over,
 * however it started. Until then only the main thread serves, holding no
 * lock while fs0 mounts, and no task runs that could make mm0 call fs0. */
static void mount_then_serve(void)
{
	uint32_t tids[FS0_WORKERS_MAX], count;
	int err;

	(void)fs0_workers(fs_link_tid(), tids, &count);
	mm0_lock();
	err = workers_run_from(2);
	mm0_unlock();
	if (err)
		console_printf("mm0: not every processor has a worker (error %d)\n", err);
	worker_main();
}

int workers_start(void (*start_init_fn)(void))
{
	uint32_t processors = l4_num_processors();
	l4_tid_t main_thread = l4_myself();
	int err = 0;

	start_init = start_init_fn;
	if (processors < 2) {
		start_init();
		return 0;
	}
	if (processors > WORKERS_MAX)
		processors = WORKERS_MAX;
	worker_tid[0] = main_thread;
	workers_planned = 1;
	for (uint32_t cpu = 1; !err && cpu < processors; cpu++) {
		err = worker_make(main_thread, cpu);
		if (!err)
			workers_planned = cpu + 1;
	}
	/* The lock is taken from here on, also by the main thread. */
	serve_under_lock = true;
	workers_running = 1;
	if (workers_planned > 1 && fs_link_up() && module_find("blk0") >= 0) {
		int first_err = worker_run(1, mount_then_serve);

		if (!first_err)
			return err;
		workers_planned = 1;
		err = err ? err : first_err;
	}
	mm0_lock();
	int run_err = workers_run_from(1);
	mm0_unlock();
	return err ? err : run_err;
}

void workers_serve(void)
{
	if (serve_under_lock)
		idlrt_serve(locked_serve, SERVE_TRACING);
	mm_serve(pager_thread_serve, SERVE_TRACING);
}

uint32_t workers_pager_for(uint32_t cpu)
{
	return cpu < workers_running ? worker_tid[cpu] : l4_myself();
}

bool workers_own(uint32_t tid)
{
	uint32_t running = __atomic_load_n(&workers_running, __ATOMIC_ACQUIRE);

	for (uint32_t cpu = 0; cpu < running; cpu++)
		if (worker_tid[cpu] == tid)
			return true;
	return false;
}

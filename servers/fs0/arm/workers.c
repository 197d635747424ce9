/* workers.c - fs0's worker threads: with N processors, N-1 threads made in
 * fs0's own space, each pinned to its processor, and the first thread on its
 * own; all run the generated dispatch under fs0's lock, so the logic stays
 * one request at a time while the IPC to and from each caller stays on the
 * caller's processor. Any worker may answer a request another one took (a
 * pipe read answered by a write): the kernel takes the reply from any thread
 * of fs0's space. With a disk the workers run disk_serve.c's dispatch, which
 * passes what needs the disk to the first thread (handover.c). */
#include <stdlib.h>
#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>
#include <idlrt/serve.h>
#include "fs0_lock.h"
#include "fs0_server.h"
#include "handover.h"
#include "say.h"
#include "serve.h"
#include "workers.h"

/* The priority mm0 gives every task (servers/mm0/arm/boot.h): no higher,
 * which the kernel refuses, no lower, so that callers do not starve it. */
#define WORKER_PRIORITY		100u
/* As the first thread's (user.ld): a path is copied onto the stack. */
#define WORKER_STACK_BYTES	0x4000u

static uint16_t (*poll_timeout)(void);
static int dispatch_trace;
static idlrt_dispatch_fn worker_dispatch;

static int locked_dispatch(struct idlrt_request *rq)
{
	fs0_lock();
	int disposition = fs0_dispatch(rq);
	fs0_unlock();
	return disposition;
}

/* Any thread may find poll's waiters due: each receives no longer than the
 * next deadline, so the one that made a waiter also wakes for it. */
static uint16_t locked_timeout(void)
{
	fs0_lock();
	uint16_t timeout = poll_timeout();
	fs0_unlock();
	return timeout;
}

static void __attribute__((noreturn)) serve_as_worker(void)
{
	idlrt_serve_timed(worker_dispatch, locked_timeout, &fs_poll_timed, dispatch_trace);
}

/* No pager: a worker touches only what mm0 mapped before fs0 started (the
 * image, the boot archive), the heap (its stack; mapped whole) and the
 * window, whose buffers mm0 maps before it names them. */
static l4_tid_t start_worker(uint32_t processor)
{
	l4_tid_t worker;
	uint8_t *stack = malloc(WORKER_STACK_BYTES);

	if (!stack)
		return L4_NILTHREAD;
	if (l4_thread_create(l4_myself(), L4_NILTHREAD, WORKER_PRIORITY, &worker) < 0) {
		free(stack);
		return L4_NILTHREAD;
	}
	if (l4_set_processor(worker, processor) < 0 ||
	    l4_thread_start(worker, serve_as_worker, stack + WORKER_STACK_BYTES) < 0) {
		l4_thread_destroy(worker);
		free(stack);
		return L4_NILTHREAD;
	}
	return worker;
}

uint32_t workers_start(idlrt_dispatch_fn dispatch, int trace, uint16_t (*receive_timeout)(void))
{
	uint32_t processors = l4_num_processors();
	l4_tid_t worker_of[FS0_WORKERS_MAX];
	uint32_t started = 0;

	worker_dispatch = dispatch;
	poll_timeout = receive_timeout;
	dispatch_trace = trace;
	if (processors > FS0_WORKERS_MAX)
		processors = FS0_WORKERS_MAX;
	for (uint32_t cpu = 0; processors > 1 && cpu < processors; cpu++) {
		worker_of[cpu] = cpu == l4_my_processor() ? L4_NILTHREAD : start_worker(cpu);
		if (worker_of[cpu] != L4_NILTHREAD)
			started++;
		else
			worker_of[cpu] = l4_myself();	/* callers there cross to this thread */
	}
	if (started == 0)
		return 0;
	if (started < processors - 1)
		say_on_console("fs0: fewer workers than processors\n");
	handover_set_workers(worker_of, processors);
	serve_set_workers(worker_of, processors);
	return started;
}

void workers_serve(int trace, uint16_t (*receive_timeout)(void))
{
	/* One thread: the generated loop, with the dispatch inlined. */
	if (workers_start(locked_dispatch, trace, receive_timeout) == 0)
		fs0_serve_timed(fs0_dispatch, receive_timeout, &fs_poll_timed, trace);
	idlrt_serve_timed(locked_dispatch, locked_timeout, &fs_poll_timed, trace);
}

/* mm0's one message entry: kernel fault and exception messages first, then the IDL dispatch. */
#include <errno.h>

#include "mm0_local.h"
#include "mm0_server.h"
#include "mem/page_wait.h"
#include "proc/exit.h"
#include "proc/signals.h"
#include "proc/task.h"
#include "serve/serve.h"

struct serve_fatal_fault serve_last_fault;

void *serve_token(idlrt_token_t token)
{
	return (void *)(uintptr_t)token.client;
}

static idlrt_token_t token_of(void *token)
{
	idlrt_token_t idl_token = { .client = (l4_tid_t)(uintptr_t)token, .trace = SERVE_TRACING };

	return idl_token;
}

static void reply_wait(void *token, long pid, int status)
{
	mm_waitpid_reply(token_of(token), (int)pid, status);
}

static void reply_sigsuspend(void *token, long result)
{
	mm_sigsuspend_reply(token_of(token), (int)result);
}

static void reply_sigreturn(void *token, long result)
{
	mm_sigreturn_reply(token_of(token), (int)result);
}

static void reply_timer_wait(void *token, long result)
{
	mm_timer_wait_reply(token_of(token), (int)result);
}

static void reply_sigwait(void *token, long result, const struct mm_siginfo *info)
{
	static const struct mm_siginfo none;

	mm_sigtimedwait_reply(token_of(token), (int)result, info ? info : &none);
}

const struct mm0_reply_ops serve_reply_ops = {
	.complete_wait = reply_wait,
	.complete_sigsuspend = reply_sigsuspend,
	.complete_sigreturn = reply_sigreturn,
	.complete_timer_wait = reply_timer_wait,
	.complete_sigwait = reply_sigwait,
};

/* A fault that the process lived through (resolved, or taken by a signal handler) is
 * forgotten, so that a later death is not blamed on it. */
static void fault_survived(uint32_t pid)
{
	struct task *leader = task_by_pid(pid);

	if (leader && !leader->zombie)
		serve_last_fault.pid = 0;
}

/* The kernel's page-fault message: map the page and resume, or signal. */
static int serve_fault(struct idlrt_request *rq, struct task *task)
{
	uint32_t addr = rq->mr[1], access = rq->mr[2];
	long result;

	if (L4_TAG_WORDS(rq->mr[0]) != L4_FAULT_WORDS ||
	    (access != L4_PERM_READ && access != L4_PERM_WRITE && access != L4_PERM_EXEC)) {
		task_kill(task, MM0_SIGSEGV);
		return IDLRT_NO_REPLY;
	}
	/* Noted before: a fault that kills init powers off inside mm0_fault. */
	serve_last_fault = (struct serve_fatal_fault){ task->pid, addr, rq->mr[3], access };
	result = mm0_fault(task, addr, access, rq->mr[3], true);
	if (result != 0) {
		/* Parked: answered when its page is in (serve_fault_retry). */
		if (result == -EINPROGRESS)
			serve_last_fault.pid = 0;
		else
			fault_survived(serve_last_fault.pid);
		return IDLRT_NO_REPLY;
	}
	/* Resolved: the process lives on, with no task lookup on the common path. */
	serve_last_fault.pid = 0;
	rq->mr[0] = L4_TAG(0, 0);
	return IDLRT_SEND_REPLY;
}

/* A parked fault whose page's read ended runs again; resolved, its thread
 * gets the fault's empty answer now (it still waits in the fault: a signal
 * or its end would have dropped the parked fault, page_wait_forget). */
void serve_fault_retry(const struct parked_fault *fault, bool may_park)
{
	struct task *task = task_by_l4_tid(fault->tid);
	idlrt_token_t token = { .client = fault->tid, .trace = SERVE_TRACING };
	long result;

	if (!task)
		return;
	serve_last_fault = (struct serve_fatal_fault){ task->pid, fault->addr, fault->pc,
						       fault->access };
	result = mm0_fault(task, fault->addr, fault->access, fault->pc, may_park);
	if (result == -EINPROGRESS) {
		serve_last_fault.pid = 0;
		return;
	}
	if (result != 0) {
		fault_survived(serve_last_fault.pid);
		return;
	}
	serve_last_fault.pid = 0;
	idlrt_deferred_begin(token)[0] = L4_TAG(0, 0);
	(void)idlrt_deferred_send(token);
}

/* A message the kernel made: a page fault or an exception of a thread.
 * Out of line, so that a request's way through mm0_serve saves no registers. */
static __attribute__((noinline)) int serve_kernel_message(struct idlrt_request *rq, uint32_t label)
{
	struct task *task;

	/* Only mm0's own threads fault to it; anything else gets no answer. */
	task = task_by_l4_tid(rq->client);
	if (!task || task->leader == task_self())
		return IDLRT_NO_REPLY;
	if (label == L4_LABEL_PAGEFAULT)
		return serve_fault(rq, task);
	if (label == L4_LABEL_EXCEPTION && rq->mr[1] == L4_EXC_DESTROY) {
		mm0_thread_destroyed(task);
	} else if (label == L4_LABEL_EXCEPTION) {
		serve_last_fault = (struct serve_fatal_fault){ task->pid, rq->mr[2], rq->mr[2],
							       L4_PERM_EXEC };
		signal_fault(task, rq->mr[1] == L4_EXC_BREAKPOINT ? MM0_SIGTRAP : MM0_SIGILL,
			     rq->mr[2], 0);
		fault_survived(serve_last_fault.pid);
	}
	return IDLRT_NO_REPLY;
}

int mm0_serve(struct idlrt_request *rq)
{
	uint32_t label = L4_TAG_LABEL(rq->mr[0]);

	if (label < L4_LABEL_KERNEL_MIN)
		return mm_dispatch(rq);
	return serve_kernel_message(rq, label);
}

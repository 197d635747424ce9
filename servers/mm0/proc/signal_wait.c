/* sigtimedwait in mm0: the thread's request stays unanswered until dispatch finds a
 * signal of its set pending (signal_wait_answer), a handler runs (-EINTR) or the
 * deadline passes (-EAGAIN, from the alarm tick). */
#include <errno.h>

#include "proc/exit.h"
#include "proc/signal_wait.h"
#include "proc/signals.h"
#include "proc/task.h"

long signal_wait_begin(struct task *caller, uint64_t set, int32_t timeout_ms, void *token,
		       struct mm_siginfo *info)
{
	struct task_signals *sig;
	uint64_t pending;

	if (!caller || !caller->thread_alive)
		return -ESRCH;
	sig = &caller->sig;
	set &= ~MM0_SIG_UNBLOCKABLE;
	pending = (sig->thread.set | caller->leader->sig.process.set) & set;
	if (pending) {
		int signo = __builtin_ctzll(pending) + 1;

		signal_take(caller, signo, info);
		return signo;
	}
	if (timeout_ms == 0)
		return -EAGAIN;
	if (timeout_ms > 0 && !signal_kernel)
		return -ENOSYS;
	sig->waiting = true;
	sig->wait_set = set;
	sig->wait_token = token;
	sig->wait_deadline_ms = 0;
	if (timeout_ms > 0) {
		sig->wait_deadline_ms = signal_kernel->now_ms(signal_kernel_ctx) +
					(uint64_t)timeout_ms;
		signal_kernel->timer_wake(signal_kernel_ctx);
	}
	return 0;
}

void signal_wait_answer(struct task *thread, int signo, const struct mm_siginfo *info)
{
	thread->sig.waiting = false;
	mm0_reply->complete_sigwait(thread->sig.wait_token, signo, info);
}

bool signal_wait_interrupt(struct task *thread)
{
	if (!thread->sig.waiting)
		return false;
	thread->sig.waiting = false;
	mm0_reply->complete_sigwait(thread->sig.wait_token, -EINTR, NULL);
	return true;
}

struct wait_scan {
	uint64_t now;
	uint64_t *next;
};

static void expire_process(struct task *leader, void *arg)
{
	struct wait_scan *scan = arg;
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &leader->threads) {
		struct task *thread = container_of(pos, struct task, thread_node);
		uint64_t deadline = thread->sig.wait_deadline_ms;

		if (!thread->thread_alive || !thread->sig.waiting || !deadline)
			continue;
		if (deadline <= scan->now) {
			thread->sig.waiting = false;
			mm0_reply->complete_sigwait(thread->sig.wait_token, -EAGAIN, NULL);
		} else if (!*scan->next || deadline < *scan->next) {
			*scan->next = deadline;
		}
	}
}

void signal_wait_expire(uint64_t now, uint64_t *next)
{
	struct wait_scan scan = { now, next };

	signal_for_each_process(expire_process, &scan);
}

uint32_t signal_wait_tick(void)
{
	uint64_t now, next = 0;

	if (!signal_kernel)
		return 0;
	now = signal_kernel->now_ms(signal_kernel_ctx);
	signal_wait_expire(now, &next);
	if (!next)
		return 0;
	return next - now > INT32_MAX ? INT32_MAX : (uint32_t)(next - now);
}

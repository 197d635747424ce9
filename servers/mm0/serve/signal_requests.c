/* The signal requests of idl/mm0.idl. Those that can make a signal deliverable to their own
 * caller are deferred: they reply first, then deliver, so the handler runs after the call. */
#include <errno.h>

#include "mm0_server.h"
#include "proc/signal_altstack.h"
#include "proc/signal_wait.h"
#include "proc/signals.h"
#include "proc/task.h"
#include "proc/timers.h"
#include "serve/serve.h"

static struct task *caller(const struct idlrt_request *rq)
{
	return task_by_l4_tid(rq->client);
}

/* A reply may hand the processor straight to the caller, so it is held (suspended) while
 * it is answered: a signal its own request made deliverable then runs before the call
 * returns, as POSIX wants for raise and sigprocmask. */
static void hold(l4_tid_t client, bool on)
{
	uint32_t regs[L4_EXREG_WORDS] = { 0 };
	struct task *task = task_by_l4_tid(client);

	if (!signal_kernel || !task || (!on && task->leader->sig.stopped))
		return;
	signal_kernel->exregs(signal_kernel_ctx, client, on ? L4_EXREG_SUSPEND : L4_EXREG_RESUME,
			      0, 0, regs);
}

int mm_handle_sigaction(struct idlrt_request *idl_rq, int32_t signo, int32_t change,
			uintptr_t handler, uint32_t flags, uint64_t mask, uintptr_t trampoline,
			uintptr_t *old_handler, uint32_t *old_flags, uint64_t *old_mask)
{
	struct signal_action action = { (uint32_t)handler, flags, mask }, old;
	long result = signal_action_set(caller(idl_rq), signo, change != 0, &action,
					(uint32_t)trampoline, &old);

	*old_handler = old.handler;
	*old_flags = old.flags;
	*old_mask = old.mask;
	return (int)result;
}

int mm_handle_sigprocmask(struct idlrt_request *idl_rq, idlrt_token_t idl_token, int32_t how,
			  int32_t change, uint64_t set, uint64_t *old)
{
	uint64_t old_mask = 0;
	long result = signal_mask_set(caller(idl_rq), how, change != 0, set, &old_mask);

	(void)old;
	hold(idl_rq->client, true);
	mm_sigprocmask_reply(idl_token, (int)result, old_mask);
	signal_dispatch_all();
	hold(idl_rq->client, false);
	return IDLRT_DEFERRED;
}

int mm_handle_sigpending(struct idlrt_request *idl_rq, uint64_t *set)
{
	struct task *task = caller(idl_rq);

	if (!task)
		return -ESRCH;
	*set = signal_pending_of(task);
	return 0;
}

int mm_handle_kill(struct idlrt_request *idl_rq, idlrt_token_t idl_token, int32_t pid,
		   int32_t signo)
{
	long result = signal_kill(caller(idl_rq), pid, signo);

	hold(idl_rq->client, true);
	mm_kill_reply(idl_token, (int)result);
	signal_dispatch_all();
	hold(idl_rq->client, false);
	return IDLRT_DEFERRED;
}

/* Success answers the call, then resumes the thread inside its restored registers. A
 * bad frame ends the process as a fault would. */
int mm_handle_sigreturn(struct idlrt_request *idl_rq, idlrt_token_t idl_token,
			uintptr_t frame)
{
	struct task *task = caller(idl_rq);
	long result = task ? signal_return(task, (uint32_t)frame, serve_token(idl_token)) : -ESRCH;

	if (result == -EFAULT)
		task_kill(task, MM0_SIGSEGV);
	else if (result)
		mm_sigreturn_reply(idl_token, (int)result);
	signal_dispatch_all();
	return IDLRT_DEFERRED;
}

/* The wait ends when a handler runs: delivery answers this call -EINTR and the frame
 * keeps the mask to restore. */
int mm_handle_sigsuspend(struct idlrt_request *idl_rq, idlrt_token_t idl_token, uint64_t mask)
{
	struct task *task = caller(idl_rq);

	if (!task || !task->thread_alive) {
		mm_sigsuspend_reply(idl_token, -ESRCH);
		return IDLRT_DEFERRED;
	}
	task->sig.suspend_saved = task->sig.blocked;
	task->sig.blocked = mask & ~MM0_SIG_UNBLOCKABLE;
	task->sig.suspended = true;
	task->sig.suspend_token = serve_token(idl_token);
	signal_dispatch_all();
	return IDLRT_DEFERRED;
}

int mm_handle_alarm(struct idlrt_request *idl_rq, uint32_t seconds)
{
	return (int)mm0_alarm(caller(idl_rq), seconds);
}

int mm_handle_setpgid(struct idlrt_request *idl_rq, int32_t pid, int32_t pgid)
{
	return (int)signal_setpgid(caller(idl_rq), pid, pgid);
}

int mm_handle_getpgid(struct idlrt_request *idl_rq, int32_t pid)
{
	return (int)signal_getpgid(caller(idl_rq), pid);
}

int mm_handle_sigqueue(struct idlrt_request *idl_rq, idlrt_token_t idl_token, int32_t pid,
		       int32_t signo, int32_t value)
{
	long result = signal_send(caller(idl_rq), pid, signo, MM0_SI_QUEUE, value);

	hold(idl_rq->client, true);
	mm_sigqueue_reply(idl_token, (int)result);
	signal_dispatch_all();
	hold(idl_rq->client, false);
	return IDLRT_DEFERRED;
}

/* Only a thread of the caller's own process (pthread_kill, raise). */
static long tgkill(struct task *sender, uint32_t tid, int32_t signo)
{
	struct task *target;

	if (!sender || !sender->thread_alive)
		return -ESRCH;
	target = tid ? task_by_pid(tid) : sender;
	if (target && target->tid != tid && tid)
		target = NULL;
	if (signo < 0 || signo >= MM0_NSIG)
		return -EINVAL;
	if (!target || target->leader != sender->leader || !target->thread_alive)
		return -ESRCH;
	if (!signo)
		return 0;
	return signal_post(sender, target->tid, signo, MM0_SI_TKILL, 0, sender->pid);
}

int mm_handle_tgkill(struct idlrt_request *idl_rq, idlrt_token_t idl_token, uint32_t tid,
		     int32_t signo)
{
	long result = tgkill(caller(idl_rq), tid, signo);

	hold(idl_rq->client, true);
	mm_tgkill_reply(idl_token, (int)result);
	signal_dispatch_all();
	hold(idl_rq->client, false);
	return IDLRT_DEFERRED;
}

int mm_handle_sigtimedwait(struct idlrt_request *idl_rq, idlrt_token_t idl_token, uint64_t set,
			   int32_t timeout_ms, struct mm_siginfo *info)
{
	long result = signal_wait_begin(caller(idl_rq), set, timeout_ms, serve_token(idl_token),
					info);

	return result ? (int)result : IDLRT_DEFERRED;
}

int mm_handle_sigaltstack(struct idlrt_request *idl_rq, int32_t change, uintptr_t sp,
			  uint32_t size, int32_t flags, uintptr_t current_sp, uintptr_t *old_sp,
			  uint32_t *old_size, int32_t *old_flags)
{
	uint32_t old_sp_word = 0;
	int old_flags_int = 0;
	long result = signal_altstack_set(caller(idl_rq), change != 0, (uint32_t)sp, size, flags,
					  (uint32_t)current_sp, &old_sp_word, old_size,
					  &old_flags_int);

	*old_sp = old_sp_word;
	*old_flags = old_flags_int;
	return (int)result;
}

static idlrt_token_t timer_token;
static bool timer_waiting;

/* Only mm0's timer thread may ask; the answer waits until a timer is armed. */
int mm_handle_signal_timer(struct idlrt_request *idl_rq, idlrt_token_t idl_token)
{
	uint32_t next_ms, wait_ms;

	if (!signal_timer_tid || idl_rq->client != signal_timer_tid)
		return -EPERM;
	next_ms = timers_tick();
	wait_ms = signal_wait_tick();
	if (wait_ms && (!next_ms || wait_ms < next_ms))
		next_ms = wait_ms;
	if (next_ms)
		return (int)next_ms;
	timer_token = idl_token;
	timer_waiting = true;
	return IDLRT_DEFERRED;
}

void signal_timer_kick(void)
{
	uint32_t regs[L4_EXREG_WORDS] = { 0 };

	if (timer_waiting) {
		timer_waiting = false;
		mm_signal_timer_reply(timer_token, 1);
	} else if (signal_timer_tid) {
		signal_kernel->exregs(signal_kernel_ctx, signal_timer_tid, L4_EXREG_CANCEL_IPC, 0, 0,
				      regs);
	}
}

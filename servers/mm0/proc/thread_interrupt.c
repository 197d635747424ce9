/* thread_interrupt.c - ends the call a thread of the caller's process is blocked in, as a
 * signal handler's delivery would but running nothing: the thread sees -EINTR and acts on
 * its pending cancel (libposix's pthread_cancel). */
#include <errno.h>

#include "fs/fs_link.h"
#include "proc/exit.h"
#include "proc/signals.h"
#include "proc/task.h"
#include "proc/thread_interrupt.h"

#define BLOCKED_IN_IPC	(L4_THREAD_SENDING | L4_THREAD_RECEIVING)

/* The servers that hold the thread's call answer it; a sigsuspend gets its mask back,
 * since no handler's frame will restore it. */
static void answer_interrupted(struct task *thread, uint32_t state)
{
	if (wait_interrupt(thread))
		return;
	if (thread->sig.suspended) {
		thread->sig.suspended = false;
		thread->sig.blocked = thread->sig.suspend_saved;
		mm0_reply->complete_sigsuspend(thread->sig.suspend_token, -EINTR);
		return;
	}
	if (state & L4_THREAD_RECEIVING)
		fs_thread_cancel(thread);
}

long mm0_thread_interrupt(struct task *caller, uint32_t l4_tid)
{
	struct task *target = task_by_l4_tid(l4_tid);
	uint32_t regs[L4_EXREG_WORDS] = { 0 };
	uint32_t state;
	int err;

	if (!caller || !target || target->leader != caller->leader || !target->thread_alive)
		return -ESRCH;
	if (!signal_kernel)
		return -ENOSYS;
	/* The caller waits in this very request: there is nothing else to end. */
	if (target == caller)
		return 0;
	/* Suspended first, so that it cannot leave its call and start another meanwhile. */
	err = signal_kernel->exregs(signal_kernel_ctx, l4_tid, L4_EXREG_SUSPEND, 0, 0, regs);
	if (err)
		return err;
	state = regs[L4_EXREG_STATE];
	if (state & BLOCKED_IN_IPC) {
		/* A fault parked on a page being read ends with the IPC: it runs again. */
		page_wait_forget(l4_tid);
		answer_interrupted(target, state);
		signal_kernel->exregs(signal_kernel_ctx, l4_tid, L4_EXREG_CANCEL_IPC, 0, 0, regs);
	}
	if (!(state & L4_THREAD_SUSPENDED) && !target->leader->sig.stopped)
		signal_kernel->exregs(signal_kernel_ctx, l4_tid, L4_EXREG_RESUME, 0, 0, regs);
	return (state & BLOCKED_IN_IPC) ? 1 : 0;
}

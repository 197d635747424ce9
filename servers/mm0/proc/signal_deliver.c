/* Signal delivery on the thread's own stack: the server the thread waits for answers it -EINTR,
 * mm0 writes a frame of its registers below its sp through mm0's view of the page, and starts
 * the handler; sigreturn puts the registers back. Stop and continue suspend and resume threads. */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "fs/fs_link.h"
#include "mem/client_copy.h"
#include "proc/exit.h"
#include "proc/signal_altstack.h"
#include "proc/signal_wait.h"
#include "proc/signals.h"
#include "proc/task.h"

#define CPSR_THUMB	(1u << 5)

/* The call the thread waits in ends through its server's reply: mm0's own waitpid or
 * sigsuspend, or fs0's blocked pipe requests. The thread is suspended, so the reply waits
 * in it until the handler is set up. Returns whether a server answered. */
static bool answer_interrupted(struct task *thread, uint32_t state)
{
	if (wait_interrupt(thread))
		return true;
	if (thread->sig.suspended) {
		mm0_reply->complete_sigsuspend(thread->sig.suspend_token, -EINTR);
		return true;
	}
	if (signal_wait_interrupt(thread))
		return true;
	return (state & L4_THREAD_RECEIVING) && fs_thread_cancel(thread) > 0;
}

/* Stops the thread and ends the call it waits in: through the server's -EINTR answer, or
 * (a server that never answers, a request still queued to be sent) with the kernel's
 * cancel. A fault runs again later. Then reads its registers as they are now. */
static int seize(struct task *thread, uint32_t regs[L4_EXREG_WORDS])
{
	int err = signal_kernel->exregs(signal_kernel_ctx, thread->l4_tid, L4_EXREG_SUSPEND,
					0, 0, regs);
	bool answered;

	if (err)
		return err;
	/* A fault parked on a page being read ends with the IPC: it runs again. */
	page_wait_forget(thread->l4_tid);
	answered = answer_interrupted(thread, regs[L4_EXREG_STATE]);
	err = signal_kernel->exregs(signal_kernel_ctx, thread->l4_tid, L4_EXREG_CANCEL_IPC,
				    0, 0, regs);
	if (!err)
		err = signal_kernel->exregs(signal_kernel_ctx, thread->l4_tid, 0, 0, 0, regs);
	/* The handler's own calls reuse the message registers that hold the -EINTR answer,
	 * so the frame keeps the call's end in r0, the IPC's outcome, which the stub reads
	 * first: after sigreturn the call returns -EINTR, as the server said. */
	if (answered)
		regs[0] = (uint32_t)-L4_ECANCELED;
	return err;
}

/* Sets r0-r12, lr, pc, sp and the flags; the thread runs unless its process is stopped. */
static int release(struct task *thread, uint32_t regs[L4_EXREG_WORDS])
{
	uint32_t flags = L4_EXREG_SET_GPRS | L4_EXREG_SET_PC | L4_EXREG_SET_SP |
			 L4_EXREG_SET_FLAGS;
	uint32_t pc = regs[L4_EXREG_PC] | ((regs[L4_EXREG_CPSR] & CPSR_THUMB) ? 1 : 0);

	if (!thread->leader->sig.stopped)
		flags |= L4_EXREG_RESUME;
	return signal_kernel->exregs(signal_kernel_ctx, thread->l4_tid, flags, pc,
				     regs[L4_EXREG_SP], regs);
}

int signal_deliver(struct task *thread, int signo, const struct mm_siginfo *info)
{
	struct signal_action *action = &thread->leader->sig.actions[signo];
	struct mm_signal_frame frame;
	uint32_t regs[L4_EXREG_WORDS], frame_addr, sp;
	int err;

	if (!signal_kernel)
		return -ENOSYS;
	err = seize(thread, regs);
	if (err)
		return err;
	memset(&frame, 0, sizeof(frame));
	memcpy(frame.regs, regs, sizeof(frame.regs));
	frame.mask = thread->sig.suspended ? thread->sig.suspend_saved : thread->sig.blocked;
	frame.magic = MM0_SIGFRAME_MAGIC;
	memcpy(&frame.info, info, sizeof(frame.info));
	sp = signal_stack_top(thread, action->flags, regs[L4_EXREG_SP]);
	frame_addr = (sp - sizeof(frame)) & ~7u;
	if (sp < sizeof(frame) ||
	    client_space_write(thread->vm, frame_addr, &frame, sizeof(frame)))
		return -EFAULT;
	thread->sig.suspended = false;
	thread->sig.blocked = frame.mask | action->mask;
	if (!(action->flags & MM0_SA_NODEFER))
		thread->sig.blocked |= MM0_SIGBIT(signo);
	regs[0] = (uint32_t)signo;
	regs[1] = frame_addr + offsetof(struct mm_signal_frame, info);
	regs[2] = frame_addr;
	regs[3] = action->handler;
	regs[L4_EXREG_LR] = 0;
	regs[L4_EXREG_PC] = thread->leader->sig.trampoline;
	regs[L4_EXREG_SP] = frame_addr;
	regs[L4_EXREG_CPSR] = 0;
	if (action->flags & MM0_SA_RESETHAND)
		*action = (struct signal_action){ MM0_SIG_DFL, 0, 0 };
	return release(thread, regs);
}

/* A frame that is not one mm0 wrote ends the process: the registers in it are the
 * task's own, so a forged one gains nothing but its own state. */
long signal_return(struct task *thread, uint32_t frame_addr, void *token)
{
	struct mm_signal_frame frame;
	uint32_t regs[L4_EXREG_WORDS];

	if (!signal_kernel)
		return -ENOSYS;
	if ((frame_addr & 7) || client_space_read(thread->vm, frame_addr, &frame, sizeof(frame)) ||
	    frame.magic != MM0_SIGFRAME_MAGIC)
		return -EFAULT;
	/* Suspended, the thread takes sigreturn's reply without running; the registers are
	 * set after it, since ending the IPC writes the thread's r0. */
	if (signal_kernel->exregs(signal_kernel_ctx, thread->l4_tid, L4_EXREG_SUSPEND, 0, 0, regs))
		return -ESRCH;
	mm0_reply->complete_sigreturn(token, 0);
	memcpy(regs, frame.regs, sizeof(frame.regs));
	thread->sig.blocked = frame.mask & ~MM0_SIG_UNBLOCKABLE;
	return release(thread, regs);
}

void signal_stop(struct task *leader, bool stop)
{
	struct list *pos, *tmp;
	uint32_t regs[L4_EXREG_WORDS];

	if (!signal_kernel || leader->sig.stopped == stop)
		return;
	leader->sig.stopped = stop;
	list_for_each_safe(pos, tmp, &leader->threads) {
		struct task *thread = container_of(pos, struct task, thread_node);

		if (thread->thread_alive)
			signal_kernel->exregs(signal_kernel_ctx, thread->l4_tid,
					      stop ? L4_EXREG_SUSPEND : L4_EXREG_RESUME, 0, 0, regs);
	}
}

int signal_resume_at(struct task *thread, uint32_t pc)
{
	uint32_t regs[L4_EXREG_WORDS];

	if (!signal_kernel)
		return -ENOSYS;
	/* A thread that leaves a fault IPC is ready at the new pc. */
	return signal_kernel->exregs(signal_kernel_ctx, thread->l4_tid,
				     L4_EXREG_SET_PC | L4_EXREG_CANCEL_IPC, pc, 0, regs);
}

/* POSIX signals in mm0: per-process actions and pending sets, per-thread masks, and the hooks
 * the process code calls (docs/signals.md). */
#ifndef MM0_SIGNALS_H
#define MM0_SIGNALS_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "mem/fault.h"
#include "mem/page_wait.h"
#include "mm0_local.h"
#include "proc/fault_fixup.h"
#include "proc/signal_state.h"
#include "proc/task.h"

/* Register access for delivery: exchange_registers over regs[L4_EXREG_WORDS] (0 or -errno),
 * and a millisecond clock for the timers (timers.c). Unset on the host (handlers: -ENOSYS). */
struct signal_kernel_ops {
	int (*exregs)(void *ctx, uint32_t tid, uint32_t flags, uint32_t pc, uint32_t sp,
		      uint32_t regs[]);
	uint64_t (*now_ms)(void *ctx);
	/* Wakes the timer thread from its sleep (a new, earlier timer). */
	void (*timer_wake)(void *ctx);
};
extern const struct signal_kernel_ops *signal_kernel;
extern void *signal_kernel_ctx;
/* mm0's thread that sleeps until the next timer (signal_requests.c answers it). */
extern uint32_t signal_timer_tid;

/* Hooks from the process code. */
void signal_fork(struct task *creator, struct task *child, bool thread);
void signal_spawned(struct task *child, struct task *parent);
void signal_child_exited(struct task *parent, uint32_t child_pid, int status);
/* A new image (execve): caught signals go back to SIG_DFL; ignored ones, the mask, the
 * pending set and the alarm stay, as POSIX says (timers.c ends the POSIX timers). */
void signal_exec(struct task *thread);
/* An unresolvable fault or exception of thread: handler, or the process dies. cause is
 * vm_fault's error for a page fault, 0 for an exception. */
void signal_fault(struct task *thread, int signo, uint32_t addr, int cause);
/* Optional: told of each process a fault ends, just before it ends (its records still
 * there), with signal_fault's arguments (serve/crash.c prints the line). */
extern void (*signal_fault_fatal)(const struct task *thread, int signo, uint32_t addr,
				  int cause);
/* signal_deliver.c: takes thread out of its fault to run on at pc (a fault fix-up); 0 or
 * -errno. */
int signal_resume_at(struct task *thread, uint32_t pc);

/* The signal for a fault the memory layer could not resolve (vm_fault's error). */
static inline int signal_of_fault(int err)
{
	if (err == -EFAULT)
		return MM0_SIGSEGV;
	if (err == -ENOMEM)
		return MM0_SIGKILL;
	return MM0_SIGBUS;
}

/* A fault at a pc of the process's copy routines (fault_fixup.h) resumes at its fix-up, which
 * answers -EFAULT, rather than being signalled. */
static inline bool fault_fixup_taken(struct task *task, uint32_t pc)
{
	uint32_t fixup = fault_fixup_of(task, pc);

	return fixup && signal_resume_at(task, fixup) == 0;
}

/* The body of the page-fault handler: task faulted at addr with access
 * (MM0_PROT_READ/WRITE/EXEC), its instruction at pc. 0 when the page is mapped
 * (reply now), -EINVAL for a malformed fault, -EINPROGRESS when it waits
 * parked for its page (may_park: mem/page_wait.h answers it later), else
 * vm_fault's -errno after the thread was sent to its fix-up or given its
 * signal (no reply: the fix-up or a handler runs, or the process is gone).
 * Inline, so the fault path makes no call more than the memory layer's own. */
static inline long mm0_fault(struct task *task, uint32_t addr, unsigned access, uint32_t pc,
			     bool may_park)
{
	int err;

	if (!task || !task->vm || !access ||
	    (access & ~(MM0_PROT_READ | MM0_PROT_WRITE | MM0_PROT_EXEC)))
		return -EINVAL;
	if (may_park) {
		struct parked_fault fault = { task->l4_tid, addr, access, pc };

		err = vm_fault_parkable(task->vm, &fault);
		if (err == -EINPROGRESS)
			return err;
	} else {
		err = vm_fault(task->vm, addr, access);
	}
	if (err && !fault_fixup_taken(task, pc))
		signal_fault(task, signal_of_fault(err), addr, err);
	return err;
}

/* Requests (signal_requests.c calls these; results are >= 0 or -errno). */
long signal_action_set(struct task *caller, int signo, bool change,
		       const struct signal_action *action, uint32_t trampoline,
		       struct signal_action *old);
long signal_mask_set(struct task *caller, int how, bool change, uint64_t set, uint64_t *old);
uint64_t signal_pending_of(struct task *caller);
long signal_kill(struct task *caller, long pid, int signo);
/* kill with a si_code and value (sigqueue: MM0_SI_QUEUE, only to one process, -EAGAIN
 * when its queue is full; kill's MM0_SI_USER never fails so). */
long signal_send(struct task *caller, long pid, int signo, int code, int32_t value);
long signal_setpgid(struct task *caller, long pid, long pgid);
long signal_getpgid(struct task *caller, long pid);
/* setsid: the caller leads a new session and group (its pid), or -EPERM when a
 * group already has that id; getsid: pid 0 means the caller. */
long signal_setsid(struct task *caller);
long signal_getsid(struct task *caller, long pid);
/* Delivers every pending, unblocked signal (or its default action). */
void signal_dispatch_all(void);

/* The one way a signal is generated: signo with its si_code, value and sender for the
 * process of task, or for its thread thread_tid (a struct task tid; 0: the process).
 * 0, -EINVAL (signo), -ESRCH (no such process or thread of it) or -EAGAIN (a real-time
 * signal and the queue at RLIMIT_SIGPENDING). Acted on at the next signal_dispatch_all. */
int signal_post(struct task *task, uint32_t thread_tid, int signo, int code, int32_t value,
		uint32_t sender_pid);
/* signal_post with a whole siginfo (SIGCHLD's status, ...); thread NULL: the process. */
int signal_post_info(struct task *task, struct task *thread, const struct mm_siginfo *info);
/* Takes the oldest pending instance of signo for thread (its own first, then its
 * process's) into *info. */
void signal_take(struct task *thread, int signo, struct mm_siginfo *info);


/* Every live process (leaders not yet zombies), mm0's own task excluded. */
void signal_for_each_process(void (*fn)(struct task *leader, void *arg), void *arg);

/* signal_deliver.c: frames on the thread's stack, sigreturn, stop and continue. */
int signal_deliver(struct task *thread, int signo, const struct mm_siginfo *info);
/* 0 once sigreturn's reply (token) is sent and the registers are back, or -errno
 * (the caller answers). */
long signal_return(struct task *thread, uint32_t frame_addr, void *token);
void signal_stop(struct task *leader, bool stop);

#endif

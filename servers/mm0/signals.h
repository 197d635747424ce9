/* POSIX signals in mm0: per-process actions and pending sets, per-thread masks, and the hooks
 * the process and fault code call (docs/signals.md). */
#ifndef MM0_SIGNALS_H
#define MM0_SIGNALS_H

#include <stdbool.h>
#include <stdint.h>

#include "mm0_local.h"

/* The signal numbers, sa_flags, si_codes, sigprocmask's how and the frame's
 * magic word are mm0's wire ABI (idl/mm0_types.idl); these follow from them. */
#define MM0_SIGBIT(sig)		(1u << (sig))
#define MM0_SIG_UNBLOCKABLE	(MM0_SIGBIT(MM0_SIGKILL) | MM0_SIGBIT(MM0_SIGSTOP))
#define MM0_SIG_VALID_SET	0xfffffffeu

struct signal_action {
	uint32_t handler;		/* MM0_SIG_DFL, MM0_SIG_IGN or an address */
	uint32_t flags;			/* MM0_SA_* */
	uint32_t mask;			/* blocked while the handler runs */
};

/* The same layouts as idl/mm0.idl's siginfo and signal_frame (signal_requests.c checks). */
struct signal_info {
	int32_t signo, error, code, pid, uid;
	uint32_t addr;
	int32_t status, value;
};

struct signal_frame {
	uint32_t regs[L4_EXREG_CPSR + 1];	/* r0..r12, sp, lr, pc, cpsr */
	uint32_t mask;
	uint32_t magic;
	struct signal_info info;
};

/* Embedded in struct task: the process part is used in leaders only. */
struct task_signals {
	struct signal_action actions[MM0_NSIG];
	struct signal_info info[MM0_NSIG];	/* of each pending signal */
	uint32_t pending;		/* process-directed, not yet delivered */
	uint32_t trampoline;		/* libposix's entry that runs a handler */
	uint32_t pgid;
	bool stopped;			/* by SIGSTOP and friends, until SIGCONT */
	uint64_t alarm_ms;		/* when SIGALRM is due (0: none) */
	/* Per thread: */
	uint32_t blocked;
	bool suspended;			/* in sigsuspend/pause: its reply is the cancel */
	uint32_t suspend_saved;		/* the mask sigsuspend replaced */
};

struct task;

/* Register access for delivery: exchange_registers over regs[L4_EXREG_WORDS],
 * and a millisecond clock for alarm. Unset on the host (handlers: -ENOSYS). */
struct signal_kernel_ops {
	int (*exregs)(void *ctx, uint32_t tid, uint32_t flags, uint32_t pc, uint32_t sp,
		      uint32_t regs[]);
	uint64_t (*now_ms)(void *ctx);
	/* Wakes the timer thread from its sleep (a new, earlier alarm). */
	void (*timer_wake)(void *ctx);
};
extern const struct signal_kernel_ops *signal_kernel;
extern void *signal_kernel_ctx;
/* mm0's thread that sleeps until the next alarm (signal_requests.c answers it). */
extern uint32_t signal_timer_tid;
/* Answers the waiting timer thread, or cuts its sleep short (signal_requests.c). */
void signal_timer_kick(void);

/* Hooks from the process code. */
void signal_fork(struct task *creator, struct task *child, bool thread);
void signal_spawned(struct task *child, struct task *parent);
void signal_child_exited(struct task *parent, uint32_t child_pid, int status);
/* A new image (execve): caught signals go back to SIG_DFL; ignored ones, the mask, the
 * pending set and the alarm stay, as POSIX says. */
void signal_exec(struct task *thread);
/* An unresolvable fault or exception of thread: handler, or the process dies. */
void signal_fault(struct task *thread, int signo, uint32_t addr);

/* Requests (signal_requests.c calls these; results are >= 0 or -errno). */
long signal_action_set(struct task *caller, int signo, bool change,
		       const struct signal_action *action, uint32_t trampoline,
		       struct signal_action *old);
long signal_mask_set(struct task *caller, int how, bool change, uint32_t set, uint32_t *old);
uint32_t signal_pending_of(struct task *caller);
long signal_kill(struct task *caller, long pid, int signo);
long signal_setpgid(struct task *caller, long pid, long pgid);
long signal_getpgid(struct task *caller, long pid);
long signal_alarm(struct task *caller, uint32_t seconds);
/* Fires due alarms; the milliseconds until the next one (at most INT32_MAX), or 0 for none. */
uint32_t signal_alarm_tick(void);
/* Delivers every pending, unblocked signal (or its default action). */
void signal_dispatch_all(void);

/* Every live process (leaders not yet zombies), mm0's own task excluded. */
void signal_for_each_process(void (*fn)(struct task *leader, void *arg), void *arg);

/* signal_deliver.c: frames on the thread's stack, sigreturn, stop and continue. */
int signal_deliver(struct task *thread, int signo, const struct signal_info *info);
long signal_return(struct task *thread, uint32_t frame_addr);
void signal_stop(struct task *leader, bool stop);

#endif

/* The signal numbers, flags and records mm0 keeps per task (struct task embeds
 * struct task_signals); signals.h has the calls. */
#ifndef MM0_SIGNAL_STATE_H
#define MM0_SIGNAL_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "mm0.h"
#include "mm0_local.h"

/* The signal numbers, sa_flags, si_codes, sigprocmask's how and the frame's
 * magic word are mm0's wire ABI (idl/mm0_types.idl); these follow from them. */
#define MM0_SIGBIT(sig)		((uint64_t)1 << ((sig) - 1))
#define MM0_SIG_ALL		(~(uint64_t)0)
#define MM0_SIG_UNBLOCKABLE	(MM0_SIGBIT(MM0_SIGKILL) | MM0_SIGBIT(MM0_SIGSTOP))

struct signal_action {
	uint32_t handler;		/* MM0_SIG_DFL, MM0_SIG_IGN or an address */
	uint32_t flags;			/* MM0_SA_* */
	uint64_t mask;			/* blocked while the handler runs */
};

/* One generated, not yet delivered signal with its siginfo. */
struct signal_queued {
	struct signal_queued *next;
	struct mm_siginfo info;
};

/* Pending signals of a process or of one thread: the set, and each instance in the
 * order generated (a standard signal at most once, real-time ones as often as sent).
 * A standard signal may be in the set without an instance (no memory for one). */
struct signal_pending {
	uint64_t set;
	struct signal_queued *queue;
	uint32_t queued;		/* instances in queue, at most RLIMIT_SIGPENDING */
};

/* A thread's alternate signal stack (sigaltstack); size 0 means none. */
struct signal_altstack {
	uint32_t sp;
	uint32_t size;
};

/* The siginfo and the frame mm0 writes on a thread's stack are the IDL's
 * (struct mm_siginfo, struct mm_signal_frame in idl/mm0.idl). */
_Static_assert(sizeof(((struct mm_signal_frame *)0)->regs) == (L4_EXREG_CPSR + 1) * sizeof(uint32_t),
	       "the frame holds r0..r12, sp, lr, pc and cpsr in the L4_EXREG_* order");

/* Embedded in struct task: the process part is used in leaders only. */
struct task_signals {
	struct signal_action actions[MM0_NSIG];
	struct signal_pending process;	/* process-directed, not yet delivered */
	uint32_t trampoline;		/* libposix's entry that runs a handler */
	uint32_t pgid;
	uint32_t sid;			/* the session: its leader's pid */
	bool stopped;			/* by SIGSTOP and friends, until SIGCONT */
	/* Per thread: */
	uint64_t blocked;
	struct signal_pending thread;	/* directed at this thread (tgkill) */
	bool suspended;			/* in sigsuspend/pause, answered when a handler runs */
	void *suspend_token;		/* that sigsuspend's reply token */
	uint64_t suspend_saved;		/* the mask sigsuspend replaced */
	bool waiting;			/* in sigtimedwait for a signal of wait_set */
	uint64_t wait_set;
	void *wait_token;		/* that sigtimedwait's reply token */
	uint64_t wait_deadline_ms;	/* when it gives up (0: never) */
	struct signal_altstack altstack;
};

#endif

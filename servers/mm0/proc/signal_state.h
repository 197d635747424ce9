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
#define MM0_SIGBIT(sig)		(1u << (sig))
#define MM0_SIG_UNBLOCKABLE	(MM0_SIGBIT(MM0_SIGKILL) | MM0_SIGBIT(MM0_SIGSTOP))
#define MM0_SIG_VALID_SET	0xfffffffeu

struct signal_action {
	uint32_t handler;		/* MM0_SIG_DFL, MM0_SIG_IGN or an address */
	uint32_t flags;			/* MM0_SA_* */
	uint32_t mask;			/* blocked while the handler runs */
};

/* The siginfo and the frame mm0 writes on a thread's stack are the IDL's
 * (struct mm_siginfo, struct mm_signal_frame in idl/mm0.idl). */
_Static_assert(sizeof(((struct mm_signal_frame *)0)->regs) == (L4_EXREG_CPSR + 1) * sizeof(uint32_t),
	       "the frame holds r0..r12, sp, lr, pc and cpsr in the L4_EXREG_* order");

/* Embedded in struct task: the process part is used in leaders only. */
struct task_signals {
	struct signal_action actions[MM0_NSIG];
	struct mm_siginfo info[MM0_NSIG];	/* of each pending signal */
	uint32_t pending;		/* process-directed, not yet delivered */
	uint32_t trampoline;		/* libposix's entry that runs a handler */
	uint32_t pgid;
	uint32_t sid;			/* the session: its leader's pid */
	bool stopped;			/* by SIGSTOP and friends, until SIGCONT */
	/* Per thread: */
	uint32_t blocked;
	bool suspended;			/* in sigsuspend/pause, answered when a handler runs */
	void *suspend_token;		/* that sigsuspend's reply token */
	uint32_t suspend_saved;		/* the mask sigsuspend replaced */
};

#endif

/* The signal numbers, flags and records mm0 keeps per task (struct task embeds
 * struct task_signals); signals.h has the calls. */
#ifndef MM0_SIGNAL_STATE_H
#define MM0_SIGNAL_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "mm0_abi.h"

/* Linux's numbers, as the wait statuses use (mm0_abi.h has ILL, TRAP, KILL, BUS, SEGV, CHLD). */
#define MM0_SIGHUP	1
#define MM0_SIGINT	2
#define MM0_SIGQUIT	3
#define MM0_SIGABRT	6
#define MM0_SIGFPE	8
#define MM0_SIGUSR1	10
#define MM0_SIGUSR2	12
#define MM0_SIGPIPE	13
#define MM0_SIGALRM	14
#define MM0_SIGTERM	15
#define MM0_SIGCONT	18
#define MM0_SIGSTOP	19
#define MM0_SIGTSTP	20
#define MM0_SIGTTIN	21
#define MM0_SIGTTOU	22
#define MM0_SIGURG	23
#define MM0_SIGWINCH	28
#define MM0_NSIG	32		/* signals are 1 .. MM0_NSIG - 1 */

#define MM0_SIGBIT(sig)		(1u << (sig))
#define MM0_SIG_UNBLOCKABLE	(MM0_SIGBIT(MM0_SIGKILL) | MM0_SIGBIT(MM0_SIGSTOP))
#define MM0_SIG_VALID_SET	0xfffffffeu

/* Handler words: anything above these is an address in the task. */
#define MM0_SIG_DFL		0u
#define MM0_SIG_IGN		1u

/* sa_flags with Linux's values (libposix passes them through). */
#define MM0_SA_NOCLDSTOP	0x00000001u
#define MM0_SA_SIGINFO		0x00000004u
#define MM0_SA_RESTART		0x10000000u
#define MM0_SA_NODEFER		0x40000000u
#define MM0_SA_RESETHAND	0x80000000u

/* si_code values (Linux's). */
#define MM0_SI_USER		0
#define MM0_SI_KERNEL		0x80
#define MM0_SEGV_MAPERR		1
#define MM0_SEGV_ACCERR		2
#define MM0_BUS_ADRERR		2
#define MM0_ILL_ILLOPC		1
#define MM0_TRAP_BRKPT		1
#define MM0_CLD_EXITED		1
#define MM0_CLD_KILLED		2

/* sigprocmask's how. */
#define MM0_SIG_BLOCK		0
#define MM0_SIG_UNBLOCK		1
#define MM0_SIG_SETMASK		2

/* The frame's magic word: sigreturn refuses a frame without it. */
#define MM0_SIGFRAME_MAGIC	0x5349474eu

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

#endif

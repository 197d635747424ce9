/* signal.h - POSIX signals on Larch, with Linux's signal numbers (mm0's wait statuses and
 * requests use them). It replaces picolibc's <signal.h> and <sys/signal.h>, whose numbers
 * differ (SIGBUS 10, SIGCHLD 20 ...), and takes their include guards (docs/signals.md). */
#ifndef _SIGNAL_H_
#define _SIGNAL_H_
#define _SYS_SIGNAL_H

#include <sys/_sigset.h>
#include <sys/_timespec.h>
#include <sys/types.h>

#if !defined(_SIGSET_T_DECLARED)
#define _SIGSET_T_DECLARED
typedef __sigset_t sigset_t;
#endif

typedef int sig_atomic_t;
typedef void (*_sig_func_ptr)(int);
typedef _sig_func_ptr sighandler_t;

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGIOT		SIGABRT
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPOLL		SIGIO
#define SIGPWR		30
#define SIGSYS		31
/* The real-time signals: 34..64, as glibc numbers them on Linux (32 and 33 exist but
 * are left to the system, as glibc's threads take them). */
#define SIGRTMIN	34
#define SIGRTMAX	64
#define NSIG		65	/* signals are 1 .. NSIG - 1 */
#define _NSIG		NSIG

#define SIG_DFL		((_sig_func_ptr)0)
#define SIG_IGN		((_sig_func_ptr)1)
#define SIG_ERR		((_sig_func_ptr)-1)

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

/* si_code */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)
#define SI_TIMER	(-2)
#define SI_MESGQ	(-3)
#define SI_ASYNCIO	(-4)
#define SI_TKILL	(-6)
#define ILL_ILLOPC	1
#define FPE_INTDIV	1
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define TRAP_BRKPT	1
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3

union sigval {
	int sival_int;
	void *sival_ptr;
};

/* The layout of idl/mm0.idl's siginfo, which mm0 writes (src/signal.c checks it). */
typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	pid_t si_pid;
	int si_uid;
	void *si_addr;		/* the faulting address, or the pc for SIGILL and SIGTRAP */
	int si_status;		/* SIGCHLD: the child's wait status */
	union sigval si_value;
} siginfo_t;

/* glibc's shorthands for the value sigqueue sent. */
#define si_int		si_value.sival_int
#define si_ptr		si_value.sival_ptr

/* sigaltstack: the alternate stack handlers with SA_ONSTACK run on (Linux's layout). */
typedef struct sigaltstack {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192

struct sigaction {
	union {
		_sig_func_ptr sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
};

_sig_func_ptr signal(int signo, _sig_func_ptr handler);
int raise(int signo);
int kill(pid_t pid, int signo);
int killpg(pid_t pgrp, int signo);
int sigaction(int signo, const struct sigaction *restrict action,
	      struct sigaction *restrict old);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int signo);
int sigdelset(sigset_t *set, int signo);
int sigismember(const sigset_t *set, int signo);
/* Real-time signals, waiting for signals, alternate stacks (src/signal_wait.c). */
int sigqueue(pid_t pid, int signo, const union sigval value);
int sigwait(const sigset_t *restrict set, int *restrict signo);
int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info);
int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout);
int sigaltstack(const stack_t *restrict stack, stack_t *restrict old);

/* ---- Timer notifications (timer_create; src/timer.c): Linux's values ---- */
#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2

struct sigevent {
	int sigev_notify;
	int sigev_signo;
	union sigval sigev_value;
	void (*sigev_notify_function)(union sigval);
	struct __pthread_attr *sigev_notify_attributes;	/* pthread_attr_t * */
};

#endif

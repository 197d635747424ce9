/* signal.c - POSIX signals over mm0: actions, masks and pending sets live in mm0, which
 * delivers by writing a frame on the thread's stack and starting posix_signal_entry. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <unistd.h>

#include "internal.h"
#include "mm0.h"
#include "poll_internal.h"

_Static_assert(sizeof(siginfo_t) == sizeof(struct mm_siginfo), "siginfo_t is mm0's siginfo");
_Static_assert(offsetof(siginfo_t, si_addr) == offsetof(struct mm_siginfo, addr),
	       "siginfo_t is mm0's siginfo");
_Static_assert(sizeof(sigset_t) == sizeof(uint64_t), "mm0's 64-bit signal sets");
/* <signal.h>'s numbers go to mm0 unchanged. */
_Static_assert(NSIG == MM0_NSIG && SIGHUP == MM0_SIGHUP && SIGINT == MM0_SIGINT &&
	       SIGQUIT == MM0_SIGQUIT && SIGILL == MM0_SIGILL && SIGTRAP == MM0_SIGTRAP &&
	       SIGABRT == MM0_SIGABRT && SIGBUS == MM0_SIGBUS && SIGFPE == MM0_SIGFPE &&
	       SIGKILL == MM0_SIGKILL && SIGUSR1 == MM0_SIGUSR1 && SIGSEGV == MM0_SIGSEGV &&
	       SIGUSR2 == MM0_SIGUSR2 && SIGPIPE == MM0_SIGPIPE && SIGALRM == MM0_SIGALRM &&
	       SIGTERM == MM0_SIGTERM && SIGCHLD == MM0_SIGCHLD && SIGCONT == MM0_SIGCONT &&
	       SIGSTOP == MM0_SIGSTOP && SIGTSTP == MM0_SIGTSTP && SIGTTIN == MM0_SIGTTIN &&
	       SIGTTOU == MM0_SIGTTOU && SIGURG == MM0_SIGURG && SIGWINCH == MM0_SIGWINCH &&
	       SIGRTMIN >= MM0_SIGRTMIN,
	       "signal numbers");
_Static_assert(SA_NOCLDSTOP == MM0_SA_NOCLDSTOP && SA_SIGINFO == MM0_SA_SIGINFO &&
	       SA_RESTART == MM0_SA_RESTART && SA_NODEFER == MM0_SA_NODEFER &&
	       SA_ONSTACK == MM0_SA_ONSTACK &&
	       SA_RESETHAND == MM0_SA_RESETHAND, "sa_flags");
_Static_assert(SIG_BLOCK == MM0_SIG_BLOCK && SIG_UNBLOCK == MM0_SIG_UNBLOCK &&
	       SIG_SETMASK == MM0_SIG_SETMASK, "sigprocmask's how");
_Static_assert(SI_USER == MM0_SI_USER && SI_KERNEL == MM0_SI_KERNEL &&
	       SEGV_MAPERR == MM0_SEGV_MAPERR && SEGV_ACCERR == MM0_SEGV_ACCERR &&
	       BUS_ADRERR == MM0_BUS_ADRERR && ILL_ILLOPC == MM0_ILL_ILLOPC &&
	       TRAP_BRKPT == MM0_TRAP_BRKPT && CLD_EXITED == MM0_CLD_EXITED &&
	       CLD_KILLED == MM0_CLD_KILLED && SI_QUEUE == MM0_SI_QUEUE &&
	       SI_TIMER == MM0_SI_TIMER && SI_TKILL == MM0_SI_TKILL, "si_code values");

void posix_signal_entry(void);
void posix_signal_run(int signo, siginfo_t *info, void *context,
		      void (*handler)(int, siginfo_t *, void *));
__attribute__((noreturn)) void posix_sigreturn(uintptr_t frame);

/* Signals whose action asks for SA_RESTART (a process-wide copy of what mm0 holds), and
 * whether the last handler this thread ran had it: an interrupted call then restarts. */
static volatile uint64_t restart_set;
static _Thread_local int last_handler_restarts;

static int signo_valid(int signo)
{
	return signo > 0 && signo < NSIG;
}

/* mm0's sets: signal n is bit n - 1. */
static sigset_t signal_bit(int signo)
{
	return (sigset_t)1 << (signo - 1);
}

void posix_signal_run(int signo, siginfo_t *info, void *context,
		      void (*handler)(int, siginfo_t *, void *))
{
	volatile uint32_t *interrupted_wait = posix_poll_handler_begins();

	last_handler_restarts = (restart_set & signal_bit(signo)) != 0;
	handler(signo, info, context);
	posix_poll_handler_returns(interrupted_wait);
}

void posix_sigreturn(uintptr_t frame)
{
	mm_sigreturn(posix_mm0(), frame);
	posix_thread_exit(128 + SIGSEGV);
}

int posix_signal_restarts(long answer)
{
	int restart = answer == -EINTR && last_handler_restarts;

	last_handler_restarts = 0;
	return restart;
}

int sigaction(int signo, const struct sigaction *restrict action, struct sigaction *restrict old)
{
	struct sigaction new_action = { 0 }, old_action = { 0 };
	uintptr_t old_handler = 0;
	uint32_t old_flags = 0;
	uint64_t old_mask = 0;
	long answer;

	if (!signo_valid(signo))
		return posix_error(EINVAL);
	/* Both pointers are checked before the action changes, so EFAULT changes nothing. */
	if (action && posix_copy(&new_action, action, sizeof(new_action)))
		return posix_error(EFAULT);
	if (old && posix_probe_write(old, sizeof(*old)))
		return posix_error(EFAULT);
	answer = mm_sigaction(posix_mm0(), signo, action != NULL,
			      (uintptr_t)new_action.sa_handler, (uint32_t)new_action.sa_flags,
			      new_action.sa_mask, (uintptr_t)posix_signal_entry,
			      &old_handler, &old_flags, &old_mask);
	if (answer < 0)
		return (int)posix_result(answer);
	old_action.sa_handler = (_sig_func_ptr)old_handler;
	old_action.sa_flags = (int)old_flags;
	old_action.sa_mask = old_mask;
	if (old && posix_copy(old, &old_action, sizeof(*old)))
		return posix_error(EFAULT);
	if (action && (new_action.sa_flags & SA_RESTART))
		restart_set |= signal_bit(signo);
	else if (action)
		restart_set &= ~signal_bit(signo);
	return 0;
}

/* BSD semantics, as glibc's: the handler stays installed and calls restart. */
_sig_func_ptr signal(int signo, _sig_func_ptr handler)
{
	struct sigaction action = { .sa_handler = handler, .sa_flags = SA_RESTART }, old;

	if (handler == SIG_ERR)
		return posix_error(EINVAL), SIG_ERR;
	if (sigaction(signo, &action, &old))
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	sigset_t new_mask = 0, old_mask;
	uint64_t old_word = 0;
	long answer;

	if (set && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return posix_error(EINVAL);
	/* Both pointers are checked before the mask changes, so EFAULT changes nothing. */
	if (set && posix_copy(&new_mask, set, sizeof(new_mask)))
		return posix_error(EFAULT);
	if (old && posix_probe_write(old, sizeof(*old)))
		return posix_error(EFAULT);
	answer = mm_sigprocmask(posix_mm0(), how, set != NULL, new_mask, &old_word);
	if (answer < 0)
		return (int)posix_result(answer);
	old_mask = old_word;
	if (old && posix_copy(old, &old_mask, sizeof(*old)))
		return posix_error(EFAULT);
	return 0;
}

int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	return sigprocmask(how, set, old) ? errno : 0;
}

int sigpending(sigset_t *set)
{
	uint64_t pending = 0;
	long answer;

	if (!set)
		return posix_error(EFAULT);
	answer = mm_sigpending(posix_mm0(), &pending);
	if (answer < 0)
		return (int)posix_result(answer);
	*set = pending;
	return 0;
}

int sigsuspend(const sigset_t *mask)
{
	if (!mask)
		return posix_error(EFAULT);
	posix_cancel_begin();
	return (int)posix_result(posix_cancel_end(mm_sigsuspend(posix_mm0(), *mask)));
}

int pause(void)
{
	sigset_t now;

	if (sigprocmask(SIG_BLOCK, NULL, &now))
		return -1;
	return sigsuspend(&now);
}

int kill(pid_t pid, int signo)
{
	return (int)posix_result(mm_kill(posix_mm0(), pid, signo));
}

int killpg(pid_t pgrp, int signo)
{
	if (pgrp <= 1)
		return posix_error(EINVAL);
	return kill(-pgrp, signo);
}

/* Directed at the calling thread, so its handler runs there before raise returns. */
int raise(int signo)
{
	if (!signo_valid(signo))
		return posix_error(EINVAL);
	return (int)posix_result(mm_tgkill(posix_mm0(), 0, signo));
}

/* A handler that returns does not save the process: the default action follows. */
void abort(void)
{
	sigset_t abort_only = signal_bit(SIGABRT);
	struct sigaction fallback = { .sa_handler = SIG_DFL };

	sigprocmask(SIG_UNBLOCK, &abort_only, NULL);
	raise(SIGABRT);
	sigaction(SIGABRT, &fallback, NULL);
	raise(SIGABRT);
	_exit(128 + SIGABRT);
}

unsigned alarm(unsigned seconds)
{
	long answer = mm_alarm(posix_mm0(), seconds);

	return answer < 0 ? 0 : (unsigned)answer;
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)posix_result(mm_setpgid(posix_mm0(), pid, pgid));
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)posix_result(mm_getpgid(posix_mm0(), pid));
}

pid_t getpgrp(void)
{
	return getpgid(0);
}

void siglongjmp(sigjmp_buf buf, int value)
{
	if (buf[0].mask_saved)
		sigprocmask(SIG_SETMASK, &buf[0].mask, NULL);
	longjmp(buf[0].env, value ? value : 1);
}

int sigemptyset(sigset_t *set)
{
	if (!set)
		return posix_error(EFAULT);
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	if (!set)
		return posix_error(EFAULT);
	*set = ~(sigset_t)0;
	return 0;
}

int sigaddset(sigset_t *set, int signo)
{
	if (!set || !signo_valid(signo))
		return posix_error(set ? EINVAL : EFAULT);
	*set |= signal_bit(signo);
	return 0;
}

int sigdelset(sigset_t *set, int signo)
{
	if (!set || !signo_valid(signo))
		return posix_error(set ? EINVAL : EFAULT);
	*set &= ~signal_bit(signo);
	return 0;
}

int sigismember(const sigset_t *set, int signo)
{
	if (!set || !signo_valid(signo))
		return posix_error(set ? EINVAL : EFAULT);
	return (*set & signal_bit(signo)) != 0;
}

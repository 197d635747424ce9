/* t_sigwait.c - sigwait, sigwaitinfo and sigtimedwait: a pending signal taken at once, a
 * wait another process ends, the timeout, EINTR from a handler, and bad arguments. */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

static volatile int handled;

static void count(int signo)
{
	(void)signo;
	handled++;
}

static sigset_t set_of(int first, int second)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, first);
	if (second)
		sigaddset(&set, second);
	return set;
}

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* A child that sleeps a little, then sends signo (with value 77 when queued) to its parent. */
static pid_t send_later(int signo, int queued)
{
	const struct timespec pause = { 0, 30000000 };
	pid_t child = fork();

	if (child == 0) {
		nanosleep(&pause, NULL);
		if (queued)
			sigqueue(getppid(), signo, (union sigval){ .sival_int = 77 });
		else
			kill(getppid(), signo);
		_exit(0);
	}
	return child;
}

static void test_pending_taken(void)
{
	sigset_t wanted = set_of(SIGUSR1, SIGRTMIN), old;
	siginfo_t info = { 0 };
	int signo = 0;

	sigprocmask(SIG_BLOCK, &wanted, &old);
	sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 5 });
	CHECK("sigwaitinfo takes a pending queued signal with its value and SI_QUEUE",
	      sigwaitinfo(&wanted, &info) == SIGRTMIN && info.si_signo == SIGRTMIN &&
	      info.si_value.sival_int == 5 && info.si_int == 5 && info.si_code == SI_QUEUE &&
	      info.si_pid == getpid());
	raise(SIGUSR1);
	CHECK("sigwait takes a pending SIGUSR1", sigwait(&wanted, &signo) == 0 && signo == SIGUSR1);
	sigset_t pending;
	sigpending(&pending);
	CHECK("what the waits took is no longer pending",
	      !sigismember(&pending, SIGUSR1) && !sigismember(&pending, SIGRTMIN));
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void test_wait_ended_by_another(void)
{
	sigset_t wanted = set_of(SIGRTMIN + 2, 0), chld = set_of(SIGCHLD, 0), old;
	siginfo_t info = { 0 };
	pid_t child;
	int status;

	sigprocmask(SIG_BLOCK, &wanted, &old);
	child = send_later(SIGRTMIN + 2, 1);
	CHECK("sigwaitinfo waits until another process queues the signal",
	      sigwaitinfo(&wanted, &info) == SIGRTMIN + 2 && info.si_value.sival_int == 77 &&
	      info.si_pid == child);
	waitpid(child, &status, 0);

	/* SIGCHLD is ignored by default, but a blocked one stays pending for sigwait. */
	sigprocmask(SIG_BLOCK, &chld, NULL);
	child = fork();
	if (child == 0)
		_exit(3);
	CHECK("sigwaitinfo takes the SIGCHLD of a child that exits, with CLD_EXITED",
	      sigwaitinfo(&chld, &info) == SIGCHLD && info.si_pid == child &&
	      info.si_code == CLD_EXITED);
	waitpid(child, &status, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void test_timeouts(void)
{
	sigset_t wanted = set_of(SIGUSR2, 0), old;
	struct timespec zero = { 0, 0 }, short_wait = { 0, 20000000 }, bad = { 0, 1000000000 };
	struct timespec start;

	sigprocmask(SIG_BLOCK, &wanted, &old);
	errno = 0;
	CHECK("sigtimedwait with a zero timeout and nothing pending is EAGAIN",
	      sigtimedwait(&wanted, NULL, &zero) == -1 && errno == EAGAIN);
	clock_gettime(CLOCK_MONOTONIC, &start);
	errno = 0;
	CHECK("sigtimedwait gives EAGAIN when its timeout passes",
	      sigtimedwait(&wanted, NULL, &short_wait) == -1 && errno == EAGAIN);
	CHECK("... not before the timeout", elapsed_ms(&start) >= 20);
	errno = 0;
	CHECK("a tv_nsec of a whole second is EINVAL",
	      sigtimedwait(&wanted, NULL, &bad) == -1 && errno == EINVAL);
	raise(SIGUSR2);
	CHECK_EQ("a pending signal is taken at once, timeout or not", SIGUSR2,
		 sigtimedwait(&wanted, NULL, &zero));
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void test_interrupted(void)
{
	sigset_t wanted = set_of(SIGUSR2, 0), old;
	struct sigaction action = { .sa_handler = count }, old_action;
	struct timespec long_wait = { 5, 0 };
	pid_t child;
	int status;

	sigprocmask(SIG_BLOCK, &wanted, &old);
	sigaction(SIGUSR1, &action, &old_action);
	handled = 0;
	child = send_later(SIGUSR1, 0);
	errno = 0;
	CHECK("sigtimedwait is EINTR when another signal's handler runs",
	      sigtimedwait(&wanted, NULL, &long_wait) == -1 && errno == EINTR && handled == 1);
	waitpid(child, &status, 0);
	sigaction(SIGUSR1, &old_action, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void test_sigwait(void)
{
	test_pending_taken();
	test_wait_ended_by_another();
	test_timeouts();
	test_interrupted();
}

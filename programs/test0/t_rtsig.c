/* t_rtsig.c - real-time signals: numbers and sysconf, sigqueue's values, order and
 * si_code, the queue limit, and standard signals that do not queue. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "test0.h"

#define MAX_SEEN 8

static volatile int seen_count;
static volatile int seen_signo[MAX_SEEN], seen_value[MAX_SEEN], seen_code[MAX_SEEN];
static volatile pid_t seen_pid[MAX_SEEN];

static void record(int signo, siginfo_t *info, void *context)
{
	(void)context;
	if (seen_count < MAX_SEEN) {
		seen_signo[seen_count] = signo;
		seen_value[seen_count] = info->si_value.sival_int;
		seen_code[seen_count] = info->si_code;
		seen_pid[seen_count] = info->si_pid;
	}
	seen_count++;
}

/* Every signal blocked while a handler runs, so each queued instance gets its own turn. */
static void catch_with_info(int signo)
{
	struct sigaction action = { .sa_sigaction = record, .sa_flags = SA_SIGINFO };

	sigfillset(&action.sa_mask);
	sigaction(signo, &action, NULL);
}

static void block(int signo, int how)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, signo);
	sigprocmask(how, &set, NULL);
}

static void test_numbers(void)
{
	struct rlimit limit;

	CHECK("SIGRTMIN is 34 and SIGRTMAX 64, as glibc's", SIGRTMIN == 34 && SIGRTMAX == 64);
	CHECK_EQ("sysconf(_SC_RTSIG_MAX) counts SIGRTMIN..SIGRTMAX", SIGRTMAX - SIGRTMIN + 1,
		 sysconf(_SC_RTSIG_MAX));
	CHECK("sysconf(_SC_REALTIME_SIGNALS) says they exist", sysconf(_SC_REALTIME_SIGNALS) > 0);
	CHECK("sysconf(_SC_SIGQUEUE_MAX) is RLIMIT_SIGPENDING's soft limit",
	      getrlimit(RLIMIT_SIGPENDING, &limit) == 0 && limit.rlim_cur > 0 &&
	      sysconf(_SC_SIGQUEUE_MAX) == (long)limit.rlim_cur);
	CHECK("sigaddset takes SIGRTMAX", ({
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGRTMAX) == 0 && sigismember(&set, SIGRTMAX) == 1 &&
			!sigismember(&set, SIGRTMAX - 1);
	}));
}

static void test_errors(void)
{
	union sigval value = { .sival_int = 1 };

	errno = 0;
	CHECK("sigqueue of signal 65 is EINVAL", sigqueue(getpid(), 65, value) == -1 &&
	      errno == EINVAL);
	errno = 0;
	CHECK("sigqueue of signal -1 is EINVAL", sigqueue(getpid(), -1, value) == -1 &&
	      errno == EINVAL);
	errno = 0;
	CHECK("sigqueue to no such process is ESRCH", sigqueue(30000, SIGRTMIN, value) == -1 &&
	      errno == ESRCH);
	CHECK_EQ("sigqueue of signal 0 only checks the process", 0, sigqueue(getpid(), 0, value));
	errno = 0;
	CHECK("sigaction of signal 65 is EINVAL",
	      sigaction(65, NULL, &(struct sigaction){ 0 }) == -1 && errno == EINVAL);
}

static void test_order_and_values(void)
{
	union sigval value;
	sigset_t both;

	catch_with_info(SIGRTMIN);
	catch_with_info(SIGRTMIN + 1);
	block(SIGRTMIN, SIG_BLOCK);
	block(SIGRTMIN + 1, SIG_BLOCK);
	seen_count = 0;
	value.sival_int = 10;
	sigqueue(getpid(), SIGRTMIN + 1, value);
	for (int i = 1; i <= 3; i++) {
		value.sival_int = i;
		sigqueue(getpid(), SIGRTMIN, value);
	}
	CHECK_EQ("blocked, nothing is delivered", 0, seen_count);
	sigemptyset(&both);
	sigaddset(&both, SIGRTMIN);
	sigaddset(&both, SIGRTMIN + 1);
	sigprocmask(SIG_UNBLOCK, &both, NULL);
	CHECK_EQ("all four queued instances are delivered", 4, seen_count);
	CHECK("lowest signal first, each signal's values in the order sent",
	      seen_signo[0] == SIGRTMIN && seen_value[0] == 1 &&
	      seen_signo[1] == SIGRTMIN && seen_value[1] == 2 &&
	      seen_signo[2] == SIGRTMIN && seen_value[2] == 3 &&
	      seen_signo[3] == SIGRTMIN + 1 && seen_value[3] == 10);
	CHECK("sigqueue's si_code is SI_QUEUE with the sender's pid",
	      seen_code[0] == SI_QUEUE && seen_pid[0] == getpid());

	seen_count = 0;
	kill(getpid(), SIGRTMIN);
	CHECK("kill's si_code is SI_USER with the sender's pid",
	      seen_count == 1 && seen_code[0] == SI_USER && seen_pid[0] == getpid());
	seen_count = 0;
	raise(SIGRTMIN);
	CHECK("raise's si_code is SI_TKILL (Linux's)", seen_count == 1 && seen_code[0] == SI_TKILL);

	/* A standard signal is pending at most once, whatever the values. */
	catch_with_info(SIGUSR1);
	block(SIGUSR1, SIG_BLOCK);
	seen_count = 0;
	value.sival_int = 1;
	sigqueue(getpid(), SIGUSR1, value);
	value.sival_int = 2;
	sigqueue(getpid(), SIGUSR1, value);
	block(SIGUSR1, SIG_UNBLOCK);
	CHECK("a standard signal sent twice while blocked is delivered once, with the first value",
	      seen_count == 1 && seen_value[0] == 1);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGRTMIN, SIG_DFL);
	signal(SIGRTMIN + 1, SIG_DFL);
}

/* In a child: RLIMIT_SIGPENDING 4 lets four instances wait; the fifth is EAGAIN. */
static int queue_full(void *arg)
{
	struct rlimit four = { 4, 4 };
	union sigval value = { .sival_int = 0 };
	int failures = 0;

	(void)arg;
	catch_with_info(SIGRTMIN);
	block(SIGRTMIN, SIG_BLOCK);
	if (setrlimit(RLIMIT_SIGPENDING, &four))
		return 10;
	for (int i = 0; i < 4; i++)
		failures += sigqueue(getpid(), SIGRTMIN, value) != 0;
	errno = 0;
	if (sigqueue(getpid(), SIGRTMIN, value) != -1 || errno != EAGAIN)
		return 20;
	if (kill(getpid(), SIGRTMIN) != 0)
		return 30;
	seen_count = 0;
	block(SIGRTMIN, SIG_UNBLOCK);
	if (seen_count != 4)
		return 40 + seen_count;
	return failures;
}

static void test_queue_limit(void)
{
	CHECK_EQ("RLIMIT_SIGPENDING bounds the queue: sigqueue beyond it is EAGAIN, kill is "
		 "not refused, the queued four arrive", 0, run_in_child(queue_full, NULL));
}

void test_rtsig(void)
{
	test_numbers();
	test_errors();
	test_order_and_values();
	test_queue_limit();
}

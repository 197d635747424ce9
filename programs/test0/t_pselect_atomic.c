/* t_pselect_atomic.c - ppoll's and pselect's mask swap is atomic with the
 * wait: a timer signal, blocked outside the call and let in by its mask,
 * fires at a different moment around the call in each of many rounds
 * (before it, while the mask is being set, while fs0 is being asked, while
 * it waits), and every round ends with EINTR long before its timeout,
 * after exactly one run of the handler. ppoll watches the same pipe
 * POLL_ITEMS times over, which widens the stretch between the mask change
 * and fs0 taking the request, so rounds land there. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

#define ROUNDS		500
/* The call's own timeout; a round that reaches it lost its signal. */
#define WAIT_MS		2000
/* A round slower than this waited for something other than the signal. */
#define PROMPT_MS	500
/* The timer fires about TIMER_US after arming (on mm0's millisecond
 * ticks), and the call starts 0..SPIN_SPREAD_US after arming, SPIN_STEP_US
 * later each round: across the rounds the signal lands at every point of
 * the call. */
#define TIMER_US	1000
#define SPIN_SPREAD_US	3500
#define SPIN_STEP_US	7
#define POLL_ITEMS	1024

static volatile sig_atomic_t handled;

static void note_signal(int signo)
{
	(void)signo;
	handled++;
}

static long long monotonic_us(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000;
}

static void spin_until(long long deadline_us)
{
	while (monotonic_us() < deadline_us)
		continue;
}

/* One round's wait on a pipe that never becomes readable: ppoll (over
 * items, room for POLL_ITEMS) in even rounds, pselect in odd ones; -1 with
 * errno, as the calls answer. */
static int wait_masked(int round, int fd, const sigset_t *let_in, struct pollfd *items)
{
	struct timespec timeout = { WAIT_MS / 1000, (WAIT_MS % 1000) * 1000000L };
	fd_set readable;

	if (round % 2 == 0) {
		for (int i = 0; i < POLL_ITEMS; i++)
			items[i] = (struct pollfd){ .fd = fd, .events = POLLIN };
		return ppoll(items, POLL_ITEMS, &timeout, let_in);
	}
	FD_ZERO(&readable);
	FD_SET(fd, &readable);
	return pselect(fd + 1, &readable, NULL, NULL, &timeout, let_in);
}

void test_pselect_atomic(void)
{
	struct sigaction action = { .sa_handler = note_signal }, old;
	sigset_t block_alarm, let_in, saved;
	struct pollfd *items = malloc(POLL_ITEMS * sizeof(*items));
	int fds[2], not_eintr = 0, slow = 0, wrong_count = 0;

	if (!items || pipe(fds)) {
		free(items);
		return;
	}
	sigaction(SIGALRM, &action, &old);
	sigemptyset(&block_alarm);
	sigaddset(&block_alarm, SIGALRM);
	sigprocmask(SIG_BLOCK, &block_alarm, &saved);
	let_in = saved;
	sigdelset(&let_in, SIGALRM);
	for (int round = 0; round < ROUNDS; round++) {
		struct itimerval shot = { { 0, 0 }, { 0, TIMER_US } };
		long long armed, started, elapsed_ms;
		int answer;

		handled = 0;
		armed = monotonic_us();
		setitimer(ITIMER_REAL, &shot, NULL);
		spin_until(armed + (round * SPIN_STEP_US) % SPIN_SPREAD_US);
		started = monotonic_us();
		errno = 0;
		answer = wait_masked(round, fds[0], &let_in, items);
		elapsed_ms = (monotonic_us() - started) / 1000;
		not_eintr += answer != -1 || errno != EINTR;
		slow += elapsed_ms >= PROMPT_MS;
		wrong_count += handled != 1;
	}
	CHECK_EQ("ppoll/pselect: a signal at any moment of the call ends it with EINTR", 0,
		 not_eintr);
	CHECK_EQ("... promptly: no round waits for its timeout", 0, slow);
	CHECK_EQ("... after exactly one run of the handler", 0, wrong_count);
	sigprocmask(SIG_SETMASK, &saved, NULL);
	sigaction(SIGALRM, &old, NULL);
	close(fds[0]);
	close(fds[1]);
	free(items);
}

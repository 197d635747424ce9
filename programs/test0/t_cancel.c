/* t_cancel.c - deferred cancellation at the blocking calls that are cancellation points:
 * a thread blocked in read, write, poll, select, pause, sigsuspend, nanosleep, clock_nanosleep, sleep or
 * waitpid ends PTHREAD_CANCELED with its cleanup handler run, and the request it waited in
 * is gone (the pipe's bytes go to the next reader, the child to the next waiter); open,
 * close and fsync act on a cancel already pending; a thread with cancellation disabled
 * keeps its blocked read and is cancelled at its next point. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/select.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

#define MS	1000000LL

struct blocker {
	int (*call)(struct blocker *);
	int fd;
	pid_t child;
	volatile int cleaned;
	volatile int started;
	volatile int returned;	/* the call came back: a cancel that did not act */
};

static void cleanup(void *arg)
{
	((struct blocker *)arg)->cleaned = 1;
}

static void *blocker_run(void *arg)
{
	struct blocker *blocker = arg;

	pthread_cleanup_push(cleanup, blocker);
	blocker->started = 1;
	blocker->call(blocker);
	blocker->returned = 1;
	pthread_cleanup_pop(0);
	return NULL;
}

static long long monotonic_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

/* Starts the blocker, lets it block (20 ms), cancels it and joins: whether it ended
 * cancelled, with its cleanup run, within a second of the cancel. */
static int cancelled_while_blocked(struct blocker *blocker)
{
	const struct timespec settle = { 0, 20 * MS };
	pthread_t thread;
	void *result = NULL;
	long long before;

	if (pthread_create(&thread, NULL, blocker_run, blocker))
		return 0;
	nanosleep(&settle, NULL);
	before = monotonic_ns();
	if (pthread_cancel(thread) || pthread_join(thread, &result))
		return 0;
	return result == PTHREAD_CANCELED && blocker->cleaned && !blocker->returned &&
	       monotonic_ns() - before < 1000 * MS;
}

static int read_empty(struct blocker *blocker)
{
	char byte;

	return (int)read(blocker->fd, &byte, 1);
}

static int write_full(struct blocker *blocker)
{
	char block[512] = { 0 };

	for (;;)
		if (write(blocker->fd, block, sizeof(block)) < 0)
			return -1;
}

static int do_pause(struct blocker *blocker)
{
	(void)blocker;
	return pause();
}

static int do_sigsuspend(struct blocker *blocker)
{
	sigset_t none;

	(void)blocker;
	sigemptyset(&none);
	return sigsuspend(&none);
}

static int do_nanosleep(struct blocker *blocker)
{
	const struct timespec long_sleep = { 100, 0 };

	(void)blocker;
	return nanosleep(&long_sleep, NULL);
}

static int do_clock_nanosleep(struct blocker *blocker)
{
	struct timespec until;

	(void)blocker;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += 100;
	return clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
}

static int do_sleep(struct blocker *blocker)
{
	(void)blocker;
	return (int)sleep(100);
}

static int do_poll(struct blocker *blocker)
{
	struct pollfd one = { .fd = blocker->fd, .events = POLLIN };

	return poll(&one, 1, -1);
}

static int do_select(struct blocker *blocker)
{
	fd_set readable;

	FD_ZERO(&readable);
	FD_SET(blocker->fd, &readable);
	return select(blocker->fd + 1, &readable, NULL, NULL, NULL);
}

static int do_waitpid(struct blocker *blocker)
{
	return (int)waitpid(blocker->child, NULL, 0);
}

static void blocked_calls(void)
{
	int pipe_fds[2];
	char byte = 0;
	struct blocker blocker;
	pid_t child;
	int status = -1;

	if (pipe(pipe_fds))
		return;
	blocker = (struct blocker){ .call = read_empty, .fd = pipe_fds[0] };
	CHECK("a thread blocked in read of an empty pipe is cancelled",
	      cancelled_while_blocked(&blocker));
	CHECK_EQ("its read is gone from fs0: the next byte written goes to the next read", 1L,
		 (long)(write(pipe_fds[1], "x", 1) == 1 && read(pipe_fds[0], &byte, 1) == 1 &&
			byte == 'x'));
	blocker = (struct blocker){ .call = do_poll, .fd = pipe_fds[0] };
	CHECK("a thread in poll of an empty pipe with no timeout is cancelled",
	      cancelled_while_blocked(&blocker));
	blocker = (struct blocker){ .call = do_select, .fd = pipe_fds[0] };
	CHECK("a thread in select of an empty pipe with no timeout is cancelled",
	      cancelled_while_blocked(&blocker));
	CHECK_EQ("their waits are gone from fs0: a byte written is read by the next read", 1L,
		 (long)(write(pipe_fds[1], "y", 1) == 1 && read(pipe_fds[0], &byte, 1) == 1 &&
			byte == 'y'));
	blocker = (struct blocker){ .call = write_full, .fd = pipe_fds[1] };
	CHECK("a thread blocked in write to a full pipe is cancelled",
	      cancelled_while_blocked(&blocker));
	close(pipe_fds[0]);
	close(pipe_fds[1]);

	blocker = (struct blocker){ .call = do_pause };
	CHECK("a thread in pause is cancelled", cancelled_while_blocked(&blocker));
	blocker = (struct blocker){ .call = do_sigsuspend };
	CHECK("a thread in sigsuspend is cancelled", cancelled_while_blocked(&blocker));
	blocker = (struct blocker){ .call = do_nanosleep };
	CHECK("a thread in a 100 s nanosleep is cancelled at once", cancelled_while_blocked(&blocker));
	blocker = (struct blocker){ .call = do_clock_nanosleep };
	CHECK("a thread in an absolute clock_nanosleep is cancelled at once",
	      cancelled_while_blocked(&blocker));
	blocker = (struct blocker){ .call = do_sleep };
	CHECK("a thread in sleep(100) is cancelled at once", cancelled_while_blocked(&blocker));

	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	blocker = (struct blocker){ .call = do_waitpid, .child = child };
	CHECK("a thread in waitpid is cancelled", cancelled_while_blocked(&blocker));
	kill(child, SIGKILL);
	CHECK("its wait is gone from mm0: the child goes to the next waitpid",
	      waitpid(child, &status, 0) == child && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGKILL);
}

/* Calls that do not block still act on a cancel already pending. */
static void *pending_then_call(void *arg)
{
	int call = *(int *)arg, fd;

	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	pthread_cancel(pthread_self());
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
	if (call == 0) {
		fd = open("/boot/hello.txt", O_RDONLY);
		close(fd);
	} else if (call == 1) {
		close(-1);
	} else {
		fsync(0);
	}
	return (void *)"returned";
}

static void pending_cancels(void)
{
	const char *const names[] = { "open acts on a pending cancel", "close acts on a pending cancel",
				      "fsync acts on a pending cancel" };

	for (int call = 0; call < 3; call++) {
		pthread_t thread;
		void *result = NULL;

		pthread_create(&thread, NULL, pending_then_call, &call);
		pthread_join(thread, &result);
		CHECK(names[call], result == PTHREAD_CANCELED);
	}
}

struct disabled_reader {
	int fd;
	char got;
	volatile ssize_t answer;
};

static void *read_with_cancel_disabled(void *arg)
{
	struct disabled_reader *reader = arg;

	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	reader->answer = read(reader->fd, &reader->got, 1);
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
	pthread_testcancel();
	return NULL;
}

static void disabled_cancel(void)
{
	const struct timespec settle = { 0, 20 * MS };
	struct disabled_reader reader = { .answer = -2 };
	int pipe_fds[2];
	pthread_t thread;
	void *result = NULL;

	if (pipe(pipe_fds))
		return;
	reader.fd = pipe_fds[0];
	pthread_create(&thread, NULL, read_with_cancel_disabled, &reader);
	nanosleep(&settle, NULL);
	pthread_cancel(thread);
	nanosleep(&settle, NULL);
	CHECK_EQ("with cancellation disabled, a blocked read stays blocked", -2L, (long)reader.answer);
	write(pipe_fds[1], "y", 1);
	pthread_join(thread, &result);
	CHECK("it gets its byte, then its next cancellation point acts",
	      reader.answer == 1 && reader.got == 'y' && result == PTHREAD_CANCELED);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
}

void test_cancellation_points(void)
{
	long free_before;

	/* A first round lets the servers' own heaps grow to what these waits need (they
	 * never shrink, and where a page boundary falls moves with code layout); the
	 * second round must then give back every page it took. */
	blocked_calls();
	pending_cancels();
	disabled_cancel();
	free_before = sysconf(_SC_AVPHYS_PAGES);
	blocked_calls();
	pending_cancels();
	disabled_cancel();
	/* More may be free than before: an earlier test's detached thread left a stack that a
	 * later pthread_create frees. */
	CHECK("no page of the cancelled threads is lost", free_pages_settle(free_before) <= 0);
}

/* t_poll.c - poll, ppoll, select and pselect on the target: each readiness
 * bit of pipes, files and devices, hang-up after the last writer, POLLNVAL
 * and EBADF, timeouts that return at once or really elapse, waits ended by a
 * writer in another process and in another thread, EINTR from a SIGALRM
 * handler, ppoll's and pselect's signal masks, select's bounds, and fs0
 * serving another process while one waits in poll. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

static volatile sig_atomic_t handled;

static void note_signal(int signo)
{
	(void)signo;
	handled++;
}

static long long monotonic_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static short poll_one(int fd, short events, int timeout)
{
	struct pollfd one = { .fd = fd, .events = events, .revents = -1 };

	return poll(&one, 1, timeout) < 0 ? -1 : one.revents;
}

static void readiness_bits(void)
{
	int fds[2], file, dir, null;
	struct pollfd both[2];

	if (pipe(fds))
		return;
	CHECK_EQ("an empty pipe's read end is not ready", 0, poll_one(fds[0], POLLIN, 0));
	CHECK_EQ("an empty pipe's write end is writable", POLLOUT, poll_one(fds[1], POLLOUT, 0));
	CHECK_EQ("POLLWRNORM comes with POLLOUT", POLLOUT | POLLWRNORM,
		 poll_one(fds[1], POLLOUT | POLLWRNORM, 0));
	write(fds[1], "x", 1);
	CHECK_EQ("a byte makes the read end POLLIN", POLLIN | POLLRDNORM,
		 poll_one(fds[0], POLLIN | POLLRDNORM, 0));
	both[0] = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	both[1] = (struct pollfd){ .fd = fds[1], .events = POLLOUT };
	CHECK_EQ("poll counts the ready descriptors", 2, poll(both, 2, 0));
	close(fds[1]);
	CHECK_EQ("the last writer gone: POLLHUP beside the unread byte", POLLIN | POLLHUP,
		 poll_one(fds[0], POLLIN, 0));
	CHECK_EQ("POLLHUP comes unasked", POLLHUP, poll_one(fds[0], 0, 0) & POLLHUP);
	close(fds[0]);
	if (pipe(fds))
		return;
	close(fds[0]);
	CHECK_EQ("a pipe without readers gives its writer POLLERR", POLLOUT | POLLERR,
		 poll_one(fds[1], POLLOUT, 0));
	close(fds[1]);
	CHECK_EQ("a closed descriptor is POLLNVAL", POLLNVAL, poll_one(fds[1], POLLIN, 0));
	CHECK_EQ("a negative descriptor is skipped", 0, poll_one(-1, POLLIN, 0));
	file = open("/tmp/poll.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	dir = open("/tmp", O_RDONLY);
	null = open("/dev/null", O_RDWR);
	CHECK_EQ("a regular file is always ready", POLLIN | POLLOUT,
		 poll_one(file, POLLIN | POLLOUT, -1));
	CHECK_EQ("a directory is readable", POLLIN, poll_one(dir, POLLIN, -1));
	CHECK_EQ("/dev/null is always ready", POLLIN | POLLOUT, poll_one(null, POLLIN | POLLOUT, -1));
	CHECK_EQ("the console is writable", POLLOUT, poll_one(1, POLLOUT, 0));
	close(file);
	close(dir);
	close(null);
	unlink("/tmp/poll.txt");
}

static void timeouts(void)
{
	int fds[2];
	long long before;
	struct timespec thirty_ms = { 0, 30 * 1000000 };

	if (pipe(fds))
		return;
	CHECK_EQ("a zero timeout returns 0 at once", 0, poll_one(fds[0], POLLIN, 0));
	before = monotonic_ms();
	CHECK_EQ("a 50 ms timeout returns 0", 0, poll_one(fds[0], POLLIN, 50));
	CHECK("... after at least 50 ms", monotonic_ms() - before >= 50);
	before = monotonic_ms();
	CHECK_EQ("ppoll's timespec timeout returns 0", 0,
		 ppoll(&(struct pollfd){ .fd = fds[0], .events = POLLIN }, 1, &thirty_ms, NULL));
	CHECK("... after at least 30 ms", monotonic_ms() - before >= 30);
	before = monotonic_ms();
	CHECK_EQ("poll of no descriptors sleeps", 0, poll(NULL, 0, 20));
	CHECK("... at least 20 ms", monotonic_ms() - before >= 20);
	errno = 0;
	CHECK("ppoll with a bad timespec is EINVAL",
	      ppoll(NULL, 0, &(struct timespec){ 0, 1000000000 }, NULL) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("poll of more than 1024 descriptors is EINVAL",
	      poll(NULL, 1025, 0) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("poll of a bad array is EFAULT",
	      poll((struct pollfd *)8, 1, 0) == -1 && errno == EFAULT);
	close(fds[0]);
	close(fds[1]);
}

/* The child writes after the parent has started waiting. */
static void wake_by_process(void)
{
	int fds[2], status;
	pid_t child;
	struct pollfd watched;

	if (pipe(fds))
		return;
	child = fork();
	if (child == 0) {
		usleep(20000);
		write(fds[1], "w", 1);
		_exit(0);
	}
	close(fds[1]);
	watched = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	CHECK_EQ("a writer in another process ends the wait", 1, poll(&watched, 1, 5000));
	CHECK_EQ("... with POLLIN", POLLIN, watched.revents & POLLIN);
	waitpid(child, &status, 0);
	close(fds[0]);
}

static void *late_writer(void *arg)
{
	usleep(20000);
	write(*(int *)arg, "t", 1);
	return NULL;
}

static void wake_by_thread(void)
{
	int fds[2];
	pthread_t thread;
	fd_set readable;
	struct timeval limit = { 5, 0 };

	if (pipe(fds))
		return;
	if (pthread_create(&thread, NULL, late_writer, &fds[1]))
		return;
	FD_ZERO(&readable);
	FD_SET(fds[0], &readable);
	CHECK_EQ("select is ended by a writer thread", 1, select(fds[0] + 1, &readable, NULL, NULL, &limit));
	CHECK("... the pipe is in the read set", FD_ISSET(fds[0], &readable));
	pthread_join(thread, NULL);
	close(fds[0]);
	close(fds[1]);
}

static void interrupted(void)
{
	int fds[2];
	struct sigaction action = { .sa_handler = note_signal }, old;

	if (pipe(fds))
		return;
	sigaction(SIGALRM, &action, &old);
	handled = 0;
	alarm(1);
	errno = 0;
	CHECK("a SIGALRM handler ends poll with EINTR",
	      poll(&(struct pollfd){ .fd = fds[0], .events = POLLIN }, 1, -1) == -1 && errno == EINTR);
	CHECK_EQ("... after the handler ran", 1, handled);
	sigaction(SIGALRM, &old, NULL);
	close(fds[0]);
	close(fds[1]);
}

static void masks(void)
{
	int fds[2];
	sigset_t block_usr1, unblock_all, now;
	struct sigaction action = { .sa_handler = note_signal }, old;
	struct timespec instant = { 0, 0 };
	fd_set readable;

	if (pipe(fds))
		return;
	sigaction(SIGUSR1, &action, &old);
	sigemptyset(&block_usr1);
	sigaddset(&block_usr1, SIGUSR1);
	sigemptyset(&unblock_all);
	sigprocmask(SIG_BLOCK, &block_usr1, NULL);
	handled = 0;
	kill(getpid(), SIGUSR1);
	CHECK_EQ("a blocked signal waits", 0, handled);
	errno = 0;
	CHECK("ppoll's mask lets the pending signal in: EINTR",
	      ppoll(&(struct pollfd){ .fd = fds[0], .events = POLLIN }, 1, NULL, &unblock_all) == -1 &&
		      errno == EINTR);
	CHECK_EQ("... its handler ran", 1, handled);
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK("... and the old mask is back", sigismember(&now, SIGUSR1) == 1);
	kill(getpid(), SIGUSR1);
	FD_ZERO(&readable);
	FD_SET(fds[0], &readable);
	errno = 0;
	CHECK("pselect's mask likewise", pselect(fds[0] + 1, &readable, NULL, NULL, NULL,
						 &unblock_all) == -1 && errno == EINTR);
	CHECK_EQ("... its handler ran", 2, handled);
	kill(getpid(), SIGUSR1);
	CHECK_EQ("a mask that keeps it blocked: the timeout", 0,
		 ppoll(&(struct pollfd){ .fd = fds[0], .events = POLLIN }, 1, &instant, &block_usr1));
	CHECK_EQ("... and the signal still waits", 2, handled);
	sigprocmask(SIG_UNBLOCK, &block_usr1, NULL);
	CHECK_EQ("unblocked, it is handled", 3, handled);
	sigaction(SIGUSR1, &old, NULL);
	close(fds[0]);
	close(fds[1]);
}

static void select_bounds(void)
{
	int fds[2], high;
	fd_set readable, writable;
	struct timeval instant = { 0, 0 };

	if (pipe(fds))
		return;
	high = dup2(fds[1], FD_SETSIZE - 1);
	FD_ZERO(&readable);
	FD_ZERO(&writable);
	FD_SET(fds[0], &readable);
	FD_SET(FD_SETSIZE - 1, &writable);
	CHECK_EQ("select sees descriptor FD_SETSIZE - 1", 1,
		 select(FD_SETSIZE, &readable, &writable, NULL, &instant));
	CHECK("... writable, and the empty pipe not readable",
	      FD_ISSET(FD_SETSIZE - 1, &writable) && !FD_ISSET(fds[0], &readable));
	errno = 0;
	CHECK("select with nfds over FD_SETSIZE is EINVAL",
	      select(FD_SETSIZE + 1, NULL, NULL, NULL, &instant) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("select with negative nfds is EINVAL",
	      select(-1, NULL, NULL, NULL, &instant) == -1 && errno == EINVAL);
	close(high);
	FD_ZERO(&writable);
	FD_SET(FD_SETSIZE - 1, &writable);
	errno = 0;
	CHECK("select of a closed descriptor is EBADF",
	      select(FD_SETSIZE, NULL, &writable, NULL, &instant) == -1 && errno == EBADF);
	instant.tv_usec = 1000000;
	errno = 0;
	CHECK("select with tv_usec of a second is EINVAL",
	      select(0, NULL, NULL, NULL, &instant) == -1 && errno == EINVAL);
	close(fds[0]);
	close(fds[1]);
}

/* While the parent waits in poll without end, a child's file requests are
 * still answered; the child then ends the parent's wait. */
static void others_served(void)
{
	int fds[2], status = -1;
	pid_t child;
	struct pollfd watched;

	if (pipe(fds))
		return;
	child = fork();
	if (child == 0) {
		int file;

		usleep(20000);
		file = open("/tmp/poll-child.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
		if (file < 0 || write(file, "ok", 2) != 2 || close(file) ||
		    unlink("/tmp/poll-child.txt"))
			_exit(1);
		write(fds[1], "c", 1);
		_exit(0);
	}
	watched = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	CHECK_EQ("a process blocked in poll does not stop fs0", 1, poll(&watched, 1, -1));
	waitpid(child, &status, 0);
	CHECK("... the other process's files worked meanwhile", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(fds[0]);
	close(fds[1]);
}

void test_poll(void)
{
	readiness_bits();
	timeouts();
	wake_by_process();
	wake_by_thread();
	interrupted();
	masks();
	select_bounds();
	others_served();
}

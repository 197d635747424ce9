/* t_locks.c - fcntl record locks between two processes: F_GETLK, F_SETLK's
 * EAGAIN, splitting and merging one's own ranges, F_SETLKW waiting until a
 * lock goes, EDEADLK for a two-process cycle, and release on any close of
 * the file and on exit. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test0.h"

#define FILE_PATH	"/tmp/t0k"

static int lock_range(int fd, int command, short type, off_t start, off_t len)
{
	struct flock lock = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	return fcntl(fd, command, &lock);
}

/* F_GETLK for [start, start + len): the lock in the way, or l_type F_UNLCK. */
static struct flock probe(int fd, short type, off_t start, off_t len)
{
	struct flock lock = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	fcntl(fd, F_GETLK, &lock);
	return lock;
}

static void signal_pipe(int fd)
{
	char byte = 1;
	write(fd, &byte, 1);
}

static void await_pipe(int fd)
{
	char byte;
	read(fd, &byte, 1);
}

/* The child: checks against the parent's locks, reported by exit status. */
static int child_checks(int to_parent, int from_parent)
{
	int fd = open(FILE_PATH, O_RDWR);
	struct flock seen = probe(fd, F_WRLCK, 5, 1);
	if (seen.l_type != F_WRLCK || seen.l_start != 0 || seen.l_len != 10 || seen.l_pid != getppid())
		return 1;
	if (lock_range(fd, F_SETLK, F_WRLCK, 5, 1) != -1 || errno != EAGAIN)
		return 2;
	if (lock_range(fd, F_SETLK, F_RDLCK, 10, 5) != 0)
		return 3;	/* past the parent's range */
	signal_pipe(to_parent);
	/* The parent unlocks [0, 10) after a while: this waits until then. */
	if (lock_range(fd, F_SETLKW, F_WRLCK, 0, 10) != 0)
		return 4;
	signal_pipe(to_parent);
	await_pipe(from_parent);
	/* The parent holds [20, 30) and, a moment after telling us, waits for
	 * [0, 10), ours: our wait for [20, 30) would close the cycle. */
	usleep(300000);
	if (lock_range(fd, F_SETLKW, F_WRLCK, 20, 1) != -1 || errno != EDEADLK)
		return 5;
	return 0;
}

void test_locks(void)
{
	int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644), up[2], down[2], status = -1;

	write(fd, "0123456789abcdefghijklmnopqrstuvwxyz", 36);
	CHECK_EQ("F_SETLK a write lock on [0, 10)", 0, lock_range(fd, F_SETLK, F_WRLCK, 0, 10));
	CHECK("F_GETLK sees no conflict with our own lock", probe(fd, F_WRLCK, 0, 10).l_type == F_UNLCK);
	pipe(up);
	pipe(down);
	pid_t child = fork();
	if (child == 0)
		_exit(child_checks(up[1], down[0]));
	await_pipe(up[0]);
	struct flock seen = probe(fd, F_WRLCK, 12, 1);
	CHECK("F_GETLK reports the child's read lock", seen.l_type == F_RDLCK && seen.l_pid == child &&
	      seen.l_start == 10 && seen.l_len == 5);
	CHECK("a read lock shares with a read lock", lock_range(fd, F_SETLK, F_RDLCK, 12, 1) == 0);
	CHECK_EQ("unlock [0, 10): the child's F_SETLKW is granted", 0, lock_range(fd, F_SETLK, F_UNLCK, 0, 10));
	await_pipe(up[0]);
	CHECK("the child now holds [0, 10)", probe(fd, F_RDLCK, 3, 1).l_pid == child);
	CHECK_EQ("lock [20, 30)", 0, lock_range(fd, F_SETLK, F_WRLCK, 20, 10));
	signal_pipe(down[1]);
	/* The child's deadlock answer comes while we wait; then it exits and its locks go. */
	CHECK_EQ("F_SETLKW on the child's range waits until the child exits", 0,
		 lock_range(fd, F_SETLKW, F_WRLCK, 0, 10));
	waitpid(child, &status, 0);
	CHECK("the child saw conflicts, waited, and got EDEADLK", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ("unlock the middle of [20, 30)", 0, lock_range(fd, F_SETLK, F_UNLCK, 24, 2));
	int other = open(FILE_PATH, O_RDWR);
	close(other);
	child = fork();
	if (child == 0) {
		int mine = open(FILE_PATH, O_RDWR);
		_exit(lock_range(mine, F_SETLK, F_WRLCK, 0, 36) == 0 ? 0 : 1);
	}
	waitpid(child, &status, 0);
	CHECK("closing another descriptor of the file released every lock",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0);
	errno = 0;
	CHECK("a write lock on a read-only descriptor gives EBADF",
	      (other = open(FILE_PATH, O_RDONLY)) >= 0 && lock_range(other, F_SETLK, F_WRLCK, 0, 1) == -1 &&
	      errno == EBADF);
	close(other);
	errno = 0;
	CHECK("a range before the file's start gives EINVAL", lock_range(fd, F_SETLK, F_RDLCK, -5, 2) == -1 &&
	      errno == EINVAL);
	close(fd);
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
	CHECK_EQ("unlink " FILE_PATH, 0, unlink(FILE_PATH));
}

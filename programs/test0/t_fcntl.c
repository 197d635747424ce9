/* t_fcntl.c - fcntl and close-on-exec: FD_CLOEXEC and the status flags
 * read and set, O_NONBLOCK making a pipe read give EAGAIN, F_DUPFD's
 * lowest number, the console's descriptors as ordinary ones, errors, and O_CLOEXEC or
 * FD_CLOEXEC descriptors closed by execve while others stay (exec_probe). */
#define _GNU_SOURCE	/* pipe2, as on Linux */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test0.h"

#define PROBE_ALL_WELL	40

static int fails_with(int result, int error)
{
	return result == -1 && errno == error;
}

static void descriptor_flags(void)
{
	int fd = open("/t0f/flags", O_RDWR | O_CREAT | O_TRUNC, 0644), other;

	CHECK_EQ("F_GETFD of a new descriptor: no close-on-exec", 0, fcntl(fd, F_GETFD));
	CHECK_EQ("F_SETFD FD_CLOEXEC", 0, fcntl(fd, F_SETFD, FD_CLOEXEC));
	CHECK_EQ("... F_GETFD reports it", FD_CLOEXEC, fcntl(fd, F_GETFD));
	fcntl(fd, F_SETFD, 0);
	CHECK_EQ("F_SETFD 0 clears it", 0, fcntl(fd, F_GETFD));
	CHECK_EQ("F_GETFL of an O_RDWR file", O_RDWR, fcntl(fd, F_GETFL));
	CHECK_EQ("F_SETFL O_APPEND", 0, fcntl(fd, F_SETFL, O_APPEND));
	CHECK_EQ("... F_GETFL reports it", O_RDWR | O_APPEND, fcntl(fd, F_GETFL));
	write(fd, "abc", 3);
	lseek(fd, 0, SEEK_SET);
	CHECK_EQ("... and writes go to the end", 5, write(fd, "de", 2) == 2 ? lseek(fd, 0, SEEK_CUR) : -1);
	close(fd);
	other = open("/t0f/flags", O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	CHECK_EQ("open(O_CLOEXEC): F_GETFD gives FD_CLOEXEC", FD_CLOEXEC, fcntl(other, F_GETFD));
	CHECK_EQ("open(O_WRONLY | O_NONBLOCK): F_GETFL gives them back", O_WRONLY | O_NONBLOCK,
		 fcntl(other, F_GETFL));
	close(other);
	unlink("/t0f/flags");
	CHECK_EQ("the console: F_GETFD of 1 is 0", 0, fcntl(1, F_GETFD));
	CHECK_EQ("the console: F_GETFL of 0 is O_RDWR (0-2 share init's one open)", O_RDWR,
		 fcntl(0, F_GETFL));
	CHECK_EQ("the console: F_GETFL of 2 is O_RDWR", O_RDWR, fcntl(2, F_GETFL));
}

static void nonblocking_pipes(void)
{
	int ends[2] = { -1, -1 };
	char text[4];

	pipe(ends);
	CHECK_EQ("a pipe's read end is O_RDONLY and blocking", O_RDONLY, fcntl(ends[0], F_GETFL));
	CHECK_EQ("F_SETFL O_NONBLOCK on it", 0, fcntl(ends[0], F_SETFL, O_NONBLOCK));
	CHECK_EQ("... F_GETFL reports it", O_RDONLY | O_NONBLOCK, fcntl(ends[0], F_GETFL));
	errno = 0;
	CHECK("... and a read of the empty pipe gives EAGAIN",
	      fails_with(read(ends[0], text, sizeof(text)), EAGAIN));
	close(ends[0]);
	close(ends[1]);
	CHECK_EQ("pipe2(O_CLOEXEC | O_NONBLOCK)", 0, pipe2(ends, O_CLOEXEC | O_NONBLOCK));
	CHECK("... both ends are close-on-exec",
	      fcntl(ends[0], F_GETFD) == FD_CLOEXEC && fcntl(ends[1], F_GETFD) == FD_CLOEXEC);
	CHECK_EQ("... the write end is O_WRONLY | O_NONBLOCK", O_WRONLY | O_NONBLOCK,
		 fcntl(ends[1], F_GETFL));
	errno = 0;
	CHECK("... and reading it empty gives EAGAIN",
	      fails_with(read(ends[0], text, sizeof(text)), EAGAIN));
	close(ends[0]);
	close(ends[1]);
}

static void duplicates_and_errors(void)
{
	int fd = open("/t0f/dup", O_RDWR | O_CREAT | O_TRUNC, 0644), copy;

	fcntl(fd, F_SETFD, FD_CLOEXEC);
	CHECK_EQ("F_DUPFD from 30 gives 30", 30, fcntl(fd, F_DUPFD, 30));
	CHECK_EQ("... and then 31, the lowest free at or above 30", 31, fcntl(fd, F_DUPFD, 30));
	CHECK_EQ("... a copy without close-on-exec", 0, fcntl(31, F_GETFD));
	close(30);
	CHECK_EQ("F_DUPFD_CLOEXEC from 30 gives the freed 30", 30, fcntl(fd, F_DUPFD_CLOEXEC, 30));
	CHECK_EQ("... with close-on-exec", FD_CLOEXEC, fcntl(30, F_GETFD));
	copy = fcntl(fd, F_DUPFD, 0);
	CHECK("F_DUPFD from 0 gives a file descriptor, not the console's", copy > 2 && copy < 30);
	close(copy);
	close(30);
	close(31);
	errno = 0;
	CHECK("fcntl(-1) gives EBADF", fails_with(fcntl(-1, F_GETFD), EBADF));
	errno = 0;
	CHECK("fcntl on a closed descriptor gives EBADF", fails_with(fcntl(31, F_GETFL), EBADF));
	errno = 0;
	CHECK("F_DUPFD from a negative number gives EINVAL", fails_with(fcntl(fd, F_DUPFD, -1), EINVAL));
	errno = 0;
	CHECK("F_DUPFD past the table gives EINVAL", fails_with(fcntl(fd, F_DUPFD, 1000), EINVAL));
	errno = 0;
	CHECK("an unknown command gives EINVAL", fails_with(fcntl(fd, 9999), EINVAL));
	copy = fcntl(1, F_DUPFD, 20);
	CHECK("F_DUPFD of the console gives a terminal at 20", copy == 20 && isatty(copy) == 1);
	close(copy);
	close(fd);
	unlink("/t0f/dup");
}

/* exec_probe gets kept (which must still read "kept fd") and gone (which
 * exec must have closed); its exit status says whether both held. */
static int probe_status(int kept, int gone)
{
	char kept_text[12], gone_text[12];
	char *argv[] = { "exec_probe", "one", "two words", kept_text, gone_text, NULL };
	char *envp[] = { "PROBE_COLOUR=blue", NULL };
	int status = -1;
	pid_t child;

	snprintf(kept_text, sizeof(kept_text), "%d", kept);
	snprintf(gone_text, sizeof(gone_text), "%d", gone);
	child = fork();
	if (child == 0) {
		execve("/boot/exec_probe", argv, envp);
		_exit(99);
	}
	if (child < 0 || waitpid(child, &status, 0) != child)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + status;
}

static void closed_on_exec(void)
{
	int kept = open("/t0f/kept", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int gone = open("/t0f/kept", O_RDONLY | O_CLOEXEC);
	int marked = open("/t0f/kept", O_RDONLY);

	write(kept, "kept fd", 7);
	CHECK_EQ("execve closes an O_CLOEXEC descriptor and keeps a normal one", PROBE_ALL_WELL,
		 probe_status(kept, gone));
	fcntl(marked, F_SETFD, FD_CLOEXEC);
	CHECK_EQ("execve closes a descriptor marked with F_SETFD FD_CLOEXEC", PROBE_ALL_WELL,
		 probe_status(kept, marked));
	CHECK_EQ("the parent's close-on-exec descriptor stays open", FD_CLOEXEC, fcntl(gone, F_GETFD));
	close(marked);
	close(gone);
	close(kept);
	unlink("/t0f/kept");
}

void test_fcntl(void)
{
	mkdir("/t0f", 0755);
	descriptor_flags();
	nonblocking_pipes();
	duplicates_and_errors();
	closed_on_exec();
	CHECK_EQ("the fcntl tests leave an empty directory", 0, rmdir("/t0f"));
}

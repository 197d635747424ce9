/* t_efault.c - calls given a bad pointer answer -1 with EFAULT instead of killing the caller
 * (libposix's copy routines and mm0's fault fix-ups), and nothing is lost: a pipe keeps its
 * bytes, a child its exit status, a signal its action. */
#define _GNU_SOURCE	/* pipe2, as on Linux */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

/* Page 0 is never mapped; read through a volatile, so the compiler does not object to a
 * constant bad pointer. */
static void *volatile unmapped_address = (void *)8;
#define UNMAPPED	(unmapped_address)

/* The call's answer was -1 with EFAULT. */
static bool efault(long answer)
{
	bool faulted = answer == -1 && errno == EFAULT;

	errno = 0;
	return faulted;
}

static void pipe_keeps_its_bytes(char *read_only)
{
	int fds[2], lowest, reopened;
	char buf[4] = { 0 };

	if (pipe2(fds, O_NONBLOCK)) {
		CHECK("pipe for the EFAULT tests", false);
		return;
	}
	write(fds[1], "abc", 3);
	CHECK("read into an unmapped buffer gives EFAULT", efault(read(fds[0], UNMAPPED, 3)));
	CHECK("read into a read-only page gives EFAULT", efault(read(fds[0], read_only, 3)));
	CHECK("... and the pipe still holds all its bytes",
	      read(fds[0], buf, 3) == 3 && memcmp(buf, "abc", 3) == 0);
	/* 32 aligned bytes take the copy's block path, 3 its byte path. */
	CHECK("write from an unmapped buffer gives EFAULT", efault(write(fds[1], UNMAPPED, 32)));
	CHECK("write of 3 bytes from an unmapped buffer gives EFAULT",
	      efault(write(fds[1], UNMAPPED, 3)));
	CHECK("... and puts nothing in the pipe", read(fds[0], buf, 3) == -1 && errno == EAGAIN);
	CHECK("write to stdout from an unmapped buffer gives EFAULT",
	      efault(write(STDOUT_FILENO, UNMAPPED, 3)));
	lowest = fds[0] < fds[1] ? fds[0] : fds[1];
	close(fds[0]);
	close(fds[1]);
	CHECK("pipe into an unmapped array gives EFAULT", efault(pipe(UNMAPPED)));
	CHECK("pipe into a read-only page gives EFAULT", efault(pipe((int *)read_only)));
	reopened = open("/t0e", O_RDONLY);
	CHECK_EQ("... and leaves no descriptor open", lowest, reopened);
	close(reopened);
}

static void files_keep_their_bytes(char *read_only)
{
	struct stat status;
	char cwd[64];
	int fd = open("/t0e/data", O_RDWR | O_CREAT | O_TRUNC, 0644);

	write(fd, "0123456789", 10);
	CHECK("pread into an unmapped buffer gives EFAULT", efault(pread(fd, UNMAPPED, 4, 0)));
	CHECK("pread into a read-only page gives EFAULT", efault(pread(fd, read_only, 4, 0)));
	CHECK("pwrite from an unmapped buffer gives EFAULT", efault(pwrite(fd, UNMAPPED, 4, 10)));
	CHECK("... and the file keeps its 10 bytes", fstat(fd, &status) == 0 && status.st_size == 10);
	CHECK("fstat into an unmapped record gives EFAULT", efault(fstat(fd, UNMAPPED)));
	CHECK("fstat into a read-only page gives EFAULT", efault(fstat(fd, (void *)read_only)));
	CHECK("fstat of the console into an unmapped record gives EFAULT",
	      efault(fstat(STDOUT_FILENO, UNMAPPED)));
	CHECK("stat into an unmapped record gives EFAULT", efault(stat("/t0e/data", UNMAPPED)));
	CHECK("stat into a read-only page gives EFAULT",
	      efault(stat("/t0e/data", (void *)read_only)));
	close(fd);
	CHECK("getcwd into an unmapped buffer gives EFAULT",
	      getcwd(UNMAPPED, sizeof(cwd)) == NULL && efault(-1));
	CHECK("getcwd into a read-only page gives EFAULT",
	      getcwd(read_only, sizeof(cwd)) == NULL && efault(-1));
	CHECK("... and getcwd still works", getcwd(cwd, sizeof(cwd)) != NULL);
	unlink("/t0e/data");
}

static void child_keeps_its_status(void)
{
	pid_t child = fork();
	int status = 0;

	if (child == 0)
		_exit(7);
	CHECK("waitpid with an unmapped status gives EFAULT", efault(waitpid(child, UNMAPPED, 0)));
	CHECK("... and the child can still be waited for with its status",
	      waitpid(child, &status, 0) == child && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 7);
}

static void clocks(char *read_only)
{
	struct timespec nap = { 0, 1000 };

	CHECK("clock_gettime into an unmapped record gives EFAULT",
	      efault(clock_gettime(CLOCK_MONOTONIC, UNMAPPED)));
	CHECK("clock_gettime into a read-only page gives EFAULT",
	      efault(clock_gettime(CLOCK_REALTIME, (void *)read_only)));
	CHECK("gettimeofday into a read-only page gives EFAULT",
	      efault(gettimeofday((void *)read_only, NULL)));
	CHECK("nanosleep with an unmapped request gives EFAULT", efault(nanosleep(UNMAPPED, NULL)));
	CHECK("nanosleep with a read-only remainder gives EFAULT",
	      efault(nanosleep(&nap, (void *)read_only)));
}

static void signals_keep_their_state(char *read_only)
{
	struct sigaction action = { .sa_handler = SIG_IGN }, now;
	sigset_t set, mask;

	CHECK("sigaction from an unmapped action gives EFAULT",
	      efault(sigaction(SIGUSR1, UNMAPPED, NULL)));
	CHECK("sigaction into a read-only old action gives EFAULT",
	      efault(sigaction(SIGUSR1, &action, (void *)read_only)));
	CHECK("... and the action did not change",
	      sigaction(SIGUSR1, NULL, &now) == 0 && now.sa_handler == SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK("sigprocmask from an unmapped set gives EFAULT",
	      efault(sigprocmask(SIG_BLOCK, UNMAPPED, NULL)));
	CHECK("sigprocmask into a read-only old set gives EFAULT",
	      efault(sigprocmask(SIG_BLOCK, &set, (void *)read_only)));
	CHECK("... and the mask did not change",
	      sigprocmask(SIG_BLOCK, NULL, &mask) == 0 && !sigismember(&mask, SIGUSR2));
}

void test_efault(void)
{
	char *read_only = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);

	if (read_only == MAP_FAILED || mprotect(read_only, 4096, PROT_READ) ||
	    mkdir("/t0e", 0755)) {
		CHECK("a read-only page and a directory for the EFAULT tests", false);
		return;
	}
	pipe_keeps_its_bytes(read_only);
	files_keep_their_bytes(read_only);
	child_keeps_its_status();
	clocks(read_only);
	signals_keep_their_state(read_only);
	CHECK("the read-only page was never written", read_only[0] == 0);
	munmap(read_only, 4096);
	rmdir("/t0e");
}

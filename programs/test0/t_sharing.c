/* t_sharing.c - descriptors between tasks and threads, pipes, and files
 * mapped into memory: inherited across fork, shared by clone threads, a
 * blocking pipe read finished by a child, mmap at a file offset, and
 * MAP_SHARED writes that read() sees. */
#define _GNU_SOURCE	/* pipe2, as on Linux */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

#define PAGE		4096
#define STACK_SIZE	16384

static int exit_code(int status)
{
	return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int child_appends(void *arg)
{
	int fd = *(int *)arg;

	return write(fd, "child", 5) == 5 ? 0 : 1;
}

static void inherited_by_fork(void)
{
	int fd = open("/t0s/shared", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char text[16] = { 0 };

	write(fd, "parent ", 7);
	CHECK_EQ("a forked child writes through an inherited descriptor", 0,
		 exit_code(run_in_child(child_appends, &fd)));
	CHECK_EQ("... which shares the parent's offset", 12, lseek(fd, 0, SEEK_CUR));
	CHECK("... and the parent reads what it wrote",
	      pread(fd, text, sizeof(text), 0) == 12 && memcmp(text, "parent child", 12) == 0);
	close(fd);
}

struct opener {
	volatile int fd;
	volatile int done;
};

static int thread_opens(void *arg)
{
	struct opener *opener = arg;

	opener->fd = open("/t0s/shared", O_RDONLY);
	opener->done = 1;
	return 0;
}

static void shared_by_threads(void)
{
	static struct opener opener = { -1, 0 };
	char *stack = malloc(STACK_SIZE), text[6] = { 0 };

	if (stack && clone(thread_opens, stack + STACK_SIZE,
			   CLONE_VM | CLONE_FILES | CLONE_THREAD, &opener) > 0)
		for (int spins = 0; spins < 100000 && !opener.done; spins++)
			sched_yield();
	CHECK("a descriptor a clone thread opens is read by the main thread",
	      opener.fd >= 0 && read(opener.fd, text, 6) == 6 && memcmp(text, "parent", 6) == 0);
	close(opener.fd);
	for (int spins = 0; spins < 100; spins++)
		sched_yield();
	free(stack);
}

static int child_writes_pipe(void *arg)
{
	int *ends = arg;
	const struct timespec pause = { 0, 20000000 };

	close(ends[0]);
	nanosleep(&pause, NULL);
	if (write(ends[1], "through the pipe", 16) != 16)
		return 1;
	return close(ends[1]) == 0 ? 0 : 2;
}

static void pipe_to_parent(void)
{
	int ends[2] = { -1, -1 }, status = -1;
	char text[32] = { 0 };
	pid_t child;

	CHECK_EQ("pipe", 0, pipe(ends));
	child = fork();
	if (child == 0)
		_exit(child_writes_pipe(ends));
	close(ends[1]);
	CHECK_EQ("the parent's read waits for the child's write", 16, read(ends[0], text, sizeof(text)));
	CHECK("... and gets its bytes", memcmp(text, "through the pipe", 16) == 0);
	CHECK_EQ("once the child has closed its end, read gives 0 (end of file)", 0,
		 read(ends[0], text, sizeof(text)));
	waitpid(child, &status, 0);
	CHECK_EQ("the writer exits cleanly", 0, exit_code(status));
	close(ends[0]);
	pipe(ends);
	close(ends[0]);
	errno = 0;
	/* By default SIGPIPE would end this process first (tests/attack/p_sigpipe.c). */
	signal(SIGPIPE, SIG_IGN);
	CHECK("a write with no reader left gives EPIPE (SIGPIPE ignored)",
	      write(ends[1], "x", 1) == -1 && errno == EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(ends[1]);
	CHECK_EQ("pipe2(O_NONBLOCK)", 0, pipe2(ends, O_NONBLOCK));
	errno = 0;
	CHECK("a non-blocking read of an empty pipe gives EAGAIN",
	      read(ends[0], text, sizeof(text)) == -1 && errno == EAGAIN);
	CHECK("... and reads what is there once written",
	      write(ends[1], "now", 3) == 3 && read(ends[0], text, sizeof(text)) == 3);
	close(ends[0]);
	close(ends[1]);
	errno = 0;
	CHECK("pipe2 with an unknown flag gives EINVAL", pipe2(ends, 0x40000000) == -1 &&
	      errno == EINVAL);
}

static void mapped_files(void)
{
	int fd = open("/t0s/pages", O_RDWR | O_CREAT | O_TRUNC, 0644);
	static uint8_t page[PAGE];
	volatile uint8_t *second, *shared;
	uint8_t seen[4] = { 0 };

	for (int index = 0; index < 3; index++) {
		memset(page, 'A' + index, PAGE);
		write(fd, page, PAGE);
	}
	second = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
	CHECK("mmap of an fs0 file at offset 4096", second != MAP_FAILED);
	CHECK("... maps its second page",
	      second != MAP_FAILED && second[0] == 'B' && second[PAGE - 1] == 'B');
	if (second != MAP_FAILED)
		munmap((void *)second, PAGE);
	shared = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
	CHECK("a MAP_SHARED writable mapping of it", shared != MAP_FAILED);
	if (shared != MAP_FAILED) {
		shared[0] = 'x';
		shared[PAGE + 1] = 'y';
		munmap((void *)shared, 2 * PAGE);
		CHECK("after munmap, read() sees the writes made through the mapping",
		      pread(fd, seen, 1, PAGE) == 1 && seen[0] == 'x' &&
		      pread(fd, seen, 2, 2 * PAGE) == 2 && seen[0] == 'C' && seen[1] == 'y');
	}
	close(fd);
	unlink("/t0s/pages");
}

void test_sharing(void)
{
	mkdir("/t0s", 0755);
	inherited_by_fork();
	shared_by_threads();
	pipe_to_parent();
	mapped_files();
	unlink("/t0s/shared");
	CHECK_EQ("the sharing tests leave an empty directory", 0, rmdir("/t0s"));
}

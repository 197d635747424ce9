/* t_limits.c - memory a program expects: resource limits (getrlimit, setrlimit,
 * prlimit), a main stack that grows to 8 MiB with a guard below it, a heap that
 * grows to tens of MiB, and malloc answering NULL at RLIMIT_DATA. */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test0.h"

#define MIB	(1024u * 1024u)
#define FRAME	4096u

static int exited_with(int status, int code)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

/* Each level keeps a page of stack in use, so depth levels take depth pages. */
static unsigned recurse(unsigned depth)
{
	volatile uint8_t frame[FRAME];

	frame[0] = (uint8_t)depth;
	frame[FRAME - 1] = (uint8_t)depth;
	if (depth == 0)
		return frame[0];
	return recurse(depth - 1) + frame[FRAME - 1] - (uint8_t)depth;
}

static int deep_recursion(void *arg)
{
	(void)arg;
	return recurse(6 * MIB / FRAME) == 0 ? 0 : 1;
}

static int endless_recursion(void *arg)
{
	(void)arg;
	return (int)recurse(UINT32_MAX);
}

static int big_heap(void *arg)
{
	size_t size = 58u * MIB;
	uint8_t *block = malloc(size);

	(void)arg;
	if (!block)
		return 1;
	for (size_t at = 0; at < size; at += 4096)
		block[at] = (uint8_t)(at >> 12);
	for (size_t at = 0; at < size; at += 4096)
		if (block[at] != (uint8_t)(at >> 12))
			return 2;
	free(block);
	return 0;
}

static int malloc_at_data_limit(void *arg)
{
	struct rlimit data = { 16u * MIB, RLIM_INFINITY };
	void *block;

	(void)arg;
	if (setrlimit(RLIMIT_DATA, &data))
		return 1;
	errno = 0;
	block = malloc(32u * MIB);
	if (block || errno != ENOMEM)
		return 2;
	block = malloc(MIB);
	if (!block)
		return 3;
	memset(block, 1, MIB);
	free(block);
	errno = 0;
	if (mmap(NULL, 32u * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) !=
	    MAP_FAILED || errno != ENOMEM)
		return 4;
	return 0;
}

static int mmap_at_as_limit(void *arg)
{
	struct rlimit as = { 64u * MIB, RLIM_INFINITY };

	(void)arg;
	if (setrlimit(RLIMIT_AS, &as))
		return 1;
	errno = 0;
	if (mmap(NULL, 100u * MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED ||
	    errno != ENOMEM)
		return 2;
	return mmap(NULL, MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? 3 : 0;
}

/* Sets limits and runs exec_probe, which checks them (exit 50) and then
 * recurses past the stack limit it was started with. */
static int exec_with_limits(void *arg)
{
	struct rlimit cpu = { 7, 8 }, stack = { 256 * 1024, RLIM_INFINITY };
	char *const argv[] = { "exec_probe", "limits", NULL };

	(void)arg;
	if (setrlimit(RLIMIT_CPU, &cpu) || setrlimit(RLIMIT_STACK, &stack))
		return 1;
	execv("/boot/exec_probe", argv);
	return 2;
}

static int child_sees_cpu_limit(void *arg)
{
	struct rlimit cpu;

	(void)arg;
	return getrlimit(RLIMIT_CPU, &cpu) == 0 && cpu.rlim_cur == 10 && cpu.rlim_max == 20 ? 0 : 1;
}

static void limits(void)
{
	struct rlimit limit, old, saved;
	int status;

	CHECK("RLIMIT_STACK is 8 MiB", getrlimit(RLIMIT_STACK, &limit) == 0 &&
	      limit.rlim_cur == 8 * MIB && limit.rlim_max == RLIM_INFINITY);
	CHECK("RLIMIT_NOFILE is the descriptor table's size",
	      getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur == 64 && limit.rlim_max == 64);
	CHECK("RLIMIT_AS and RLIMIT_DATA are unlimited",
	      getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur == RLIM_INFINITY &&
	      getrlimit(RLIMIT_DATA, &limit) == 0 && limit.rlim_cur == RLIM_INFINITY);
	CHECK("RLIMIT_CORE is 0 (no core files)",
	      getrlimit(RLIMIT_CORE, &limit) == 0 && limit.rlim_cur == 0);
	errno = 0;
	limit = (struct rlimit){ 20, 10 };
	CHECK("setrlimit: soft above hard is EINVAL",
	      setrlimit(RLIMIT_CPU, &limit) == -1 && errno == EINVAL);
	errno = 0;
	limit = (struct rlimit){ 64, 65 };
	CHECK("setrlimit: RLIMIT_NOFILE above the table is EPERM",
	      setrlimit(RLIMIT_NOFILE, &limit) == -1 && errno == EPERM);
	errno = 0;
	CHECK("getrlimit: an unknown resource is EINVAL",
	      getrlimit(RLIM_NLIMITS, &limit) == -1 && errno == EINVAL);
	getrlimit(RLIMIT_CPU, &saved);
	limit = (struct rlimit){ 10, 20 };
	CHECK("setrlimit stores a limit nothing enforces",
	      setrlimit(RLIMIT_CPU, &limit) == 0 && getrlimit(RLIMIT_CPU, &old) == 0 &&
	      old.rlim_cur == 10 && old.rlim_max == 20);
	CHECK("a forked child inherits the limits",
	      exited_with(run_in_child(child_sees_cpu_limit, NULL), 0));
	status = run_in_child(exec_with_limits, NULL);
	CHECK("exec keeps the limits, and RLIMIT_STACK at exec bounds the new stack (SIGSEGV)",
	      status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	CHECK("prlimit returns the old limits while setting new ones",
	      prlimit(0, RLIMIT_CPU, &saved, &old) == 0 && old.rlim_cur == 10 &&
	      getrlimit(RLIMIT_CPU, &limit) == 0 && limit.rlim_cur == saved.rlim_cur);
}

static void stack_and_heap(void)
{
	int status;
	char *before = sbrk(0);

	CHECK("sbrk grows and shrinks the break",
	      sbrk(8192) == before && sbrk(0) == before + 8192 && sbrk(-8192) == before + 8192 &&
	      sbrk(0) == before);
	CHECK("the main stack grows on demand: 6 MiB of recursion",
	      exited_with(run_in_child(deep_recursion, NULL), 0));
	status = run_in_child(endless_recursion, NULL);
	CHECK("endless recursion ends in SIGSEGV at the guard page",
	      status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	CHECK("malloc of 58 MiB on the 128 MiB board, every page written",
	      exited_with(run_in_child(big_heap, NULL), 0));
	CHECK_EQ("malloc answers NULL and ENOMEM at RLIMIT_DATA", 0,
		 WEXITSTATUS(run_in_child(malloc_at_data_limit, NULL)));
	CHECK_EQ("mmap answers ENOMEM at RLIMIT_AS", 0,
		 WEXITSTATUS(run_in_child(mmap_at_as_limit, NULL)));
}

void test_limits(void)
{
	limits();
	stack_and_heap();
}

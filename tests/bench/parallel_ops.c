/* parallel_ops.c - the servers under load (run with -smp 4): getpid (mm0) and
 * open + close (fs0) from one process and from four at once, each pinned to
 * its own processor, and how much of one process's op is the servers'. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <l4/cycles.h>

#include "pbench.h"

#define PARALLEL_PROCESSES	4
#define PARALLEL_FILE		"/parallel_bench.dat"

/* Pipes, not process-shared semaphores: a shared futex wait polls every
 * millisecond (futex.h), which would round the figures to the tick; a blocked
 * pipe read costs no instructions while it waits, and a spinning processor's
 * would count. */
struct start_line {
	int ready[2];	/* each caller writes a byte once pinned and warmed up */
	int go[2];	/* the parent writes one byte per caller */
	int done[2];	/* each caller writes its loop's CPU time after its last op */
};

typedef int (*operation_fn)(void);

static int getpid_once(void)
{
	return getpid() > 0;
}

static int open_close_once(void)
{
	int fd = open(PARALLEL_FILE, O_RDONLY);

	return fd >= 0 && close(fd) == 0;
}

static void pin_to(int processor)
{
	cpu_set_t only;

	CPU_ZERO(&only);
	CPU_SET(processor, &only);
	if (sched_setaffinity(0, sizeof(only), &only))
		pbench_fail("sched_setaffinity");
}

static void pass_bytes(int fd, void *bytes, size_t count, int write_them)
{
	ssize_t passed = write_them ? write(fd, bytes, count) : read(fd, bytes, count);

	if (passed != (ssize_t)count)
		pbench_fail("a start line pipe");
}

/* The calling thread's CPU time in nanoseconds, which under -icount shift=0 are
 * instructions (to the timer's 16 at each switch). */
static uint64_t own_cpu_time(void)
{
	struct timespec now;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now))
		pbench_fail("clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
	return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

/* Writes its loop's CPU time to done. */
static void caller(const struct start_line *line, int processor, operation_fn operation,
		   int rounds)
{
	uint64_t cpu_time;
	char byte = 0;
	int bad = 0;

	pin_to(processor);
	bad += !operation();	/* untimed: the path is warm, the server waiting */
	pass_bytes(line->ready[1], &byte, 1, 1);
	pass_bytes(line->go[0], &byte, 1, 0);
	cpu_time = own_cpu_time();
	for (int i = 0; i < rounds; i++)
		bad += !operation();
	cpu_time = own_cpu_time() - cpu_time;
	pass_bytes(line->done[1], &cpu_time, sizeof(cpu_time), 1);
	_exit(bad != 0);
}

/* callers processes, the i-th pinned to processor first + i, each doing rounds
 * operations at once: the virtual time from go to the last done, which under
 * -icount is every processor's instructions (docs/benchmarks.md). With one
 * caller also NAME_server_side: that time less the caller's own CPU time, as
 * only one of caller and servers runs at a time (the caller waits for each
 * answer, and the fast path, which does not switch CPU-time accounts, is not
 * taken across processors: docs/kernel-abi.md). */
static void run_callers(const char *name, operation_fn operation, int callers, int first,
			int rounds)
{
	char go[PARALLEL_PROCESSES] = { 0 }, byte, server_side_name[64];
	struct start_line line;
	pid_t children[PARALLEL_PROCESSES];
	uint64_t cpu_time;
	uint32_t start, total;
	int status;

	if (pipe(line.ready) || pipe(line.go) || pipe(line.done))
		pbench_fail("pipes of the start line");
	for (int i = 0; i < callers; i++) {
		children[i] = fork();
		if (children[i] < 0)
			pbench_fail("fork of a caller");
		if (children[i] == 0)
			caller(&line, first + i, operation, rounds);
	}
	for (int i = 0; i < callers; i++)
		pass_bytes(line.ready[0], &byte, 1, 0);
	start = l4_cycles();
	pass_bytes(line.go[1], go, (size_t)callers, 1);
	for (int i = 0; i < callers; i++)
		pass_bytes(line.done[0], &cpu_time, sizeof(cpu_time), 0);
	total = l4_cycles() - start;
	for (int i = 0; i < callers; i++)
		if (waitpid(children[i], &status, 0) != children[i] || status != 0)
			pbench_fail(name);
	for (int i = 0; i < 2; i++)
		if (close(line.ready[i]) || close(line.go[i]) || close(line.done[i]))
			pbench_fail("close of the start line");
	pbench_result(name, (uint32_t)(callers * rounds), total);
	if (callers == 1) {
		snprintf(server_side_name, sizeof(server_side_name), "%s_server_side", name);
		pbench_result(server_side_name, (uint32_t)rounds, total - (uint32_t)cpu_time);
	}
}

static void create_parallel_file(void)
{
	int fd = open(PARALLEL_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || close(fd))
		pbench_fail("create the file for open_close_*proc");
}

void bench_parallel(void)
{
	enum { GETPID_ROUNDS = 1000, OPEN_CLOSE_ROUNDS = 200 };

	pin_to(0);
	create_parallel_file();
	/* One caller on processor 1: mm0 runs on processor 0, so it pays the
	 * cross-processor wake-ups that three of the four callers below pay too. */
	run_callers("getpid_1proc", getpid_once, 1, 1, GETPID_ROUNDS);
	run_callers("getpid_4proc", getpid_once, PARALLEL_PROCESSES, 0, GETPID_ROUNDS);
	run_callers("open_close_1proc", open_close_once, 1, 1, OPEN_CLOSE_ROUNDS);
	run_callers("open_close_4proc", open_close_once, PARALLEL_PROCESSES, 0,
		    OPEN_CLOSE_ROUNDS);
	if (unlink(PARALLEL_FILE))
		pbench_fail("unlink after open_close_*proc");
}

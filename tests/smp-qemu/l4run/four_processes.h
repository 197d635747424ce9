/* four_processes.h - what mm0_load.c and mm0_disk.c share (included, since
 * tools/l4run builds one source file): a check line per part, pinning to
 * one processor (pin.h), a loop of forks each waited for, and a child
 * process on each of the four processors. */
#ifndef FOUR_PROCESSES_H
#define FOUR_PROCESSES_H

/* The includer defines _GNU_SOURCE first (cpu_set_t, sched_getcpu). */
#include <sched.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../pin.h"

#define PROCESSES	4

static int failures;

static void check(const char *name, int ok)
{
	printf("%s %s\n", ok ? "ok" : "FAIL", name);
	failures += !ok;
}

/* Forks rounds children one after another, child i exiting with status
 * first + i at once: 1 when each status came back to this process. */
static int fork_and_wait(int rounds, int first)
{
	for (int i = 0; i < rounds; i++) {
		int status = -1;
		pid_t child = fork();

		if (child < 0)
			return 0;
		if (child == 0)
			_exit(first + i);
		if (waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != first + i)
			return 0;
	}
	return 1;
}

/* Forks a child per processor that exits with caller(processor), 0 when all
 * went well, and waits for them all: 1 when every one exited with 0. A
 * child's other status is printed. */
static int on_each_processor(int (*caller)(int processor))
{
	pid_t children[PROCESSES];
	int all_ok = 1;

	for (int p = 0; p < PROCESSES; p++) {
		children[p] = fork();
		if (children[p] == 0)
			_exit(caller(p));
		all_ok &= children[p] > 0;
	}
	for (int p = 0; p < PROCESSES; p++) {
		int status = -1;

		if (children[p] > 0 && waitpid(children[p], &status, 0) == children[p])
			all_ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
		else
			all_ok = 0;
		if (WIFEXITED(status) && WEXITSTATUS(status))
			printf("caller on processor %d: status %d\n", p, WEXITSTATUS(status));
	}
	return all_ok;
}

#endif

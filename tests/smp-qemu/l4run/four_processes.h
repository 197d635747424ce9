/* four_processes.h - what mm0_load.c and mm0_disk.c share (included, since
 * tools/l4run builds one source file): a check line per part, pinning to
 * one processor, and a child process on each of the four processors. */
#ifndef FOUR_PROCESSES_H
#define FOUR_PROCESSES_H

/* The includer defines _GNU_SOURCE first (cpu_set_t, sched_getcpu). */
#include <sched.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROCESSES	4

static int failures;

static void check(const char *name, int ok)
{
	printf("%s %s\n", ok ? "ok" : "FAIL", name);
	failures += !ok;
}

static int pin_to(int processor)
{
	cpu_set_t only;

	CPU_ZERO(&only);
	CPU_SET(processor, &only);
	return sched_setaffinity(0, sizeof(only), &only) == 0 && sched_getcpu() == processor;
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

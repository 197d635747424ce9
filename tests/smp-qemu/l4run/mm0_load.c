/* mm0_load.c - mm0 under load from four processors (mm0load.test, run with
 * tools/l4run --cpus 4): four processes pinned to processors 0-3 call mm0 at
 * once (getpid, mmap and munmap of memory they fill and check, fork and
 * wait), each checking its own answers; then two deferred answers that come
 * from another processor: a waitpid whose child exits elsewhere, and a
 * sigwait that a child on another processor ends. Prints the failures. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "four_processes.h"

#define GETPIDS		2000
#define MAPS		100
#define MAP_BYTES	(64 * 1024)
#define FORKS		10


/* 1 when every getpid answered this process's pid. */
static int getpid_loop(void)
{
	pid_t self = getpid();

	for (int i = 0; i < GETPIDS; i++)
		if (getpid() != self)
			return 0;
	return 1;
}

/* 1 when every mapping held what this process wrote and went away whole. */
static int map_loop(uint32_t stamp)
{
	for (int i = 0; i < MAPS; i++) {
		uint32_t *words = mmap(NULL, MAP_BYTES, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (words == MAP_FAILED)
			return 0;
		for (size_t w = 0; w < MAP_BYTES / sizeof(*words); w += 1024)
			words[w] = stamp + (uint32_t)(i + w);
		for (size_t w = 0; w < MAP_BYTES / sizeof(*words); w += 1024)
			if (words[w] != stamp + (uint32_t)(i + w))
				return 0;
		if (munmap(words, MAP_BYTES))
			return 0;
	}
	return 1;
}

/* A caller's status: a bit per loop that failed. */
static int caller(int processor)
{
	int status = 0;

	if (!pin_to(processor))
		return 1;
	status |= !getpid_loop() << 1;
	status |= !map_loop((uint32_t)getpid() << 16) << 2;
	status |= !fork_and_wait(FORKS, processor * 16) << 3;
	return status;
}

static void four_callers(void)
{
	check("four processes on four processors call mm0 at once and get their own answers",
	      on_each_processor(caller));
}

/* The parent on processor 0 waits; the child exits on processor 3. */
static void waitpid_across(void)
{
	int status = -1;
	pid_t child = fork();

	if (child == 0)
		_exit(pin_to(3) ? 42 : 1);
	check("a waitpid is answered when the child exits on another processor",
	      child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 42);
}

/* The parent on processor 0 waits in sigwait; a child on processor 2 sends. */
static void sigwait_across(void)
{
	sigset_t usr1;
	int signo = 0, status = -1;
	pid_t child;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	child = fork();
	if (child == 0)
		_exit(pin_to(2) && kill(getppid(), SIGUSR1) == 0 ? 0 : 1);
	check("a sigwait is ended by a signal sent from another processor",
	      child > 0 && sigwait(&usr1, &signo) == 0 && signo == SIGUSR1);
	check("and the sender exited well",
	      waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	check("runs on four processors", sysconf(_SC_NPROCESSORS_ONLN) == PROCESSES);
	check("the parent stays on processor 0", pin_to(0));
	four_callers();
	waitpid_across();
	sigwait_across();
	printf("mm0_load: %d failed\n", failures);
	return failures;
}

/* t_exec_threads.c - execve in a process with threads: the others end (blocked in a
 * condition wait, in a read of an empty pipe, asleep, or computing), the pid stays, it
 * works from a thread that is not the first, and mm0 keeps nothing of the old threads. */
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

#define PROBE		"/boot/exec_probe"
#define PROBE_THREADS_WELL	60

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static int empty_pipe[2];

static void *wait_forever(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	for (;;)
		pthread_cond_wait(&never, &lock);
	return NULL;
}

static void *read_forever(void *arg)
{
	char byte;

	(void)arg;
	read(empty_pipe[0], &byte, 1);
	return NULL;
}

static void *sleep_forever(void *arg)
{
	(void)arg;
	for (;;)
		sleep(100);
	return NULL;
}

static void *spin_forever(void *arg)
{
	(void)arg;
	for (;;)
		continue;
	return NULL;
}

static char pid_text[12];

static void *exec_probe(void *arg)
{
	char *argv[] = { "exec_probe", "threads", pid_text, NULL }, *envp[] = { NULL };

	(void)arg;
	execve(PROBE, argv, envp);
	_exit(99);
}

/* The child starts the four blockers, then execs from the main thread (from_thread 0)
 * or from a fifth thread. */
static int exec_with_threads(void *arg)
{
	void *(*const blockers[])(void *) = { wait_forever, read_forever, sleep_forever,
					       spin_forever };
	const struct timespec settle = { 0, 5000000 };
	pthread_t thread;

	if (pipe(empty_pipe))
		return 98;
	for (unsigned i = 0; i < sizeof(blockers) / sizeof(blockers[0]); i++)
		if (pthread_create(&thread, NULL, blockers[i], NULL))
			return 97;
	nanosleep(&settle, NULL);
	snprintf(pid_text, sizeof(pid_text), "%d", (int)getpid());
	if (!*(const int *)arg)
		exec_probe(NULL);
	if (pthread_create(&thread, NULL, exec_probe, NULL))
		return 96;
	for (;;)
		pause();
}

static void exec_ends_threads(int from_thread, const char *name)
{
	long free_before = sysconf(_SC_AVPHYS_PAGES);
	int status = run_in_child(exec_with_threads, &from_thread);

	CHECK(name, WIFEXITED(status) && WEXITSTATUS(status) == PROBE_THREADS_WELL);
	CHECK_EQ("and every page of the threaded process came back", 0L,
		 free_pages_settle(free_before));
}

void test_exec_threads(void)
{
	int from_main = 0;

	/* Unmeasured: lets the servers' heaps grow to what a threaded exec needs (they never
	 * shrink), so the rounds below count only what the process itself took. */
	run_in_child(exec_with_threads, &from_main);
	exec_ends_threads(0, "execve from the main thread ends the other four, keeps the pid");
	exec_ends_threads(1, "execve from a later thread ends the other five, keeps the pid");
}

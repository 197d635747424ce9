/* exec_spinning.c - execve from a thread of a process whose other threads
 * are blocked in every way (a condition variable, an empty pipe, a sleep)
 * or spin in user mode: the exec must stop them all and the new image run
 * (test0's "execve from a later thread" stalled with four processors,
 * docs/kernel-abi.md "Processors"). The exec'd image exits with
 * EXEC_STATUS; each round prints its child's status, then
 * "exec_spinning: N failed"; the status is the failures. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXEC_STATUS	60
#define ROUNDS		3

static pthread_mutex_t never_signalled_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never_signalled = PTHREAD_COND_INITIALIZER;
static int empty_pipe[2];
static char *self_path;

static void * __attribute__((noreturn)) wait_on_condition(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&never_signalled_lock);
	for (;;)
		pthread_cond_wait(&never_signalled, &never_signalled_lock);
}

static void * __attribute__((noreturn)) read_empty_pipe(void *unused)
{
	char byte;
	(void)unused;
	for (;;)
		read(empty_pipe[0], &byte, 1);
}

static void * __attribute__((noreturn)) sleep_long(void *unused)
{
	(void)unused;
	for (;;)
		sleep(100);
}

static void * __attribute__((noreturn)) spin(void *unused)
{
	(void)unused;
	for (;;)
		continue;
}

static void *exec_self(void *unused)
{
	char *argv[] = { self_path, "exec'd", NULL };
	(void)unused;
	execv(self_path, argv);
	_exit(99);
}

/* The child: four blocked or spinning threads, then a fifth that execs. */
static void __attribute__((noreturn)) run_child(void)
{
	void *(*const blockers[])(void *) = { wait_on_condition, read_empty_pipe, sleep_long, spin };
	const struct timespec settle = { 0, 5000000 };
	pthread_t thread;
	if (pipe(empty_pipe))
		_exit(98);
	for (unsigned i = 0; i < sizeof blockers / sizeof blockers[0]; i++)
		if (pthread_create(&thread, NULL, blockers[i], NULL))
			_exit(97);
	nanosleep(&settle, NULL);
	if (pthread_create(&thread, NULL, exec_self, NULL))
		_exit(96);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	int failed = 0;
	if (argc > 1 && !strcmp(argv[1], "exec'd"))
		return EXEC_STATUS;
	self_path = argv[0];
	for (int round = 0; round < ROUNDS; round++) {
		int status;
		pid_t child = fork();
		if (child == 0)
			run_child();
		if (child < 0 || waitpid(child, &status, 0) != child) {
			printf("FAIL: round %d: fork or waitpid failed\n", round);
			failed++;
			continue;
		}
		int ok = WIFEXITED(status) && WEXITSTATUS(status) == EXEC_STATUS;
		printf("%sround %d: child status 0x%x\n", ok ? "" : "FAIL: ", round, (unsigned)status);
		failed += !ok;
	}
	printf("exec_spinning: %d failed\n", failed);
	return failed;
}

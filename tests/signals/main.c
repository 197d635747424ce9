/* main.c - sigtest: the POSIX signal cases, TAP on the console; the exit status (init's,
 * hence QEMU's) is the number of failures. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sigtest.h"


int run_in_child(int (*fn)(void), int *child_pid)
{
	int status;
	pid_t child = fork();

	if (child == 0)
		_exit(fn());
	if (child < 0) {
		printf("# fork failed\n");
		return -1;
	}
	if (child_pid)
		*child_pid = child;
	if (waitpid(child, &status, 0) != child) {
		printf("# waitpid failed\n");
		return -1;
	}
	return status;
}

int catch_signal(int signo, void (*handler)(int, siginfo_t *, void *), int flags)
{
	struct sigaction action;

	memset(&action, 0, sizeof(action));
	action.sa_sigaction = handler;
	action.sa_flags = flags | SA_SIGINFO;
	sigemptyset(&action.sa_mask);
	return sigaction(signo, &action, NULL);
}

volatile int *shared_words(void)
{
	static volatile int *page;

	if (!page) {
		page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (page == MAP_FAILED) {
			printf("# no shared page\n");
			exit(125);
		}
	}
	return page;
}

void sleep_ms(long ms)
{
	struct timespec pause = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&pause, NULL);
}

int main(void)
{
	test_catch();
	test_default();
	test_async();
	return tap_summary("sigtest");
}

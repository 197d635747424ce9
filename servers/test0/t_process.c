/* t_process.c - fork, exit and wait: return values, copy-on-write, zombies,
 * orphans, a crashing child, and memory coming back afterwards. */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

static volatile int cow_value;

static void pause_ms(long ms)
{
	struct timespec pause = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&pause, NULL);
}

static void fork_values(void)
{
	pid_t parent = getpid(), child;
	int status = -1;

	child = fork();
	if (child == 0)
		_exit(getppid() == parent && getpid() != parent ? 42 : 1);
	CHECK("fork returns the child's pid to the parent", child > 0 && child != parent);
	CHECK_EQ("waitpid returns that pid", child, waitpid(child, &status, 0));
	CHECK("the child sees fork return 0 and its parent's pid",
	      WIFEXITED(status) && WEXITSTATUS(status) == 42);
}

static void copy_on_write(void)
{
	pid_t child;
	int status = -1;

	cow_value = 1;
	child = fork();
	if (child == 0) {
		int saw = cow_value;

		cow_value = 2;
		pause_ms(5);
		_exit(saw == 1 && cow_value == 2 ? 0 : 10 + saw);
	}
	cow_value = 3;
	waitpid(child, &status, 0);
	CHECK_EQ("copy-on-write: the parent's write after fork stays in the parent", 0,
		 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	CHECK_EQ("copy-on-write: the child's write stays in the child", 3, cow_value);
}

static void zombie_reaped(void)
{
	pid_t child = fork();
	int status = -1;

	if (child == 0)
		_exit(7);
	pause_ms(20);
	CHECK_EQ("an exited child waits as a zombie until reaped", child, waitpid(child, &status, 0));
	CHECK_EQ("its status is kept", 7, WEXITSTATUS(status));
	errno = 0;
	CHECK_EQ("a reaped child is gone", -1, waitpid(child, &status, 0));
	CHECK_EQ("... with ECHILD", ECHILD, errno);
}

static void wait_nohang(void)
{
	pid_t child = fork();
	int status = -1;

	if (child == 0) {
		pause_ms(30);
		_exit(0);
	}
	CHECK_EQ("WNOHANG with a running child returns 0", 0, waitpid(child, &status, WNOHANG));
	CHECK_EQ("the blocking wait still gets it", child, waitpid(child, &status, 0));
}

static void parent_exits_first(void)
{
	pid_t child = fork();
	int status = -1;

	if (child == 0) {
		if (fork() == 0) {
			pause_ms(20);
			_exit(0);
		}
		_exit(5);
	}
	CHECK_EQ("a parent exiting before its child reports its status", child,
		 waitpid(child, &status, 0));
	CHECK_EQ("... with its exit code", 5, WEXITSTATUS(status));
}

static void crashing_child(void)
{
	pid_t child = fork();
	int status = 0;

	if (child == 0) {
		volatile int *nowhere = NULL;

		_exit(*nowhere);
	}
	waitpid(child, &status, 0);
	CHECK("a child touching address 0 is killed by SIGSEGV",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
}

void test_process(void)
{
	long free_before;

	fork_values();
	copy_on_write();
	free_before = sysconf(_SC_AVPHYS_PAGES);
	CHECK("sysconf(_SC_AVPHYS_PAGES) reports free memory", free_before > 0);
	zombie_reaped();
	wait_nohang();
	parent_exits_first();
	crashing_child();
	CHECK_EQ("no pages lost after exits in both orders and a crash", 0,
		 free_pages_settle(free_before));
	errno = 0;
	CHECK_EQ("waitpid without children fails", -1, waitpid(-1, NULL, 0));
	CHECK_EQ("... with ECHILD", ECHILD, errno);
}

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

/* A child exiting before and after its parent reaps it, an orphan and a
 * crash, without printing. */
static void exit_cycle(void)
{
	int status;
	pid_t child = fork();

	if (child == 0)
		_exit(0);
	pause_ms(5);
	waitpid(child, &status, 0);
	child = fork();
	if (child == 0) {
		if (fork() == 0) {
			pause_ms(5);
			_exit(0);
		}
		_exit(0);
	}
	waitpid(child, &status, 0);
	child = fork();
	if (child == 0)
		_exit(*(volatile int *)NULL);
	waitpid(child, &status, 0);
}

/* In a child that prints nothing: pages not back after the second cycle
 * (the first one touches the child's own stack and data for good). */
static int pages_lost_by_exits(void *arg)
{
	long before, lost;

	(void)arg;
	exit_cycle();
	before = sysconf(_SC_AVPHYS_PAGES);
	exit_cycle();
	lost = free_pages_settle(before);
	return lost < 0 ? 254 : lost > 253 ? 253 : (int)lost;
}

void test_process(void)
{
	int status;

	fork_values();
	copy_on_write();
	CHECK("sysconf(_SC_AVPHYS_PAGES) reports free memory", sysconf(_SC_AVPHYS_PAGES) > 0);
	zombie_reaped();
	wait_nohang();
	parent_exits_first();
	crashing_child();
	status = run_in_child(pages_lost_by_exits, NULL);
	CHECK_EQ("no pages lost after exits in both orders and a crash", 0,
		 status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	errno = 0;
	CHECK_EQ("waitpid without children fails", -1, waitpid(-1, NULL, 0));
	CHECK_EQ("... with ECHILD", ECHILD, errno);
}

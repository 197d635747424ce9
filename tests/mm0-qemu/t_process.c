/* t_process.c - pids, fork, exit codes, waitpid (deferred and not), and a
 * child killed by a bad access. */
#include <errno.h>

#include <l4/syscalls.h>

#include "scenarios.h"

static int parent_pid;

static int child_reports_ppid(void *arg)
{
	(void)arg;
	return mm_getppid(mm0c_server()) == parent_pid ? 42 : 1;
}

/* Ends only after its parent has had time to block in waitpid. */
static int child_late(void *arg)
{
	(void)arg;
	for (int i = 0; i < 50; i++)
		l4_yield();
	return 7;
}

static int child_touches_nothing(void *arg)
{
	volatile uint32_t *nowhere = (volatile uint32_t *)0x30000000u;

	(void)arg;
	*nowhere = 1;
	return 0;
}

static int child_runs_undefined(void *arg)
{
	(void)arg;
	asm volatile(".word 0xe7f000f0");	/* permanently undefined */
	return 0;
}

void test_process(void)
{
	int status;

	parent_pid = mm_getpid(mm0c_server());
	check("getpid: init has a pid above mm0's 1", parent_pid > 1, parent_pid);
	check("getppid: init's parent is mm0 (pid 1)", mm_getppid(mm0c_server()) == 1,
	      mm_getppid(mm0c_server()));
	status = run_child(child_reports_ppid, NULL);
	check("fork: the child sees its parent's pid and its exit code reaches waitpid",
	      MM0_WIFEXITED(status) && MM0_WEXITSTATUS(status) == 42, status);
	status = run_child(child_late, NULL);
	check("waitpid: a deferred wait is answered when the child exits",
	      MM0_WIFEXITED(status) && MM0_WEXITSTATUS(status) == 7, status);
	status = run_child(child_touches_nothing, NULL);
	check("fault: a child touching unmapped memory is killed with SIGSEGV",
	      !MM0_WIFEXITED(status) && MM0_WTERMSIG(status) == MM0_SIGSEGV, status);
	status = run_child(child_runs_undefined, NULL);
	check("exception: an undefined instruction kills the child with SIGILL",
	      !MM0_WIFEXITED(status) && MM0_WTERMSIG(status) == MM0_SIGILL, status);
	check("waitpid: no children left gives -ECHILD", mm0c_waitpid(-1, &status) == -ECHILD,
	      mm0c_waitpid(-1, &status));
	check("spawn: an unknown module name gives -ENOENT",
	      mm_spawn(mm0c_server(), "nosuch", "") == -ENOENT, 0);
}

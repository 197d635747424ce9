/* p_threads.c - a thread cannot leave behind mm0's back: one that destroys itself
 * with the kernel call is ended by mm0 (its parent's waitpid returns), and one
 * cannot destroy a sibling or drop its pager. */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <l4/ipc.h>
#include <l4/syscalls.h>

#include "procattack.h"

static int destroy_self(void)
{
	l4_thread_destroy(l4_myself());
	return 0;
}

/* The child's wait status, or -1 if it has not ended within two seconds. */
static int wait_briefly(pid_t child)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	int status;

	for (int tries = 0; tries < 200; tries++) {
		if (waitpid(child, &status, WNOHANG) == child)
			return status;
		nanosleep(&tick, NULL);
	}
	return -1;
}

static volatile int sibling_result = 1;
static uint8_t sibling_stack[4096] __attribute__((aligned(8)));

static int destroy_leader(void *leader)
{
	sibling_result = l4_thread_destroy((l4_tid_t)(uintptr_t)leader);
	return 0;
}

/* A clone thread tries to destroy its process's leader. */
static int sibling_destroys_leader(void)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };

	if (clone(destroy_leader, sibling_stack + sizeof(sibling_stack),
		  CLONE_VM | CLONE_FILES | CLONE_THREAD | CLONE_SIGHAND,
		  (void *)(uintptr_t)l4_myself()) < 0)
		return 2;
	for (int tries = 0; tries < 200 && sibling_result == 1; tries++)
		nanosleep(&tick, NULL);
	return sibling_result == -L4_EPERM ? 0 : 1;
}

static int unpageable(void)
{
	return l4_thread_set_pager(l4_myself(), L4_NILTHREAD) == -L4_EPERM ? 0 : 1;
}

void test_threads(void)
{
	pid_t child = fork();
	int status;

	if (child == 0)
		_exit(destroy_self());
	status = child > 0 ? wait_briefly(child) : -2;
	check_report(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		     "a process whose thread destroys itself ends (waitpid: SIGKILL)",
		     "status %d", status);
	if (status == -1)
		kill(child, SIGKILL);
	CHECK_EQ("a thread cannot drop its pager", 0, run_in_child(unpageable));
	CHECK_EQ("a thread cannot destroy another thread of its process", 0,
		 run_in_child(sibling_destroys_leader));
	CHECK("fs0 answers after the threads left", files_work());
}

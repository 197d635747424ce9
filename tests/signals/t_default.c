/* t_default.c - default actions: every standard signal ends, is ignored by, or stops a
 * process as POSIX says, and the parent's waitpid sees the right WTERMSIG. */
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sigtest.h"

static int signal_to_raise;

static int raise_child(void)
{
	raise(signal_to_raise);
	return 42;
}

static int segv_child(void)
{
	volatile int *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	page[0] = 1;
	return 0;
}

static int abort_child(void)
{
	abort();
}

static int caught_abort_child(void)
{
	signal(SIGABRT, SIG_IGN);
	abort();
}

static int ignored(int signo)
{
	return signo == SIGCHLD || signo == SIGURG || signo == SIGWINCH || signo == SIGCONT;
}

static int stops(int signo)
{
	return signo == SIGSTOP || signo == SIGTSTP || signo == SIGTTIN || signo == SIGTTOU;
}

void test_default(void)
{
	int wrong = 0, status;

	for (int signo = 1; signo < NSIG; signo++) {
		if (stops(signo))
			continue;
		signal_to_raise = signo;
		status = run_in_child(raise_child, NULL);
		if (ignored(signo) ? !(WIFEXITED(status) && WEXITSTATUS(status) == 42)
				   : !(WIFSIGNALED(status) && WTERMSIG(status) == signo)) {
			printf("# signal %d: wait status %#x\n", signo, status);
			wrong++;
		}
	}
	CHECK_EQ("each standard signal's default action ends the process with it, or is ignored",
		 0, wrong);
	status = run_in_child(segv_child, NULL);
	CHECK("an uncaught SIGSEGV is WTERMSIG == SIGSEGV for the parent",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	status = run_in_child(abort_child, NULL);
	CHECK("abort ends the process with SIGABRT", WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	status = run_in_child(caught_abort_child, NULL);
	CHECK("abort ends the process with SIGABRT even when SIGABRT is ignored",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

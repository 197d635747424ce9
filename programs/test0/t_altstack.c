/* t_altstack.c - sigaltstack and SA_ONSTACK: where handlers run, SS_ONSTACK, SS_DISABLE,
 * EPERM and ENOMEM, fork and threads, and a stack overflow caught on the alternate stack. */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test0.h"

static char alt_area[4 * SIGSTKSZ] __attribute__((aligned(8)));
static volatile uintptr_t handler_sp;
static volatile int handler_flags, handler_change;

static int on_alt_area(uintptr_t sp)
{
	return sp > (uintptr_t)alt_area && sp <= (uintptr_t)alt_area + sizeof(alt_area);
}

static void where_am_i(int signo)
{
	stack_t now, other = { .ss_sp = alt_area, .ss_size = sizeof(alt_area) };
	volatile char here;

	(void)signo;
	handler_sp = (uintptr_t)&here;
	sigaltstack(NULL, &now);
	handler_flags = now.ss_flags;
	errno = 0;
	handler_change = sigaltstack(&other, NULL) == -1 ? errno : 0;
}

static void catch_usr1(int flags)
{
	struct sigaction action = { .sa_handler = where_am_i, .sa_flags = flags };

	sigaction(SIGUSR1, &action, NULL);
}

static void test_errors(void)
{
	stack_t old, small = { .ss_sp = alt_area, .ss_size = MINSIGSTKSZ - 1 };
	stack_t odd = { .ss_sp = alt_area, .ss_size = sizeof(alt_area), .ss_flags = 0x100 };

	CHECK("a thread starts with its alternate stack disabled",
	      sigaltstack(NULL, &old) == 0 && old.ss_flags == SS_DISABLE);
	errno = 0;
	CHECK("a stack below MINSIGSTKSZ is ENOMEM", sigaltstack(&small, NULL) == -1 &&
	      errno == ENOMEM);
	errno = 0;
	CHECK("unknown ss_flags are EINVAL", sigaltstack(&odd, NULL) == -1 && errno == EINVAL);
}

static int fork_keeps(void *arg)
{
	stack_t now;

	(void)arg;
	if (sigaltstack(NULL, &now))
		return 1;
	return !(now.ss_sp == alt_area && now.ss_size == sizeof(alt_area) && now.ss_flags == 0);
}

static void *thread_stack_state(void *arg)
{
	stack_t now;

	(void)arg;
	sigaltstack(NULL, &now);
	return (void *)(intptr_t)now.ss_flags;
}

static void test_where_handlers_run(void)
{
	stack_t alt = { .ss_sp = alt_area, .ss_size = sizeof(alt_area) }, old, off = {
		.ss_flags = SS_DISABLE };
	pthread_t thread;
	void *flags = NULL;

	CHECK_EQ("sigaltstack sets the stack", 0, sigaltstack(&alt, &old));
	CHECK("it reads back, enabled",
	      sigaltstack(NULL, &old) == 0 && old.ss_sp == alt_area &&
	      old.ss_size == sizeof(alt_area) && old.ss_flags == 0);
	catch_usr1(SA_ONSTACK);
	raise(SIGUSR1);
	CHECK("an SA_ONSTACK handler runs on the alternate stack", on_alt_area(handler_sp));
	CHECK("sigaltstack says SS_ONSTACK there", handler_flags == SS_ONSTACK);
	CHECK("changing the stack while on it is EPERM", handler_change == EPERM);
	catch_usr1(0);
	raise(SIGUSR1);
	CHECK("a handler without SA_ONSTACK stays on the thread's stack",
	      !on_alt_area(handler_sp) && handler_flags == 0 && handler_change == 0);
	CHECK_EQ("fork's child has the same alternate stack", 0, run_in_child(fork_keeps, NULL));
	pthread_create(&thread, NULL, thread_stack_state, NULL);
	pthread_join(thread, &flags);
	CHECK("a new thread has none", (intptr_t)flags == SS_DISABLE);
	CHECK_EQ("SS_DISABLE turns it off", 0, sigaltstack(&off, NULL));
	CHECK("and sigaltstack reads SS_DISABLE",
	      sigaltstack(NULL, &old) == 0 && old.ss_flags == SS_DISABLE);
	catch_usr1(SA_ONSTACK);
	raise(SIGUSR1);
	CHECK("then an SA_ONSTACK handler runs on the thread's stack", !on_alt_area(handler_sp));
	sigaltstack(&off, NULL);
	signal(SIGUSR1, SIG_DFL);
}

static sigjmp_buf overflow_exit;
static volatile uintptr_t overflow_handler_sp;

static void overflow_caught(int signo, siginfo_t *info, void *context)
{
	volatile char here;

	(void)signo;
	(void)info;
	(void)context;
	overflow_handler_sp = (uintptr_t)&here;
	siglongjmp(overflow_exit, 1);
}

/* Far more levels than 8 MiB of stack holds: the overflow comes first. */
static volatile long levels_left = 1L << 30;

/* Each level keeps a page of its own live, so the stack must grow. */
static int recurse(volatile char *previous)
{
	volatile char page[4096];

	if (levels_left-- == 0)
		return 0;
	page[0] = previous ? previous[0] + 1 : 1;
	page[sizeof(page) - 1] = page[0];
	return recurse(page) + page[sizeof(page) - 1];
}

static int overflow_on_altstack(void *arg)
{
	stack_t alt = { .ss_sp = alt_area, .ss_size = sizeof(alt_area) };
	struct sigaction action = { .sa_sigaction = overflow_caught,
				    .sa_flags = SA_SIGINFO | SA_ONSTACK };

	(void)arg;
	if (sigaltstack(&alt, NULL) || sigaction(SIGSEGV, &action, NULL))
		return 10;
	if (sigsetjmp(overflow_exit, 1) == 0) {
		recurse(NULL);
		return 20;
	}
	return on_alt_area(overflow_handler_sp) ? 0 : 30;
}

static void ignore_signal(int signo)
{
	(void)signo;
}

/* Then exec_probe checks what exec kept and dropped (exec_probe.c, signals_probe). */
static int exec_with_signal_state(void *arg)
{
	stack_t alt = { .ss_sp = alt_area, .ss_size = sizeof(alt_area) };
	char *argv[] = { "exec_probe", "signals", NULL };
	sigset_t blocked;

	(void)arg;
	sigemptyset(&blocked);
	sigaddset(&blocked, SIGUSR2);
	sigaddset(&blocked, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &blocked, NULL);
	sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 9 });
	signal(SIGUSR1, ignore_signal);
	if (sigaltstack(&alt, NULL))
		return 1;
	execv("/boot/exec_probe", argv);
	return 2;
}

static void test_exec_resets(void)
{
	int status = run_in_child(exec_with_signal_state, NULL);

	CHECK("exec drops the alternate stack and caught actions, keeps the mask and a queued "
	      "real-time signal with its value", WIFEXITED(status) && WEXITSTATUS(status) == 60);
}

static void test_overflow(void)
{
	CHECK_EQ("a stack overflow is caught by a SIGSEGV handler on the alternate stack, "
		 "which siglongjmps out", 0, run_in_child(overflow_on_altstack, NULL));
}

void test_altstack(void)
{
	test_errors();
	test_where_handlers_run();
	test_exec_resets();
	test_overflow();
}

/* t_threadsig.c - signals and threads: pthread_kill reaches the named thread, a
 * process-directed signal the one thread that leaves it unblocked, raise the calling
 * thread, a fault the faulting thread; masks and thread-directed pending sets per thread. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <unistd.h>

#include "test0.h"

static volatile pthread_t handled_on;
static volatile int handled, handled_code;

static void note_thread(int signo, siginfo_t *info, void *context)
{
	(void)signo;
	(void)context;
	handled_on = pthread_self();
	handled_code = info->si_code;
	handled++;
}

static void catch(int signo)
{
	struct sigaction action = { .sa_sigaction = note_thread, .sa_flags = SA_SIGINFO };

	sigaction(signo, &action, NULL);
}

static void mask(int how, int signo)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, signo);
	pthread_sigmask(how, &set, NULL);
}

/* A thread that waits until stop is set, with its own choice of what to block. */
struct waiter {
	volatile int ready, stop;
	int unblock;		/* the one signal it leaves unblocked, or 0 */
	int raise_signo;	/* raised by the thread itself, or 0 */
	int raised_here;
	sigset_t pending;	/* what sigpending said before it left */
};

static void *wait_until_stopped(void *arg)
{
	struct waiter *waiter = arg;
	sigset_t all;

	sigfillset(&all);
	if (waiter->unblock) {
		pthread_sigmask(SIG_BLOCK, &all, NULL);
		mask(SIG_UNBLOCK, waiter->unblock);
	}
	if (waiter->raise_signo) {
		handled = 0;
		raise(waiter->raise_signo);
		waiter->raised_here = handled == 1 && pthread_equal(handled_on, pthread_self());
	}
	waiter->ready = 1;
	while (!waiter->stop)
		sched_yield();
	sigpending(&waiter->pending);
	return NULL;
}

static void start(pthread_t *thread, struct waiter *waiter)
{
	pthread_create(thread, NULL, wait_until_stopped, waiter);
	while (!waiter->ready)
		sched_yield();
}

static void wait_handled(int count)
{
	for (int spins = 0; spins < 100000 && handled < count; spins++)
		sched_yield();
}

static void test_pthread_kill(void)
{
	struct waiter waiter = { 0 };
	pthread_t thread;

	catch(SIGUSR1);
	start(&thread, &waiter);
	handled = 0;
	CHECK_EQ("pthread_kill of a live thread returns 0", 0, pthread_kill(thread, SIGUSR1));
	wait_handled(1);
	CHECK("the handler runs on that thread (pthread_self in it), with SI_TKILL",
	      handled == 1 && pthread_equal(handled_on, thread) && handled_code == SI_TKILL);
	CHECK_EQ("pthread_kill with signal 0 checks the thread", 0, pthread_kill(thread, 0));
	CHECK_EQ("pthread_kill of signal 65 is EINVAL", EINVAL, pthread_kill(thread, 65));
	waiter.stop = 1;
	pthread_join(thread, NULL);
	CHECK_EQ("pthread_kill of a joined thread is ESRCH", ESRCH, pthread_kill(thread, SIGUSR1));
}

static void test_process_directed(void)
{
	struct waiter open = { .unblock = SIGUSR2 }, closed = { .unblock = SIGTERM };
	pthread_t open_thread, closed_thread;

	catch(SIGUSR2);
	mask(SIG_BLOCK, SIGUSR2);
	start(&closed_thread, &closed);
	start(&open_thread, &open);
	handled = 0;
	kill(getpid(), SIGUSR2);
	wait_handled(1);
	CHECK("a process-directed signal reaches the one thread that leaves it unblocked",
	      handled == 1 && pthread_equal(handled_on, open_thread));
	open.stop = closed.stop = 1;
	pthread_join(open_thread, NULL);
	pthread_join(closed_thread, NULL);
	mask(SIG_UNBLOCK, SIGUSR2);
	signal(SIGUSR2, SIG_DFL);
}

static void test_raise_and_masks(void)
{
	struct waiter raiser = { .raise_signo = SIGUSR1 }, blocker = { .unblock = SIGTERM };
	pthread_t thread;
	sigset_t mine, pending;

	start(&thread, &raiser);
	CHECK("raise in a threaded process runs the handler on the calling thread, before it "
	      "returns", raiser.raised_here);
	raiser.stop = 1;
	pthread_join(thread, NULL);

	/* The blocker blocks everything but SIGTERM: the main thread's mask stays as it was. */
	start(&thread, &blocker);
	pthread_sigmask(SIG_BLOCK, NULL, &mine);
	CHECK("pthread_sigmask is per thread: another thread's blocking leaves this one's mask",
	      !sigismember(&mine, SIGUSR1));
	handled = 0;
	pthread_kill(thread, SIGUSR1);
	sigpending(&pending);
	CHECK("a signal for a thread that blocks it waits in that thread's pending set only",
	      handled == 0 && !sigismember(&pending, SIGUSR1));
	blocker.stop = 1;
	pthread_join(thread, NULL);
	CHECK("... where that thread's sigpending sees it", sigismember(&blocker.pending, SIGUSR1));
	signal(SIGUSR1, SIG_DFL);
}

static sigjmp_buf fault_exit;
static volatile pthread_t faulted_on;

static void fault_caught(int signo)
{
	(void)signo;
	faulted_on = pthread_self();
	siglongjmp(fault_exit, 1);
}

/* An address no process maps (the page at 0), kept from the compiler's view. */
static volatile uintptr_t unmapped = 8;

static void *fault_here(void *arg)
{
	(void)arg;
	if (sigsetjmp(fault_exit, 1) == 0)
		*(volatile int *)unmapped = 1;
	return NULL;
}

static void test_fault_goes_to_faulter(void)
{
	struct sigaction action = { .sa_handler = fault_caught }, old;
	pthread_t thread;

	sigaction(SIGSEGV, &action, &old);
	faulted_on = 0;
	pthread_create(&thread, NULL, fault_here, NULL);
	pthread_join(thread, NULL);
	CHECK("a fault's SIGSEGV runs its handler on the faulting thread",
	      pthread_equal(faulted_on, thread));
	sigaction(SIGSEGV, &old, NULL);
}

void test_threadsig(void)
{
	test_pthread_kill();
	test_process_directed();
	test_raise_and_masks();
	test_fault_goes_to_faulter();
}

/* t_pthread.c - POSIX threads: create, join, detach, attributes, once, keys,
 * cancellation, mutexes, condition variables, rwlocks, barriers, spin locks,
 * semaphores, atfork, scheduling and signal calls, with their error answers. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

#define HELPERS		4

static __thread int thread_local_value;

static void deadline_in(struct timespec *deadline, clockid_t clock, long ms)
{
	clock_gettime(clock, deadline);
	deadline->tv_nsec += (ms % 1000) * 1000000;
	deadline->tv_sec += ms / 1000 + deadline->tv_nsec / 1000000000;
	deadline->tv_nsec %= 1000000000;
}

static long ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* ---- create, join, detach, attributes ---- */

struct identity {
	pthread_t self_seen;
	int errno_seen;
	int local_seen;
};

static void *report_identity(void *arg)
{
	struct identity *identity = arg;

	identity->self_seen = pthread_self();
	errno = 0;
	close(-7);
	identity->errno_seen = errno;
	thread_local_value += 5;
	identity->local_seen = thread_local_value;
	return (void *)0x1234;
}

static void test_create_join(void)
{
	struct identity identity = { 0 };
	pthread_t thread;
	void *result = NULL;

	thread_local_value = 100;
	errno = 0;
	CHECK_EQ("pthread_create succeeds", 0, pthread_create(&thread, NULL, report_identity, &identity));
	CHECK_EQ("pthread_join succeeds", 0, pthread_join(thread, &result));
	CHECK("join gives the start routine's result", result == (void *)0x1234);
	CHECK("pthread_self in the thread is what create gave", pthread_equal(identity.self_seen, thread));
	CHECK("the creator is another thread", !pthread_equal(pthread_self(), thread));
	CHECK_EQ("errno is per thread (the thread's EBADF)", EBADF, identity.errno_seen);
	CHECK_EQ("errno is per thread (ours untouched)", 0, errno);
	CHECK_EQ("__thread starts from its template in a new thread", 5, identity.local_seen);
	CHECK_EQ("__thread of the creator unchanged", 100, thread_local_value);
	CHECK_EQ("joining oneself is EDEADLK", EDEADLK, pthread_join(pthread_self(), NULL));
	CHECK_EQ("joining a joined thread is ESRCH", ESRCH, pthread_join(thread, NULL));
	CHECK_EQ("pthread_kill of a joined thread is ESRCH", ESRCH, pthread_kill(thread, 0));
	CHECK_EQ("pthread_cancel of a joined thread is ESRCH", ESRCH, pthread_cancel(thread));
}

static void *post_and_end(void *arg)
{
	sem_post(arg);
	return NULL;
}

/* arg: { the semaphore to wait for, the one to post }. */
static void *wait_post_and_end(void *arg)
{
	sem_t **go_done = arg;

	sem_wait(go_done[0]);
	sem_post(go_done[1]);
	return NULL;
}

static void test_detach(void)
{
	pthread_attr_t attr;
	pthread_t thread;
	sem_t go, done;
	int state = -1, tries;

	sem_init(&done, 0, 0);
	pthread_attr_init(&attr);
	CHECK_EQ("setdetachstate DETACHED", 0, pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED));
	pthread_attr_getdetachstate(&attr, &state);
	CHECK_EQ("getdetachstate gives it back", PTHREAD_CREATE_DETACHED, state);
	CHECK_EQ("setdetachstate of 7 is EINVAL", EINVAL, pthread_attr_setdetachstate(&attr, 7));
	CHECK_EQ("a detached thread starts", 0, pthread_create(&thread, &attr, post_and_end, &done));
	CHECK_EQ("the detached thread ran", 0, sem_wait(&done));
	pthread_attr_destroy(&attr);

	/* The thread waits for go until both answers for a running thread are checked:
	 * on another processor it could otherwise have ended already (then ESRCH). */
	sem_init(&go, 0, 0);
	pthread_create(&thread, NULL, wait_post_and_end, (sem_t *[]){ &go, &done });
	CHECK_EQ("pthread_detach of a joinable thread", 0, pthread_detach(thread));
	CHECK_EQ("detaching it again while it runs is EINVAL", EINVAL, pthread_detach(thread));
	CHECK_EQ("joining it while it runs is EINVAL", EINVAL, pthread_join(thread, NULL));
	sem_post(&go);
	sem_wait(&done);
	for (tries = 0; tries < 10000 && pthread_kill(thread, 0) == 0; tries++)
		sched_yield();
	CHECK_EQ("a detached thread that ended is soon unknown", ESRCH, pthread_kill(thread, 0));
	CHECK_EQ("detaching it once it ended is ESRCH", ESRCH, pthread_detach(thread));
	CHECK_EQ("joining it once it ended is ESRCH", ESRCH, pthread_join(thread, NULL));
	sem_destroy(&go);
	sem_destroy(&done);
}

struct stack_probe {
	char *low;
	char *high;
	int inside;
};

static void *probe_stack(void *arg)
{
	struct stack_probe *probe = arg;
	char here;

	probe->inside = &here > probe->low && &here < probe->high;
	return NULL;
}

#define SMALL_STACK	16384

/* The thread starts within the top page of its stack; the stack's lowest byte is
 * SMALL_STACK below that page's end, and the guard page lies under it. */
static void *write_below_stack(void *offset)
{
	char here;
	uintptr_t top = ((uintptr_t)&here + 4095) & ~(uintptr_t)4095;

	*(volatile char *)(top - SMALL_STACK - (uintptr_t)offset) = 1;
	return NULL;
}

/* arg 0: the stack's lowest byte (must work); 1: the byte below it (must fault). */
static int write_in_thread(void *offset)
{
	pthread_attr_t attr;
	pthread_t thread;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, SMALL_STACK);
	pthread_attr_setguardsize(&attr, 4096);
	pthread_create(&thread, &attr, write_below_stack, offset);
	pthread_join(thread, NULL);
	return 0;
}

static void test_attributes(void)
{
	pthread_attr_t attr;
	struct stack_probe probe;
	pthread_t thread;
	size_t size = 0, guard = 0;
	void *addr = NULL;
	char *stack = malloc(32768);
	int status;

	pthread_attr_init(&attr);
	pthread_attr_getstacksize(&attr, &size);
	CHECK_EQ("the default stack is 64 KiB", 65536, size);
	pthread_attr_getguardsize(&attr, &guard);
	CHECK_EQ("the default guard is a page", 4096, guard);
	CHECK_EQ("a stack below PTHREAD_STACK_MIN is EINVAL", EINVAL, pthread_attr_setstacksize(&attr, 100));
	CHECK_EQ("setstacksize 32 KiB", 0, pthread_attr_setstacksize(&attr, 32768));
	pthread_attr_getstacksize(&attr, &size);
	CHECK_EQ("getstacksize gives it back", 32768, size);
	CHECK_EQ("setstack with a caller's stack", 0, pthread_attr_setstack(&attr, stack, 32768));
	pthread_attr_getstack(&attr, &addr, &size);
	CHECK("getstack gives it back", addr == stack && size == 32768);
	probe = (struct stack_probe){ stack, stack + 32768, 0 };
	pthread_create(&thread, &attr, probe_stack, &probe);
	pthread_join(thread, NULL);
	CHECK("a thread runs on the stack setstack gave", probe.inside);
	pthread_attr_destroy(&attr);
	free(stack);

	CHECK_EQ("a thread may write its stack's lowest byte", 0, run_in_child(write_in_thread, (void *)0));
	status = run_in_child(write_in_thread, (void *)1);
	CHECK("the byte below is its guard page (SIGSEGV)", WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGSEGV);
}

/* ---- once and keys ---- */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void once_routine(void)
{
	once_runs++;
	sched_yield();
}

static void *call_once(void *arg)
{
	(void)arg;
	pthread_once(&once, once_routine);
	return (void *)(intptr_t)once_runs;
}

static pthread_key_t key;
static int destructor_sum;

static void key_destructor(void *value)
{
	destructor_sum += (int)(intptr_t)value;
}

static void *use_key(void *arg)
{
	pthread_setspecific(key, arg);
	sched_yield();
	return pthread_getspecific(key);
}

static void test_once_keys(void)
{
	pthread_t threads[HELPERS];
	int all_saw_one = 1, all_own = 1;
	void *result;

	for (int i = 0; i < HELPERS; i++)
		pthread_create(&threads[i], NULL, call_once, NULL);
	for (int i = 0; i < HELPERS; i++) {
		pthread_join(threads[i], &result);
		all_saw_one &= result == (void *)1;
	}
	CHECK_EQ("pthread_once runs its routine once", 1, once_runs);
	CHECK("every caller returns after the routine finished", all_saw_one);

	CHECK_EQ("pthread_key_create", 0, pthread_key_create(&key, key_destructor));
	CHECK("a new key has no value", pthread_getspecific(key) == NULL);
	pthread_setspecific(key, (void *)1000);
	for (int i = 0; i < HELPERS; i++)
		pthread_create(&threads[i], NULL, use_key, (void *)(intptr_t)(i + 1));
	for (int i = 0; i < HELPERS; i++) {
		pthread_join(threads[i], &result);
		all_own &= result == (void *)(intptr_t)(i + 1);
	}
	CHECK("each thread sees its own value", all_own);
	CHECK("the creator's value is its own", pthread_getspecific(key) == (void *)1000);
	CHECK_EQ("destructors ran at each thread's exit with its value", 1 + 2 + 3 + 4, destructor_sum);
	CHECK_EQ("pthread_key_delete", 0, pthread_key_delete(key));
	CHECK_EQ("deleting it again is EINVAL", EINVAL, pthread_key_delete(key));
	CHECK_EQ("setspecific of a deleted key is EINVAL", EINVAL, pthread_setspecific(key, NULL));
}

/* ---- cancellation ---- */

struct cancel_target {
	pthread_mutex_t mutex;
	pthread_cond_t cond;
	sem_t sem;
	int cleanup_ran;
	int mutex_held_in_cleanup;
	volatile int stage;
};

static void unlock_in_cleanup(void *arg)
{
	struct cancel_target *target = arg;

	target->cleanup_ran = 1;
	target->mutex_held_in_cleanup = pthread_mutex_trylock(&target->mutex) == EBUSY;
	pthread_mutex_unlock(&target->mutex);
}

static void *wait_on_cond(void *arg)
{
	struct cancel_target *target = arg;

	pthread_mutex_lock(&target->mutex);
	pthread_cleanup_push(unlock_in_cleanup, target);
	target->stage = 1;
	for (;;)
		pthread_cond_wait(&target->cond, &target->mutex);
	pthread_cleanup_pop(1);
	return NULL;
}

static void *wait_on_sem(void *arg)
{
	struct cancel_target *target = arg;

	target->stage = 1;
	sem_wait(&target->sem);
	return NULL;
}

static void *cancel_disabled_then_test(void *arg)
{
	struct cancel_target *target = arg;

	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	target->stage = 1;
	while (target->stage != 2)
		sched_yield();
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
	target->stage = 3;
	pthread_testcancel();
	target->stage = 4;
	return NULL;
}

static void *sleep_forever(void *arg)
{
	const struct timespec tick = { 0, 2000000 };
	struct cancel_target *target = arg;

	target->stage = 1;
	for (;;)
		nanosleep(&tick, NULL);
	return NULL;
}

static sem_t exit_sem;

static void exit_from_handler(int signo)
{
	(void)signo;
	pthread_exit((void *)7);
}

/* Takes SIGUSR1, which every other thread blocks, while it waits in sem_wait. */
static void *wait_then_end_in_handler(void *arg)
{
	struct cancel_target *target = arg;
	sigset_t usr1;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
	target->stage = 1;
	sem_wait(&exit_sem);
	return NULL;
}

static void *wait_on_exit_sem(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)sem_wait(&exit_sem);
}

static void wait_for_stage(struct cancel_target *target, int stage)
{
	for (int spins = 0; spins < 100000 && target->stage != stage; spins++)
		sched_yield();
}

/* A thread that ends in a signal handler while it waits leaves no waiter behind: the
 * next post wakes the next waiter, not the ended thread's stale place in the queue. */
static void test_end_in_handler(struct cancel_target *target)
{
	struct sigaction action = { .sa_handler = exit_from_handler }, old_action;
	sigset_t usr1, old_mask;
	pthread_t thread;
	void *result = NULL;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &usr1, &old_mask);
	sigaction(SIGUSR1, &action, &old_action);
	sem_init(&exit_sem, 0, 0);
	target->stage = 0;
	pthread_create(&thread, NULL, wait_then_end_in_handler, target);
	wait_for_stage(target, 1);
	for (int spins = 0; spins < 20; spins++)
		sched_yield();
	kill(getpid(), SIGUSR1);
	pthread_join(thread, &result);
	CHECK("pthread_exit in a handler that interrupted sem_wait ends the thread",
	      result == (void *)7);
	pthread_create(&thread, NULL, wait_on_exit_sem, NULL);
	for (int spins = 0; spins < 20; spins++)
		sched_yield();
	sem_post(&exit_sem);
	result = (void *)-1;
	pthread_join(thread, &result);
	CHECK("and the next post wakes the next waiter", result == NULL);
	sem_destroy(&exit_sem);
	sigaction(SIGUSR1, &old_action, NULL);
	pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
}

static void test_cancel(void)
{
	struct cancel_target target = { .mutex = PTHREAD_MUTEX_INITIALIZER,
					 .cond = PTHREAD_COND_INITIALIZER };
	pthread_t thread;
	void *result = NULL;

	pthread_create(&thread, NULL, wait_on_cond, &target);
	wait_for_stage(&target, 1);
	pthread_mutex_lock(&target.mutex);	/* the thread is in pthread_cond_wait now */
	pthread_mutex_unlock(&target.mutex);
	CHECK_EQ("pthread_cancel", 0, pthread_cancel(thread));
	pthread_join(thread, &result);
	CHECK("a thread cancelled in pthread_cond_wait ends PTHREAD_CANCELED", result == PTHREAD_CANCELED);
	CHECK("its cleanup handler ran", target.cleanup_ran);
	CHECK("with the condition's mutex held again", target.mutex_held_in_cleanup);

	sem_init(&target.sem, 0, 0);
	target.stage = 0;
	pthread_create(&thread, NULL, wait_on_sem, &target);
	wait_for_stage(&target, 1);
	sched_yield();
	pthread_cancel(thread);
	result = NULL;
	pthread_join(thread, &result);
	CHECK("a thread cancelled in sem_wait ends PTHREAD_CANCELED", result == PTHREAD_CANCELED);
	sem_destroy(&target.sem);

	target.stage = 0;
	pthread_create(&thread, NULL, cancel_disabled_then_test, &target);
	wait_for_stage(&target, 1);
	pthread_cancel(thread);
	target.stage = 2;
	result = NULL;
	pthread_join(thread, &result);
	CHECK("a cancel waits while disabled and acts at pthread_testcancel",
	      result == PTHREAD_CANCELED && target.stage == 3);

	test_end_in_handler(&target);

	target.stage = 0;
	pthread_create(&thread, NULL, sleep_forever, &target);
	wait_for_stage(&target, 1);
	pthread_cancel(thread);
	result = NULL;
	pthread_join(thread, &result);
	CHECK("nanosleep is a cancellation point", result == PTHREAD_CANCELED);
}

/* ---- mutexes ---- */

struct mutex_probe {
	pthread_mutex_t *mutex;
	int answer;
};

static void *unlock_from_other(void *arg)
{
	struct mutex_probe *probe = arg;

	probe->answer = pthread_mutex_unlock(probe->mutex);
	return NULL;
}

static void *trylock_from_other(void *arg)
{
	struct mutex_probe *probe = arg;

	probe->answer = pthread_mutex_trylock(probe->mutex);
	return NULL;
}

static void *timedlock_from_other(void *arg)
{
	struct mutex_probe *probe = arg;
	struct timespec deadline, start;

	clock_gettime(CLOCK_MONOTONIC, &start);
	deadline_in(&deadline, CLOCK_REALTIME, 20);
	probe->answer = pthread_mutex_timedlock(probe->mutex, &deadline);
	if (probe->answer == ETIMEDOUT && ms_since(&start) < 20)
		probe->answer = -1;
	return NULL;
}

static int in_other_thread(void *(*fn)(void *), pthread_mutex_t *mutex)
{
	struct mutex_probe probe = { mutex, -2 };
	pthread_t thread;

	pthread_create(&thread, NULL, fn, &probe);
	pthread_join(thread, NULL);
	return probe.answer;
}

static void test_mutex_types(void)
{
	pthread_mutexattr_t attr;
	pthread_mutex_t mutex;
	struct timespec bad = { 0, 2000000000 };
	int type = -1;

	pthread_mutexattr_init(&attr);
	CHECK_EQ("settype of 99 is EINVAL", EINVAL, pthread_mutexattr_settype(&attr, 99));
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutexattr_gettype(&attr, &type);
	CHECK_EQ("gettype gives ERRORCHECK back", PTHREAD_MUTEX_ERRORCHECK, type);
	pthread_mutex_init(&mutex, &attr);
	CHECK_EQ("error-checking: unlocking a free mutex is EPERM", EPERM, pthread_mutex_unlock(&mutex));
	pthread_mutex_lock(&mutex);
	CHECK_EQ("error-checking: relocking is EDEADLK", EDEADLK, pthread_mutex_lock(&mutex));
	CHECK_EQ("error-checking: unlock by a non-owner is EPERM", EPERM,
		 in_other_thread(unlock_from_other, &mutex));
	CHECK_EQ("trylock of a mutex another thread holds is EBUSY", EBUSY,
		 in_other_thread(trylock_from_other, &mutex));
	CHECK_EQ("timedlock of a held mutex is ETIMEDOUT, after the deadline", ETIMEDOUT,
		 in_other_thread(timedlock_from_other, &mutex));
	CHECK_EQ("destroying a locked mutex is EBUSY", EBUSY, pthread_mutex_destroy(&mutex));
	CHECK_EQ("the owner unlocks", 0, pthread_mutex_unlock(&mutex));
	CHECK_EQ("timedlock of a free mutex", 0, pthread_mutex_timedlock(&mutex, &bad));
	pthread_mutex_unlock(&mutex);
	pthread_mutex_destroy(&mutex);

	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&mutex, &attr);
	pthread_mutex_lock(&mutex);
	CHECK_EQ("recursive: lock again", 0, pthread_mutex_lock(&mutex));
	CHECK_EQ("recursive: trylock again", 0, pthread_mutex_trylock(&mutex));
	pthread_mutex_unlock(&mutex);
	pthread_mutex_unlock(&mutex);
	CHECK_EQ("recursive: still held after two of three unlocks", EBUSY,
		 in_other_thread(trylock_from_other, &mutex));
	pthread_mutex_unlock(&mutex);
	CHECK_EQ("recursive: free after the third", 0, in_other_thread(trylock_from_other, &mutex));
	pthread_mutexattr_destroy(&attr);
}

static void test_timedlock_einval(void)
{
	pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
	struct timespec bad = { 0, -1 };

	pthread_mutex_lock(&mutex);
	CHECK_EQ("timedlock that would wait, with tv_nsec out of range, is EINVAL", EINVAL,
		 pthread_mutex_timedlock(&mutex, &bad));
	pthread_mutex_unlock(&mutex);
}

/* ---- condition variables ---- */

struct cond_state {
	pthread_mutex_t mutex;
	pthread_cond_t cond;
	int ready;
	int woken;
};

static void *wait_until_ready(void *arg)
{
	struct cond_state *state = arg;

	pthread_mutex_lock(&state->mutex);
	while (!state->ready)
		pthread_cond_wait(&state->cond, &state->mutex);
	state->woken++;
	pthread_mutex_unlock(&state->mutex);
	return NULL;
}

static void test_cond(void)
{
	struct cond_state state = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0 };
	pthread_condattr_t attr;
	pthread_cond_t monotonic;
	pthread_t threads[HELPERS];
	struct timespec deadline, start;
	clockid_t clock = -1;

	pthread_condattr_init(&attr);
	CHECK_EQ("condattr_setclock of an unknown clock is EINVAL", EINVAL,
		 pthread_condattr_setclock(&attr, 99));
	CHECK_EQ("condattr_setclock CLOCK_MONOTONIC", 0, pthread_condattr_setclock(&attr, CLOCK_MONOTONIC));
	pthread_condattr_getclock(&attr, &clock);
	CHECK_EQ("condattr_getclock gives it back", CLOCK_MONOTONIC, clock);
	pthread_cond_init(&monotonic, &attr);
	pthread_mutex_lock(&state.mutex);
	clock_gettime(CLOCK_MONOTONIC, &start);
	deadline_in(&deadline, CLOCK_MONOTONIC, 30);
	CHECK_EQ("timedwait on CLOCK_MONOTONIC times out", ETIMEDOUT,
		 pthread_cond_timedwait(&monotonic, &state.mutex, &deadline));
	CHECK("no earlier than its deadline", ms_since(&start) >= 30);
	CHECK("and returns with the mutex held", pthread_mutex_trylock(&state.mutex) == EBUSY);
	deadline.tv_nsec = 1000000000;
	CHECK_EQ("timedwait with tv_nsec out of range is EINVAL", EINVAL,
		 pthread_cond_timedwait(&monotonic, &state.mutex, &deadline));
	pthread_mutex_unlock(&state.mutex);
	pthread_cond_destroy(&monotonic);

	for (int i = 0; i < HELPERS; i++)
		pthread_create(&threads[i], NULL, wait_until_ready, &state);
	for (int spins = 0; spins < 50; spins++)
		sched_yield();
	pthread_mutex_lock(&state.mutex);
	state.ready = 1;
	pthread_cond_broadcast(&state.cond);
	pthread_mutex_unlock(&state.mutex);
	for (int i = 0; i < HELPERS; i++)
		pthread_join(threads[i], NULL);
	CHECK_EQ("broadcast wakes every waiter", HELPERS, state.woken);

	state.ready = 0;
	state.woken = 0;
	pthread_create(&threads[0], NULL, wait_until_ready, &state);
	for (int spins = 0; spins < 50; spins++)
		sched_yield();
	pthread_mutex_lock(&state.mutex);
	state.ready = 1;
	pthread_cond_signal(&state.cond);
	pthread_mutex_unlock(&state.mutex);
	pthread_join(threads[0], NULL);
	CHECK_EQ("signal wakes a waiter", 1, state.woken);
}

/* ---- rwlocks, barriers, spin locks ---- */

struct rwlock_probe {
	pthread_rwlock_t *lock;
	int read_try;
	int write_try;
	int timed_write;
};

static void *probe_rwlock(void *arg)
{
	struct rwlock_probe *probe = arg;
	struct timespec deadline;

	probe->read_try = pthread_rwlock_tryrdlock(probe->lock);
	if (probe->read_try == 0)
		pthread_rwlock_unlock(probe->lock);
	probe->write_try = pthread_rwlock_trywrlock(probe->lock);
	if (probe->write_try == 0)
		pthread_rwlock_unlock(probe->lock);
	deadline_in(&deadline, CLOCK_REALTIME, 10);
	probe->timed_write = pthread_rwlock_timedwrlock(probe->lock, &deadline);
	if (probe->timed_write == 0)
		pthread_rwlock_unlock(probe->lock);
	return NULL;
}

static struct rwlock_probe rwlock_from_other(pthread_rwlock_t *lock)
{
	struct rwlock_probe probe = { lock, -1, -1, -1 };
	pthread_t thread;

	pthread_create(&thread, NULL, probe_rwlock, &probe);
	pthread_join(thread, NULL);
	return probe;
}

static void test_rwlock(void)
{
	pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
	struct rwlock_probe probe;

	pthread_rwlock_rdlock(&lock);
	CHECK_EQ("a second read lock by the same thread", 0, pthread_rwlock_rdlock(&lock));
	probe = rwlock_from_other(&lock);
	CHECK_EQ("read-held: another reader gets in", 0, probe.read_try);
	CHECK_EQ("read-held: trywrlock is EBUSY", EBUSY, probe.write_try);
	CHECK_EQ("read-held: timedwrlock is ETIMEDOUT", ETIMEDOUT, probe.timed_write);
	pthread_rwlock_unlock(&lock);
	pthread_rwlock_unlock(&lock);
	CHECK_EQ("destroying a free rwlock", 0, pthread_rwlock_destroy(&lock));
	pthread_rwlock_init(&lock, NULL);
	pthread_rwlock_wrlock(&lock);
	CHECK_EQ("write-held: the writer's rdlock is EDEADLK", EDEADLK, pthread_rwlock_rdlock(&lock));
	probe = rwlock_from_other(&lock);
	CHECK_EQ("write-held: tryrdlock is EBUSY", EBUSY, probe.read_try);
	CHECK_EQ("write-held: trywrlock is EBUSY", EBUSY, probe.write_try);
	pthread_rwlock_unlock(&lock);
	probe = rwlock_from_other(&lock);
	CHECK("free again: both kinds get in", probe.read_try == 0 && probe.write_try == 0 &&
	      probe.timed_write == 0);
	CHECK_EQ("unlocking a free rwlock is EPERM", EPERM, pthread_rwlock_unlock(&lock));
}

static pthread_barrier_t barrier;
static int before_barrier;

static void *arrive(void *arg)
{
	int *saw_all = arg;
	int answer;

	__atomic_add_fetch(&before_barrier, 1, __ATOMIC_SEQ_CST);
	answer = pthread_barrier_wait(&barrier);
	*saw_all = __atomic_load_n(&before_barrier, __ATOMIC_SEQ_CST) == HELPERS;
	return (void *)(intptr_t)(answer == PTHREAD_BARRIER_SERIAL_THREAD);
}

static void test_barrier_spin(void)
{
	pthread_t threads[HELPERS];
	pthread_spinlock_t spin;
	int saw_all[HELPERS], all = 1, serial = 0;
	void *result;

	CHECK_EQ("a barrier of 0 is EINVAL", EINVAL, pthread_barrier_init(&barrier, NULL, 0));
	pthread_barrier_init(&barrier, NULL, HELPERS);
	for (int i = 0; i < HELPERS; i++)
		pthread_create(&threads[i], NULL, arrive, &saw_all[i]);
	for (int i = 0; i < HELPERS; i++) {
		pthread_join(threads[i], &result);
		serial += result != NULL;
		all &= saw_all[i];
	}
	CHECK("nobody leaves the barrier before all arrived", all);
	CHECK_EQ("exactly one gets PTHREAD_BARRIER_SERIAL_THREAD", 1, serial);
	pthread_barrier_destroy(&barrier);

	pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
	CHECK_EQ("spin_lock", 0, pthread_spin_lock(&spin));
	CHECK_EQ("spin_trylock of a held lock is EBUSY", EBUSY, pthread_spin_trylock(&spin));
	pthread_spin_unlock(&spin);
	CHECK_EQ("spin_trylock of a free lock", 0, pthread_spin_trylock(&spin));
	pthread_spin_unlock(&spin);
}

/* ---- semaphores ---- */

static void *post_later(void *arg)
{
	for (int spins = 0; spins < 20; spins++)
		sched_yield();
	sem_post(arg);
	return NULL;
}

static volatile int handler_ran;

static void note_signal(int signo)
{
	(void)signo;
	handler_ran = 1;
}

/* Blocks SIGUSR1 itself, so the signal goes to the thread waiting in sem_wait. */
static void *signal_process(void *arg)
{
	sigset_t usr1;

	(void)arg;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &usr1, NULL);
	for (int spins = 0; spins < 20; spins++)
		sched_yield();
	kill(getpid(), SIGUSR1);
	return NULL;
}

static int named_post(void *arg)
{
	sem_t *sem = sem_open(arg, 0);

	return sem != SEM_FAILED && sem_post(sem) == 0 ? 0 : 1;
}

static void test_semaphores(void)
{
	struct sigaction action = { .sa_handler = note_signal }, old;
	struct timespec deadline;
	pthread_t thread;
	sem_t sem, *named, *again;
	int value = -1, status;

	CHECK_EQ("sem_init above SEM_VALUE_MAX fails", -1, sem_init(&sem, 0, (unsigned)SEM_VALUE_MAX + 1));
	CHECK_EQ("with EINVAL", EINVAL, errno);
	CHECK_EQ("sem_init 2", 0, sem_init(&sem, 0, 2));
	sem_wait(&sem);
	sem_getvalue(&sem, &value);
	CHECK_EQ("sem_wait takes one", 1, value);
	CHECK_EQ("sem_trywait takes the last", 0, sem_trywait(&sem));
	CHECK("sem_trywait of 0 is EAGAIN", sem_trywait(&sem) == -1 && errno == EAGAIN);
	deadline_in(&deadline, CLOCK_REALTIME, 10);
	CHECK("sem_timedwait of 0 is ETIMEDOUT", sem_timedwait(&sem, &deadline) == -1 &&
	      errno == ETIMEDOUT);
	pthread_create(&thread, NULL, post_later, &sem);
	CHECK_EQ("sem_wait is woken by another thread's sem_post", 0, sem_wait(&sem));
	pthread_join(thread, NULL);

	sigaction(SIGUSR1, &action, &old);
	pthread_create(&thread, NULL, signal_process, NULL);
	CHECK("sem_wait interrupted by a handler is EINTR", sem_wait(&sem) == -1 && errno == EINTR &&
	      handler_ran);
	pthread_join(thread, NULL);
	sigaction(SIGUSR1, &old, NULL);
	CHECK_EQ("sem_destroy", 0, sem_destroy(&sem));

	sem_unlink("/t0sem");
	named = sem_open("/t0sem", O_CREAT | O_EXCL, 0600, 0);
	CHECK("sem_open O_CREAT makes a named semaphore", named != SEM_FAILED);
	again = sem_open("/t0sem", 0);
	CHECK("opening it again gives the same address", again == named);
	CHECK("O_CREAT|O_EXCL of an existing name is EEXIST",
	      sem_open("/t0sem", O_CREAT | O_EXCL, 0600, 0) == SEM_FAILED && errno == EEXIST);
	CHECK("sem_open of a missing name is ENOENT",
	      sem_open("/t0missing", 0) == SEM_FAILED && errno == ENOENT);
	CHECK("a name without its slash is EINVAL", sem_open("t0sem", 0) == SEM_FAILED &&
	      errno == EINVAL);
	status = run_in_child(named_post, "/t0sem");
	CHECK_EQ("a child process posts the named semaphore", 0, status);
	CHECK_EQ("and the parent takes it", 0, sem_trywait(named));
	sem_close(again);
	CHECK_EQ("sem_close", 0, sem_close(named));
	CHECK_EQ("sem_unlink", 0, sem_unlink("/t0sem"));
	CHECK("the name is gone", sem_open("/t0sem", 0) == SEM_FAILED && errno == ENOENT);
}

/* ---- atfork, scheduling, signals ---- */

static char fork_trace[8];
static int fork_trace_length;

static void trace_prepare_first(void) { fork_trace[fork_trace_length++] = 'a'; }
static void trace_prepare_second(void) { fork_trace[fork_trace_length++] = 'b'; }
static void trace_parent(void) { fork_trace[fork_trace_length++] = 'P'; }
static void trace_child(void) { fork_trace[fork_trace_length++] = 'C'; }

static int report_child_trace(void *arg)
{
	(void)arg;
	return strcmp(fork_trace, "baC") == 0 ? 0 : 1;
}

static void *sleep_a_while(void *arg)
{
	const struct timespec pause = { 0, 5000000 };

	(void)arg;
	nanosleep(&pause, NULL);
	return NULL;
}

static void test_atfork_sched_signals(void)
{
	struct sched_param param = { .sched_priority = 5 };
	sigset_t usr2, now;
	pthread_t thread;
	int policy = -1, status;

	pthread_atfork(trace_prepare_first, NULL, NULL);
	pthread_atfork(trace_prepare_second, trace_parent, trace_child);
	status = run_in_child(report_child_trace, NULL);
	CHECK_EQ("atfork: prepare in reverse order, then child handlers in the child", 0, status);
	CHECK("atfork: prepare in reverse order, then parent handlers in the parent",
	      strcmp(fork_trace, "baP") == 0);

	CHECK_EQ("pthread_getschedparam", 0, pthread_getschedparam(pthread_self(), &policy, &param));
	CHECK("is SCHED_OTHER at priority 0", policy == SCHED_OTHER && param.sched_priority == 0);
	CHECK_EQ("SCHED_FIFO cannot be had: EPERM", EPERM,
		 pthread_setschedparam(pthread_self(), SCHED_FIFO, &param));
	CHECK_EQ("SCHED_OTHER at 0 is accepted", 0,
		 pthread_setschedparam(pthread_self(), SCHED_OTHER, &param));
	CHECK_EQ("sched_get_priority_max(SCHED_OTHER)", 0, sched_get_priority_max(SCHED_OTHER));
	CHECK_EQ("sched_get_priority_max of no policy fails", -1, sched_get_priority_max(42));
	CHECK_EQ("sched_yield", 0, sched_yield());

	pthread_create(&thread, NULL, sleep_a_while, NULL);
	CHECK_EQ("pthread_kill with 0 finds a live thread", 0, pthread_kill(thread, 0));
	CHECK_EQ("pthread_kill of signal 99 is EINVAL", EINVAL, pthread_kill(thread, 99));
	pthread_join(thread, NULL);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	CHECK_EQ("pthread_sigmask blocks", 0, pthread_sigmask(SIG_BLOCK, &usr2, NULL));
	pthread_sigmask(SIG_UNBLOCK, &usr2, &now);
	CHECK("and the old mask had it", sigismember(&now, SIGUSR2));
	CHECK_EQ("pthread_sigmask with a bad how is EINVAL", EINVAL, pthread_sigmask(99, &usr2, NULL));
}

void test_pthread(void)
{
	test_create_join();
	test_detach();
	test_attributes();
	test_once_keys();
	test_cancel();
	test_mutex_types();
	test_timedlock_einval();
	test_cond();
	test_rwlock();
	test_barrier_spin();
	test_semaphores();
	test_atfork_sched_signals();
}

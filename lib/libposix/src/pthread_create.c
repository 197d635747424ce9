/* pthread_create.c - threads' lives: create on a clone thread, exit, join, detach, and
 * freeing each record and stack once its L4 thread is gone. */
#include <limits.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <l4/syscalls.h>

#include "internal.h"
#include "pthread_internal.h"

#define PAGE_SIZE		4096
#define THREAD_CLONE_FLAGS	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
				 CLONE_THREAD | CLONE_SYSVSEM)

static struct __pthread initial_thread;
static __thread struct __pthread *current_thread;
/* Detached threads that have ended, waiting for their L4 thread to be gone. */
static struct __pthread *ended_threads;
/* Every other thread libposix started: what a pthread_t may still name. */
static struct __pthread *live_threads;
static uint32_t live_threads_lock;

struct __pthread *pthread_current(void)
{
	if (!current_thread) {
		initial_thread.l4_thread = l4_myself();
		current_thread = &initial_thread;
	}
	return current_thread;
}

bool pthread_has_record(void)
{
	return current_thread != NULL;
}

void pthread_forked_child(void)
{
	if (current_thread) {
		current_thread->l4_thread = l4_myself();
		current_thread->tid = 0;	/* it is the child's first thread now */
	}
}

pthread_t pthread_self(void)
{
	return pthread_current();
}

int pthread_equal(pthread_t first, pthread_t second)
{
	return first == second;
}

static void add_live(struct __pthread *thread)
{
	futex_lock(&live_threads_lock);
	thread->next_live = live_threads;
	live_threads = thread;
	futex_unlock(&live_threads_lock);
}

static void remove_live(struct __pthread *thread)
{
	futex_lock(&live_threads_lock);
	for (struct __pthread **link = &live_threads; *link; link = &(*link)->next_live) {
		if (*link == thread) {
			*link = thread->next_live;
			break;
		}
	}
	futex_unlock(&live_threads_lock);
}

/* Called with live_threads_lock held. */
static bool known_locked(pthread_t thread)
{
	struct __pthread *live;

	if (thread == &initial_thread)
		return true;
	for (live = live_threads; live && live != thread; live = live->next_live)
		;
	return live != NULL;
}

bool pthread_known(pthread_t thread)
{
	bool known;

	futex_lock(&live_threads_lock);
	known = known_locked(thread);
	futex_unlock(&live_threads_lock);
	return known;
}

/* A thread that has ended still runs its last instructions (the wake, mm.thread_exit)
 * on its stack: the stack may go only once the kernel no longer knows the thread in
 * our space (a fork child's copies of its parent's records name the parent's). */
static bool thread_gone(const struct __pthread *thread)
{
	return l4_exchange_registers(thread->l4_thread, 0, 0, 0) < 0;
}

static void release(struct __pthread *thread)
{
	remove_live(thread);
	while (!thread_gone(thread))
		l4_yield();
	if (thread->mapping)
		munmap(thread->mapping, thread->mapping_size);
	if (thread != &initial_thread)
		free(thread);
}

static void push_ended(struct __pthread *thread)
{
	struct __pthread *head = __atomic_load_n(&ended_threads, __ATOMIC_RELAXED);

	do
		thread->next_ended = head;
	while (!__atomic_compare_exchange_n(&ended_threads, &head, thread, true,
					    __ATOMIC_RELEASE, __ATOMIC_RELAXED));
}

/* Frees the detached threads that are gone; the others wait for a later call. */
static void reap_ended_threads(void)
{
	struct __pthread *ended = __atomic_exchange_n(&ended_threads, NULL, __ATOMIC_ACQUIRE);

	while (ended) {
		struct __pthread *next = ended->next_ended;

		if (thread_gone(ended))
			release(ended);
		else
			push_ended(ended);
		ended = next;
	}
}

void pthread_exit(void *result)
{
	struct __pthread *self = pthread_current();
	uint32_t joinable = THREAD_JOINABLE;

	futex_abandon_waits();
	self->cancel_disabled = 1;
	while (self->cleanups) {
		struct __pthread_cleanup *handler = self->cleanups;

		self->cleanups = handler->previous;
		handler->routine(handler->arg);
	}
	pthread_run_key_destructors(self);
	self->result = result;
	if (__atomic_compare_exchange_n(&self->join_state, &joinable, THREAD_ENDED, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		futex_wake(&self->join_state, INT_MAX);
	} else {
		remove_live(self);
		push_ended(self);
	}
	posix_thread_exit(0);
}

static int thread_entry(void *record)
{
	struct __pthread *self = record;

	current_thread = self;
	/* Released: pthread_setaffinity_np waits for it (sched_cpu.c). */
	__atomic_store_n(&self->l4_thread, l4_myself(), __ATOMIC_RELEASE);
	pthread_exit(self->start(self->arg));
}

/* The stack, and below it the guard pages that make an overflow fault. */
static int map_stack(struct __pthread *thread, size_t size, size_t guard)
{
	char *mapping;

	size = (size + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
	guard = (guard + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
	mapping = mmap(NULL, size + guard, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	if (mapping == MAP_FAILED)
		return EAGAIN;
	if (guard && mprotect(mapping, guard, PROT_NONE)) {
		munmap(mapping, size + guard);
		return EAGAIN;
	}
	thread->mapping = mapping;
	thread->mapping_size = size + guard;
	return 0;
}

int pthread_create(pthread_t *out, const pthread_attr_t *attr, void *(*start)(void *),
		   void *arg)
{
	pthread_attr_t defaults;
	struct __pthread *thread;
	char *stack_top;
	int error, tid;

	if (!attr) {
		pthread_attr_init(&defaults);
		attr = &defaults;
	}
	/* Before the thread exists: every call it makes may be cancelled (internal.h). */
	posix_cancel_possible = true;
	reap_ended_threads();
	thread = calloc(1, sizeof(*thread));
	if (!thread)
		return EAGAIN;
	thread->start = start;
	thread->arg = arg;
	thread->join_state = attr->detach_state == PTHREAD_CREATE_DETACHED ? THREAD_DETACHED :
									    THREAD_JOINABLE;
	thread->cancel_disabled = pthread_current()->cancel_disabled;
	if (attr->stack_addr) {
		stack_top = (char *)attr->stack_addr + attr->stack_size;
	} else {
		error = map_stack(thread, attr->stack_size, (size_t)attr->guard_size);
		if (error) {
			free(thread);
			return error;
		}
		stack_top = (char *)thread->mapping + thread->mapping_size;
	}
	*out = thread;
	add_live(thread);
	tid = clone(thread_entry, stack_top, THREAD_CLONE_FLAGS, thread);
	if (tid < 0) {
		remove_live(thread);
		if (thread->mapping)
			munmap(thread->mapping, thread->mapping_size);
		free(thread);
		return EAGAIN;
	}
	thread->tid = (uint32_t)tid;
	return 0;
}

int pthread_join(pthread_t thread, void **result)
{
	uint32_t state;
	int error = 0;

	/* A detached thread is answered under the list's lock, as in pthread_detach; a
	 * joinable one's record stays until it is joined or detached. */
	futex_lock(&live_threads_lock);
	if (!known_locked(thread))
		error = ESRCH;
	else if (thread == pthread_current())
		error = EDEADLK;
	else if (__atomic_load_n(&thread->join_state, __ATOMIC_ACQUIRE) == THREAD_DETACHED)
		error = EINVAL;
	futex_unlock(&live_threads_lock);
	if (error)
		return error;
	while ((state = __atomic_load_n(&thread->join_state, __ATOMIC_ACQUIRE)) ==
	       THREAD_JOINABLE) {
		if (pthread_cancelable_wait(&thread->join_state, THREAD_JOINABLE, false, NULL) ==
		    -ECANCELED)
			pthread_exit(PTHREAD_CANCELED);
	}
	if (state != THREAD_ENDED)
		return EINVAL;
	if (result)
		*result = thread->result;
	release(thread);
	return 0;
}

/* The lookup and the change of join_state happen under the list's lock: a detached
 * thread that ends takes itself off the list (pthread_exit) before its record can be
 * freed, so it cannot end and be freed between the two, on another processor. Hence
 * EINVAL while a detached thread runs, ESRCH once it has ended, whatever the timing. */
int pthread_detach(pthread_t thread)
{
	uint32_t state = THREAD_JOINABLE;
	int error = 0;

	futex_lock(&live_threads_lock);
	if (!known_locked(thread))
		error = ESRCH;
	else if (!__atomic_compare_exchange_n(&thread->join_state, &state, THREAD_DETACHED,
					      false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) &&
		 state != THREAD_ENDED)
		error = EINVAL;
	futex_unlock(&live_threads_lock);
	if (!error && state == THREAD_ENDED)
		release(thread);
	return error;
}

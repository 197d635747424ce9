/* pthread_internal.h - what the pthread_*.c and sem*.c files share: the thread
 * record, the calling thread's, and cancellation points. */
#ifndef LIBPOSIX_PTHREAD_INTERNAL_H
#define LIBPOSIX_PTHREAD_INTERNAL_H

#include <pthread.h>

#include "futex.h"

/* A thread's stack unless its attributes say otherwise (the initial thread's is as big). */
#define DEFAULT_STACK_SIZE	(64 * 1024)

/* join_state: who frees the record and stack once the thread has ended. */
enum {
	THREAD_JOINABLE,	/* a later pthread_join */
	THREAD_DETACHED,	/* the thread itself, through the reaper (pthread_create.c) */
	THREAD_ENDED,		/* ended while joinable: the joiner, at once */
};

struct __pthread {
	uint32_t join_state;		/* futex word: THREAD_ENDED wakes the joiner */
	l4_tid_t l4_thread;		/* set by the thread before it runs start */
	uint32_t tid;			/* mm0's id of it (clone's result); 0: the pid's */
	uint32_t affinity;		/* bit n: may run on processor n; 0: any (src/sched_cpu.c) */
	void *(*start)(void *);
	void *arg;
	void *result;
	void *mapping;			/* the stack and guard libposix mapped, or NULL */
	size_t mapping_size;
	int cancel_disabled;
	int cancel_asynchronous;
	uint32_t cancel_pending;
	uint32_t in_blocking_call;	/* between posix_cancel_begin and _end (pthread_cancel.c) */
	struct futex_waiter *volatile waiting;	/* the wait a cancel must end */
	struct __pthread_cleanup *cleanups;
	const void *key_values[PTHREAD_KEYS_MAX];
	unsigned key_generations[PTHREAD_KEYS_MAX];
	struct __pthread *next_ended;	/* on the reaper's list */
	struct __pthread *next_live;	/* on the list of threads a pthread_t may name */
};

/* The calling thread's record (the initial thread's is static). */
struct __pthread *pthread_current(void);

/* Whether thread names a thread that has not been joined nor, detached, ended: the
 * calls that take a pthread_t answer ESRCH for any other. */
bool pthread_known(pthread_t thread);

/* Ends the thread with PTHREAD_CANCELED if a cancel is pending and enabled. */
void pthread_cancel_point(void);
/* futex_wait at a cancellation point: -ECANCELED when a cancel, pending before or
 * arriving during the wait, must now end the thread (the caller puts its state right,
 * e.g. retakes a condition wait's mutex, then calls pthread_exit(PTHREAD_CANCELED)). */
int pthread_cancelable_wait(const volatile uint32_t *word, uint32_t expected, bool shared,
			    const struct futex_deadline *until);

/* Runs and forgets the thread's key destructors (pthread_key.c). */
void pthread_run_key_destructors(struct __pthread *thread);
/* fork's hooks (pthread_atfork.c). prepare runs pthread_atfork's prepare handlers and
 * answers what the parent and the child have to do: 0 when the process never used
 * threads or handlers, and then fork calls neither of the others, since every page
 * fork's child touches, code included, costs it a fault. */
unsigned pthread_atfork_prepare(void);
void pthread_atfork_parent(unsigned prepared);
void pthread_atfork_child(unsigned prepared);
/* Whether this thread has a record (pthread_create.c); in a fork child, makes it name
 * the new thread. */
bool pthread_has_record(void);
void pthread_forked_child(void);
/* In a fork child: moves the thread into its affinity mask (sched_cpu.c). */
void sched_affinity_forked(void);

/* A mutex's type field: the PTHREAD_MUTEX_* type, with MUTEX_SHARED for a
 * process-shared one. */
#define MUTEX_TYPE(mutex)	((mutex)->type & 0xff)
#define MUTEX_SHARED		0x100

/* The mutex core that condition variables, rwlocks and barriers use too. */
int pthread_mutex_take(pthread_mutex_t *mutex, const struct futex_deadline *until);

#endif

/* futex.h - wait until a word changes, and wake its waiters: libposix's one blocking
 * primitive under mutexes, condition variables, semaphores, once and join. */
#ifndef LIBPOSIX_FUTEX_H
#define LIBPOSIX_FUTEX_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <l4/ipc.h>

/* One blocked thread, on its own stack while it waits (futex.c). */
struct futex_waiter {
	struct futex_waiter *next;
	const volatile uint32_t *word;
	l4_tid_t sleeper;		/* the waiting thread */
	l4_tid_t waker;			/* set when taken off the queue: who will send the wake */
	int outcome;			/* 0 woken, -ECANCELED for pthread_cancel */
	bool queued;
	struct futex_waiter *outer;	/* the wait a signal handler interrupted to run this one */
};

/* When a wait gives up: an absolute time on clock, or none (deadline NULL). */
struct futex_deadline {
	const struct timespec *deadline;
	clockid_t clock;
};

/* Blocks while *word == expected, until a wake, the deadline, a signal handler or a
 * cancellation: 0 (woken; may be spurious), -EAGAIN (the word had changed), -ETIMEDOUT,
 * -EINTR (a handler ran) or -ECANCELED (pthread_cancel). shared: the word may be in memory
 * of several processes, whose waiters cannot be queued here; such a wait polls the word
 * every millisecond instead. *waiting, when given, points at the queued waiter while the
 * thread waits, so that futex_interrupt can find it. */
int futex_wait(const volatile uint32_t *word, uint32_t expected, bool shared,
	       const struct futex_deadline *until, struct futex_waiter *volatile *waiting);
/* Wakes up to count threads waiting on word, first come first woken; returns how many. */
int futex_wake(const volatile uint32_t *word, int count);
/* Ends the wait that *waiting names, if any, with -ECANCELED. */
void futex_interrupt(struct futex_waiter *volatile *waiting);
/* Takes the calling thread's waits off their queues: it is ending inside them (a
 * signal handler that interrupted a wait called pthread_exit). */
void futex_abandon_waits(void);
/* Milliseconds until deadline on clock, rounded up; 0 once it has passed. -EINVAL for a
 * deadline whose nanoseconds are out of range. */
long futex_ms_left(const struct futex_deadline *until);
/* A plain lock on a word for libposix's own use (malloc, the C library's locks): 0 free,
 * 1 held, 2 held with waiters; free of system calls unless contended. */
void futex_lock_contended(uint32_t *word);
static inline void futex_lock(uint32_t *word)
{
	uint32_t free_word = 0;

	if (!__atomic_compare_exchange_n(word, &free_word, 1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		futex_lock_contended(word);
}
static inline bool futex_trylock(uint32_t *word)
{
	uint32_t free_word = 0;

	return __atomic_compare_exchange_n(word, &free_word, 1, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}
static inline void futex_unlock(uint32_t *word)
{
	if (__atomic_exchange_n(word, 0, __ATOMIC_RELEASE) == 2)
		futex_wake(word, 1);
}

/* Whether a wait or wake ever took a bucket (fork's child then has queues to empty). */
bool futex_buckets_used(void);
/* A fork child has none of its parent's other threads: nobody waits. */
void futex_forget_waiters(void);

#endif

/* futex.c - waiting on a word, keyed on its address, between the threads of one process:
 * a waiter queues itself (FIFO, per address) and blocks in a kernel receive; a waker takes
 * waiters off the queue and sends each one waker.wake (idl/waker.idl). Why not in mm0:
 * docs/libposix.md, "Threads". */
#include <errno.h>
#include <string.h>

#include <l4/syscalls.h>

#include "futex.h"
#include "waker.h"

#define BUCKETS		64
#define LONGEST_WAIT_MS	0xfffeu
#define NSEC_PER_SEC	1000000000ll
#define NSEC_PER_MSEC	1000000ll

/* Addresses hash to buckets; a bucket's queue holds waiters of several words in
 * arrival order, and its lock is held only to look at or change the queue. */
struct bucket {
	uint32_t lock;
	struct futex_waiter *head;
	struct futex_waiter *tail;
};

static struct bucket buckets[BUCKETS];
/* Set once any bucket was locked: a fork child then has a table to empty. */
static bool buckets_used;
/* The calling thread's wait, innermost first (a handler may wait inside a wait). */
static __thread struct futex_waiter *innermost_wait;

static struct bucket *bucket_of(const volatile uint32_t *word)
{
	uintptr_t index = (uintptr_t)word >> 2;

	return &buckets[(index ^ (index >> 6) ^ (index >> 12)) % BUCKETS];
}

/* The holder may be a thread that is not running: give it the processor. */
static void bucket_lock(struct bucket *bucket)
{
	if (!buckets_used)
		buckets_used = true;
	while (__atomic_exchange_n(&bucket->lock, 1, __ATOMIC_ACQUIRE))
		l4_yield();
}

static void bucket_unlock(struct bucket *bucket)
{
	__atomic_store_n(&bucket->lock, 0, __ATOMIC_RELEASE);
}

/* Takes waiter off the bucket's queue; false when it is not on it. */
static bool bucket_remove(struct bucket *bucket, struct futex_waiter *waiter)
{
	struct futex_waiter **link = &bucket->head, *previous = NULL;

	while (*link && *link != waiter) {
		previous = *link;
		link = &(*link)->next;
	}
	if (!*link)
		return false;
	*link = waiter->next;
	if (bucket->tail == waiter)
		bucket->tail = previous;
	waiter->queued = false;
	return true;
}

long futex_ms_left(const struct futex_deadline *until)
{
	struct timespec now;
	long long left;

	if (until->deadline->tv_nsec < 0 || until->deadline->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	clock_gettime(until->clock, &now);
	left = ((long long)until->deadline->tv_sec - now.tv_sec) * NSEC_PER_SEC +
	       (until->deadline->tv_nsec - now.tv_nsec);
	if (left <= 0)
		return 0;
	return (long)((left + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC);
}

/* The receive timeout for the next block: L4_TIMEOUT_NEVER without a deadline, 0 once
 * it has passed. */
static uint32_t next_timeout(const struct futex_deadline *until)
{
	long left;

	if (!until || !until->deadline)
		return L4_TIMEOUT_NEVER;
	left = futex_ms_left(until);
	if (left <= 0)
		return 0;
	return left > (long)LONGEST_WAIT_MS ? LONGEST_WAIT_MS : (uint32_t)left;
}

/* The thread that took us off the queue sends nothing else to us before its wake, so
 * its message is the wake; anything else is not ours and is ignored. */
static bool is_wake(const struct futex_waiter *waiter, l4_tid_t sender)
{
	return !__atomic_load_n(&waiter->queued, __ATOMIC_ACQUIRE) && sender == waiter->waker;
}

/* The waiter stops waiting for reason; if a waker already took it off the queue, that
 * waker is committed to sending, so its message is taken first and the wake counts. */
static int give_up(struct bucket *bucket, struct futex_waiter *waiter, int reason)
{
	l4_tid_t sender;
	int answer;

	bucket_lock(bucket);
	if (bucket_remove(bucket, waiter)) {
		bucket_unlock(bucket);
		return reason;
	}
	bucket_unlock(bucket);
	do
		answer = l4_receive(waiter->waker, L4_TIMEOUTS_NEVER, &sender);
	while (answer == -L4_ECANCELED || (answer == 0 && !is_wake(waiter, sender)));
	return waiter->outcome;
}

static int block(struct bucket *bucket, struct futex_waiter *waiter,
		 const struct futex_deadline *until)
{
	for (;;) {
		uint32_t timeout = next_timeout(until);
		l4_tid_t sender;
		int answer;

		if (timeout == 0)
			return give_up(bucket, waiter, -ETIMEDOUT);
		answer = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS(L4_TIMEOUT_NEVER, timeout), &sender);
		if (answer == 0 && is_wake(waiter, sender))
			return waiter->outcome;
		/* A message for someone else's protocol, or a long deadline's next stretch. */
		if (answer == 0 || answer == -L4_ETIMEOUT)
			continue;
		/* -L4_ECANCELED: mm0 cancelled the receive to run a signal handler. */
		return give_up(bucket, waiter, -EINTR);
	}
}

/* Other processes' waiters cannot be queued here; polling a shared word every
 * millisecond loses no wake-up, at the price of latency. */
static int poll_shared(const volatile uint32_t *word, uint32_t expected,
		       const struct futex_deadline *until)
{
	uint32_t timeout = next_timeout(until);

	if (__atomic_load_n(word, __ATOMIC_SEQ_CST) != expected)
		return -EAGAIN;
	if (timeout == 0)
		return -ETIMEDOUT;
	if (l4_receive(l4_myself(), L4_TIMEOUTS(L4_TIMEOUT_NEVER, 1), 0) == -L4_ECANCELED)
		return -EINTR;
	return 0;
}

int futex_wait(const volatile uint32_t *word, uint32_t expected, bool shared,
	       const struct futex_deadline *until, struct futex_waiter *volatile *waiting)
{
	struct futex_waiter waiter = { .word = word, .sleeper = l4_myself(), .queued = true };
	struct bucket *bucket = bucket_of(word);
	int outcome;

	if (shared)
		return poll_shared(word, expected, until);
	bucket_lock(bucket);
	/* Checked under the lock a waker takes, so a change and its wake cannot both fall
	 * between the check and the queueing. */
	if (__atomic_load_n(word, __ATOMIC_SEQ_CST) != expected) {
		bucket_unlock(bucket);
		return -EAGAIN;
	}
	if (bucket->tail)
		bucket->tail->next = &waiter;
	else
		bucket->head = &waiter;
	bucket->tail = &waiter;
	if (waiting)
		*waiting = &waiter;
	waiter.outer = innermost_wait;
	innermost_wait = &waiter;
	bucket_unlock(bucket);
	outcome = block(bucket, &waiter, until);
	innermost_wait = waiter.outer;
	if (waiting) {
		bucket_lock(bucket);
		*waiting = NULL;
		bucket_unlock(bucket);
	}
	return outcome;
}

/* The send waits until the sleeper receives. A receiver that a signal handler
 * interrupted comes back for it (give_up), so an interrupted send is sent again; one
 * that is gone (-ESRCH) needs nothing. */
static void send_wake(l4_tid_t sleeper)
{
	while (waker_wake(sleeper) == -EINTR)
		;
}

/* Every taken waiter stays on its stack until our message reaches it, so the list can
 * be walked after the lock is dropped; each node is read before its message goes. */
static void send_wakes(struct futex_waiter *taken)
{
	while (taken) {
		struct futex_waiter *next = taken->next;

		send_wake(taken->sleeper);
		taken = next;
	}
}

int futex_wake(const volatile uint32_t *word, int count)
{
	struct bucket *bucket = bucket_of(word);
	struct futex_waiter **link = &bucket->head, *previous = NULL, *taken = NULL;
	struct futex_waiter **taken_tail = &taken;
	l4_tid_t me = l4_myself();
	int woken = 0;

	bucket_lock(bucket);
	while (*link && woken < count) {
		struct futex_waiter *waiter = *link;

		if (waiter->word != word) {
			previous = waiter;
			link = &waiter->next;
			continue;
		}
		*link = waiter->next;
		if (bucket->tail == waiter)
			bucket->tail = previous;
		waiter->waker = me;
		waiter->outcome = 0;
		waiter->next = NULL;
		__atomic_store_n(&waiter->queued, false, __ATOMIC_RELEASE);
		*taken_tail = waiter;
		taken_tail = &waiter->next;
		woken++;
	}
	bucket_unlock(bucket);
	send_wakes(taken);
	return woken;
}

void futex_interrupt(struct futex_waiter *volatile *waiting)
{
	struct futex_waiter *waiter = *waiting;
	struct bucket *bucket;

	if (!waiter)
		return;
	/* waiter may already be stale (its wait ended): it counts only if the thread
	 * still names it and it is still on the queue of its word. */
	bucket = bucket_of(waiter->word);
	bucket_lock(bucket);
	if (*waiting != waiter || !bucket_remove(bucket, waiter)) {
		bucket_unlock(bucket);
		return;
	}
	waiter->waker = l4_myself();
	waiter->outcome = -ECANCELED;
	waiter->next = NULL;
	bucket_unlock(bucket);
	send_wakes(waiter);
}

/* Whoever takes the lock after a wait marks it contended, as others may still wait. */
void futex_lock_contended(uint32_t *word)
{
	while (__atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE) != 0)
		futex_wait(word, 2, false, NULL, NULL);
}

/* A waker that already took a wait off its queue is left sending to a thread about to
 * be gone; its send then fails and it goes on. */
void futex_abandon_waits(void)
{
	for (struct futex_waiter *waiter = innermost_wait; waiter; waiter = waiter->outer) {
		struct bucket *bucket = bucket_of(waiter->word);

		bucket_lock(bucket);
		bucket_remove(bucket, waiter);
		bucket_unlock(bucket);
	}
	innermost_wait = NULL;
}

bool futex_buckets_used(void)
{
	return buckets_used;
}

void futex_forget_waiters(void)
{
	memset(buckets, 0, sizeof(buckets));
}

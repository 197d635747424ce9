/* pthread_atfork.c - the handlers fork runs around itself: prepare in the reverse
 * order of registration, parent and child in the order given. */
#include <stdlib.h>

#include "internal.h"
#include "pthread_internal.h"

struct atfork_handlers {
	void (*prepare)(void);
	void (*parent)(void);
	void (*child)(void);
	struct atfork_handlers *next;
	struct atfork_handlers *previous;
};

static struct atfork_handlers *first_registered, *last_registered;
static pthread_mutex_t handlers_lock = PTHREAD_MUTEX_INITIALIZER;

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	struct atfork_handlers *handlers = malloc(sizeof(*handlers));

	if (!handlers)
		return ENOMEM;
	*handlers = (struct atfork_handlers){ prepare, parent, child, NULL, NULL };
	pthread_mutex_lock(&handlers_lock);
	handlers->previous = last_registered;
	if (last_registered)
		last_registered->next = handlers;
	else
		first_registered = handlers;
	last_registered = handlers;
	pthread_mutex_unlock(&handlers_lock);
	return 0;
}

#define FORK_HANDLERS	1u	/* handlers ran; handlers_lock is held */
#define FORK_THREADS	2u	/* futex queues or a thread record to put right in the child */

/* The lock stays held across the fork, so the list cannot change under it. */
unsigned pthread_atfork_prepare(void)
{
	unsigned prepared = 0;

	if (futex_buckets_used() || pthread_has_record())
		prepared |= FORK_THREADS;
	if (!__atomic_load_n(&last_registered, __ATOMIC_ACQUIRE))
		return prepared;
	pthread_mutex_lock(&handlers_lock);
	for (struct atfork_handlers *h = last_registered; h; h = h->previous)
		if (h->prepare)
			h->prepare();
	return prepared | FORK_HANDLERS;
}

void pthread_atfork_parent(unsigned prepared)
{
	if (!(prepared & FORK_HANDLERS))
		return;
	for (struct atfork_handlers *h = first_registered; h; h = h->next)
		if (h->parent)
			h->parent();
	pthread_mutex_unlock(&handlers_lock);
}

/* The child is one thread: nobody waits on anything, and the calling thread's
 * record now names the child's thread. */
void pthread_atfork_child(unsigned prepared)
{
	if (prepared & FORK_THREADS) {
		futex_forget_waiters();
		pthread_forked_child();
	}
	if (!(prepared & FORK_HANDLERS))
		return;
	pthread_mutex_init(&handlers_lock, NULL);
	for (struct atfork_handlers *h = first_registered; h; h = h->next)
		if (h->child)
			h->child();
}

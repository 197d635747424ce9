/* pthread_once.c - one-time initialisation: the first caller runs the routine, the
 * others wait for it to finish. */
#include <limits.h>

#include "internal.h"
#include "pthread_internal.h"

#define NOT_RUN		0
#define RUNNING		1
#define DONE		2

/* A routine that is cancelled leaves the once as if it had never started. */
static void once_abandoned(void *state)
{
	__atomic_store_n((uint32_t *)state, NOT_RUN, __ATOMIC_RELEASE);
	futex_wake(state, INT_MAX);
}

int pthread_once(pthread_once_t *once, void (*routine)(void))
{
	uint32_t state = NOT_RUN;

	for (;;) {
		if (__atomic_compare_exchange_n(&once->state, &state, RUNNING, false,
						__ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE))
			break;
		if (state == DONE)
			return 0;
		futex_wait(&once->state, RUNNING, false, NULL, NULL);
		state = NOT_RUN;
	}
	pthread_cleanup_push(once_abandoned, &once->state);
	routine();
	pthread_cleanup_pop(0);
	__atomic_store_n(&once->state, DONE, __ATOMIC_RELEASE);
	futex_wake(&once->state, INT_MAX);
	return 0;
}

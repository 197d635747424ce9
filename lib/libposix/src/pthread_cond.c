/* pthread_cond.c - condition variables: a waiter notes the sequence number, lets the
 * mutex go and waits for the number to move; signal and broadcast move it and wake.
 * Noting the number before the mutex goes is what keeps a wake-up from being lost. */
#include <limits.h>

#include "internal.h"
#include "pthread_internal.h"

/* The clock's low bits; process-shared variables carry this flag with it. */
#define CLOCK_MASK	0xff
#define SHARED_FLAG	0x100

int pthread_condattr_init(pthread_condattr_t *attr)
{
	*attr = (pthread_condattr_t){ CLOCK_REALTIME, PTHREAD_PROCESS_PRIVATE };
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	attr->clock = clock;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock)
{
	*clock = attr->clock;
	return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->pshared = pshared;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *attr, int *pshared)
{
	*pshared = attr->pshared;
	return 0;
}

int pthread_cond_init(pthread_cond_t *cond, const pthread_condattr_t *attr)
{
	cond->sequence = 0;
	cond->clock = attr ? attr->clock : CLOCK_REALTIME;
	if (attr && attr->pshared == PTHREAD_PROCESS_SHARED)
		cond->clock |= SHARED_FLAG;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *cond)
{
	(void)cond;
	return 0;
}

/* A recursive mutex is let go whole and taken back at the depth it had. */
static int cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex,
		     const struct timespec *deadline)
{
	struct futex_deadline until = { deadline, cond->clock & CLOCK_MASK };
	uint32_t sequence, depth;
	int outcome;

	if (MUTEX_TYPE(mutex) != PTHREAD_MUTEX_NORMAL && mutex->owner != l4_myself())
		return EPERM;
	if (deadline && futex_ms_left(&until) < 0)
		return EINVAL;
	sequence = __atomic_load_n(&cond->sequence, __ATOMIC_ACQUIRE);
	depth = mutex->depth;
	mutex->depth = 1;
	pthread_mutex_unlock(mutex);
	outcome = pthread_cancelable_wait(&cond->sequence, sequence, cond->clock & SHARED_FLAG,
					  deadline ? &until : NULL);
	pthread_mutex_take(mutex, NULL);
	mutex->depth = depth;
	if (outcome == -ECANCELED)
		pthread_exit(PTHREAD_CANCELED);
	return outcome == -ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex)
{
	return cond_wait(cond, mutex, NULL);
}

int pthread_cond_timedwait(pthread_cond_t *cond, pthread_mutex_t *mutex,
			   const struct timespec *deadline)
{
	return cond_wait(cond, mutex, deadline);
}

int pthread_cond_signal(pthread_cond_t *cond)
{
	__atomic_add_fetch(&cond->sequence, 1, __ATOMIC_RELEASE);
	if (!(cond->clock & SHARED_FLAG))
		futex_wake(&cond->sequence, 1);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *cond)
{
	__atomic_add_fetch(&cond->sequence, 1, __ATOMIC_RELEASE);
	if (!(cond->clock & SHARED_FLAG))
		futex_wake(&cond->sequence, INT_MAX);
	return 0;
}

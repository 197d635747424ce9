/* pthread_barrier.c - barriers: the last of count threads to arrive releases the
 * others and starts the next round. */
#include "internal.h"
#include "pthread_internal.h"

int pthread_barrierattr_init(pthread_barrierattr_t *attr)
{
	attr->pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_barrierattr_setpshared(pthread_barrierattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->pshared = pshared;
	return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t *attr, int *pshared)
{
	*pshared = attr->pshared;
	return 0;
}

int pthread_barrier_init(pthread_barrier_t *barrier, const pthread_barrierattr_t *attr,
			 unsigned count)
{
	pthread_mutexattr_t mutex_attr;
	pthread_condattr_t cond_attr;

	if (count == 0)
		return EINVAL;
	pthread_mutexattr_init(&mutex_attr);
	pthread_condattr_init(&cond_attr);
	if (attr) {
		pthread_mutexattr_setpshared(&mutex_attr, attr->pshared);
		pthread_condattr_setpshared(&cond_attr, attr->pshared);
	}
	pthread_mutex_init(&barrier->guard, &mutex_attr);
	pthread_cond_init(&barrier->released, &cond_attr);
	barrier->count = count;
	barrier->arrived = 0;
	barrier->generation = 0;
	return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *barrier)
{
	return barrier->arrived ? EBUSY : 0;
}

int pthread_barrier_wait(pthread_barrier_t *barrier)
{
	unsigned generation;
	int old_cancel_state;

	pthread_mutex_lock(&barrier->guard);
	generation = barrier->generation;
	if (++barrier->arrived == barrier->count) {
		barrier->arrived = 0;
		barrier->generation++;
		pthread_cond_broadcast(&barrier->released);
		pthread_mutex_unlock(&barrier->guard);
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	/* pthread_barrier_wait is not a cancellation point. */
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old_cancel_state);
	while (barrier->generation == generation)
		pthread_cond_wait(&barrier->released, &barrier->guard);
	pthread_setcancelstate(old_cancel_state, NULL);
	pthread_mutex_unlock(&barrier->guard);
	return 0;
}

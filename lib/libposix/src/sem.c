/* sem.c - unnamed semaphores: a count taken with compare-and-swap; a thread finding
 * it 0 announces itself in waiters and sleeps on the count, and sem_post wakes one
 * sleeper only when someone announced itself. */
#include <semaphore.h>

#include "internal.h"
#include "pthread_internal.h"

int sem_init(sem_t *sem, int pshared, unsigned value)
{
	if (value > SEM_VALUE_MAX)
		return posix_error(EINVAL);
	sem->value = value;
	sem->waiters = 0;
	sem->shared = pshared != 0;
	return 0;
}

int sem_destroy(sem_t *sem)
{
	if (__atomic_load_n(&sem->waiters, __ATOMIC_ACQUIRE))
		return posix_error(EBUSY);
	return 0;
}

static bool take_one(sem_t *sem)
{
	uint32_t value = __atomic_load_n(&sem->value, __ATOMIC_RELAXED);

	while (value > 0)
		if (__atomic_compare_exchange_n(&sem->value, &value, value - 1, true,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	return false;
}

int sem_trywait(sem_t *sem)
{
	return take_one(sem) ? 0 : posix_error(EAGAIN);
}

/* waiters is raised before the count is looked at again under the futex's lock, and
 * sem_post raises the count before it reads waiters: one of them sees the other. */
static int wait_for_count(sem_t *sem, const struct futex_deadline *until)
{
	int outcome = 0;

	while (!take_one(sem)) {
		if (until && futex_ms_left(until) < 0)
			return posix_error(EINVAL);
		__atomic_add_fetch(&sem->waiters, 1, __ATOMIC_SEQ_CST);
		outcome = pthread_cancelable_wait(&sem->value, 0, sem->shared, until);
		__atomic_sub_fetch(&sem->waiters, 1, __ATOMIC_SEQ_CST);
		if (outcome == -ECANCELED)
			pthread_exit(PTHREAD_CANCELED);
		if (outcome == -ETIMEDOUT || outcome == -EINTR)
			return posix_error(-outcome);
	}
	return 0;
}

int sem_wait(sem_t *sem)
{
	pthread_cancel_point();
	return wait_for_count(sem, NULL);
}

int sem_timedwait(sem_t *sem, const struct timespec *deadline)
{
	struct futex_deadline until = { deadline, CLOCK_REALTIME };

	pthread_cancel_point();
	return wait_for_count(sem, &until);
}

int sem_post(sem_t *sem)
{
	uint32_t value = __atomic_load_n(&sem->value, __ATOMIC_RELAXED);

	do {
		if (value >= SEM_VALUE_MAX)
			return posix_error(EOVERFLOW);
	} while (!__atomic_compare_exchange_n(&sem->value, &value, value + 1, true,
					      __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
	if (!sem->shared && __atomic_load_n(&sem->waiters, __ATOMIC_SEQ_CST))
		futex_wake(&sem->value, 1);
	return 0;
}

int sem_getvalue(sem_t *sem, int *value)
{
	*value = (int)__atomic_load_n(&sem->value, __ATOMIC_ACQUIRE);
	return 0;
}

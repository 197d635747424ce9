/* pthread_mutex.c - mutexes: the word is 0 free, 1 held, 2 held with waiters, so
 * lock and unlock stay in user space (one atomic each) unless someone waits. */
#include <limits.h>

#include "internal.h"
#include "pthread_internal.h"

#define FREE		0
#define HELD		1
#define CONTENDED	2

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	*attr = (pthread_mutexattr_t){ PTHREAD_MUTEX_DEFAULT, PTHREAD_PROCESS_PRIVATE,
				       PTHREAD_PRIO_NONE };
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE &&
	    type != PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type)
{
	*type = attr->type;
	return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->pshared = pshared;
	return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *attr, int *pshared)
{
	*pshared = attr->pshared;
	return 0;
}

/* One priority for every thread: inheritance and ceilings would change nothing. */
int pthread_mutexattr_setprotocol(pthread_mutexattr_t *attr, int protocol)
{
	if (protocol == PTHREAD_PRIO_INHERIT || protocol == PTHREAD_PRIO_PROTECT)
		return ENOTSUP;
	if (protocol != PTHREAD_PRIO_NONE)
		return EINVAL;
	attr->protocol = protocol;
	return 0;
}

int pthread_mutexattr_getprotocol(const pthread_mutexattr_t *attr, int *protocol)
{
	*protocol = attr->protocol;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *mutex, const pthread_mutexattr_t *attr)
{
	int type = attr ? attr->type : PTHREAD_MUTEX_DEFAULT;

	if (attr && attr->pshared == PTHREAD_PROCESS_SHARED)
		type |= MUTEX_SHARED;
	*mutex = (pthread_mutex_t){ FREE, 0, 0, type };
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *mutex)
{
	return __atomic_load_n(&mutex->word, __ATOMIC_RELAXED) == FREE ? 0 : EBUSY;
}

/* Marks the mutex contended and sleeps until it is free; whoever takes it after a wait
 * leaves it marked, since other waiters may remain. */
static int take_contended(pthread_mutex_t *mutex, const struct futex_deadline *until)
{
	bool shared = mutex->type & MUTEX_SHARED;

	while (__atomic_exchange_n(&mutex->word, CONTENDED, __ATOMIC_ACQUIRE) != FREE) {
		int outcome = futex_wait(&mutex->word, CONTENDED, shared, until, NULL);

		if (outcome == -ETIMEDOUT)
			return ETIMEDOUT;
	}
	return 0;
}

int pthread_mutex_take(pthread_mutex_t *mutex, const struct futex_deadline *until)
{
	uint32_t me = l4_myself(), free_word = FREE;
	int type = MUTEX_TYPE(mutex), error;

	if (type != PTHREAD_MUTEX_NORMAL && mutex->owner == me) {
		if (type == PTHREAD_MUTEX_ERRORCHECK)
			return EDEADLK;
		if (mutex->depth == UINT32_MAX)
			return EAGAIN;
		mutex->depth++;
		return 0;
	}
	if (!__atomic_compare_exchange_n(&mutex->word, &free_word, HELD, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED)) {
		if (until && until->deadline && futex_ms_left(until) < 0)
			return EINVAL;
		error = take_contended(mutex, until);
		if (error)
			return error;
	}
	mutex->owner = me;
	mutex->depth = 1;
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *mutex)
{
	return pthread_mutex_take(mutex, NULL);
}

int pthread_mutex_timedlock(pthread_mutex_t *mutex, const struct timespec *deadline)
{
	struct futex_deadline until = { deadline, CLOCK_REALTIME };

	return pthread_mutex_take(mutex, &until);
}

int pthread_mutex_trylock(pthread_mutex_t *mutex)
{
	uint32_t me = l4_myself(), free_word = FREE;
	int type = MUTEX_TYPE(mutex);

	if (type == PTHREAD_MUTEX_RECURSIVE && mutex->owner == me) {
		if (mutex->depth == UINT32_MAX)
			return EAGAIN;
		mutex->depth++;
		return 0;
	}
	if (!__atomic_compare_exchange_n(&mutex->word, &free_word, HELD, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return EBUSY;
	mutex->owner = me;
	mutex->depth = 1;
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *mutex)
{
	int type = MUTEX_TYPE(mutex);

	if (type != PTHREAD_MUTEX_NORMAL) {
		if (mutex->owner != l4_myself() ||
		    __atomic_load_n(&mutex->word, __ATOMIC_RELAXED) == FREE)
			return EPERM;
		if (--mutex->depth)
			return 0;
	}
	mutex->owner = 0;
	if (__atomic_exchange_n(&mutex->word, FREE, __ATOMIC_RELEASE) == CONTENDED &&
	    !(mutex->type & MUTEX_SHARED))
		futex_wake(&mutex->word, 1);
	return 0;
}

/* pthread_rwlock.c - read-write locks on a mutex and two condition variables. Readers
 * go first, as with Linux's default: a reader waits only while a writer holds the
 * lock, so a thread may take a read lock again while a writer waits. */
#include "internal.h"
#include "pthread_internal.h"

int pthread_rwlockattr_init(pthread_rwlockattr_t *attr)
{
	attr->pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->pshared = pshared;
	return 0;
}

int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *attr, int *pshared)
{
	*pshared = attr->pshared;
	return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *lock, const pthread_rwlockattr_t *attr)
{
	pthread_mutexattr_t mutex_attr;
	pthread_condattr_t cond_attr;

	pthread_mutexattr_init(&mutex_attr);
	pthread_condattr_init(&cond_attr);
	pthread_condattr_setclock(&cond_attr, CLOCK_REALTIME);
	if (attr) {
		pthread_mutexattr_setpshared(&mutex_attr, attr->pshared);
		pthread_condattr_setpshared(&cond_attr, attr->pshared);
	}
	pthread_mutex_init(&lock->guard, &mutex_attr);
	pthread_cond_init(&lock->readers_go, &cond_attr);
	pthread_cond_init(&lock->writers_go, &cond_attr);
	lock->readers = 0;
	lock->writer = 0;
	lock->writer_tid = 0;
	lock->writers_waiting = 0;
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *lock)
{
	return lock->readers || lock->writer ? EBUSY : 0;
}

static int read_lock(pthread_rwlock_t *lock, bool try, const struct timespec *deadline)
{
	int error = 0;

	pthread_mutex_lock(&lock->guard);
	if (lock->writer && lock->writer_tid == l4_myself())
		error = EDEADLK;
	while (!error && lock->writer) {
		if (try)
			error = EBUSY;
		else if (deadline)
			error = pthread_cond_timedwait(&lock->readers_go, &lock->guard, deadline);
		else
			pthread_cond_wait(&lock->readers_go, &lock->guard);
	}
	if (!error)
		lock->readers++;
	pthread_mutex_unlock(&lock->guard);
	return error;
}

static int write_lock(pthread_rwlock_t *lock, bool try, const struct timespec *deadline)
{
	int error = 0;

	pthread_mutex_lock(&lock->guard);
	if (lock->writer && lock->writer_tid == l4_myself())
		error = EDEADLK;
	lock->writers_waiting++;
	while (!error && (lock->writer || lock->readers)) {
		if (try)
			error = EBUSY;
		else if (deadline)
			error = pthread_cond_timedwait(&lock->writers_go, &lock->guard, deadline);
		else
			pthread_cond_wait(&lock->writers_go, &lock->guard);
	}
	lock->writers_waiting--;
	if (!error) {
		lock->writer = 1;
		lock->writer_tid = l4_myself();
	}
	pthread_mutex_unlock(&lock->guard);
	return error;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *lock)
{
	return read_lock(lock, false, NULL);
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *lock)
{
	return read_lock(lock, true, NULL);
}

int pthread_rwlock_timedrdlock(pthread_rwlock_t *lock, const struct timespec *deadline)
{
	return read_lock(lock, false, deadline);
}

int pthread_rwlock_wrlock(pthread_rwlock_t *lock)
{
	return write_lock(lock, false, NULL);
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *lock)
{
	return write_lock(lock, true, NULL);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *lock, const struct timespec *deadline)
{
	return write_lock(lock, false, deadline);
}

int pthread_rwlock_unlock(pthread_rwlock_t *lock)
{
	int error = 0;

	pthread_mutex_lock(&lock->guard);
	if (lock->writer && lock->writer_tid == l4_myself()) {
		lock->writer = 0;
		lock->writer_tid = 0;
	} else if (lock->readers && !lock->writer) {
		lock->readers--;
	} else {
		error = EPERM;
	}
	if (!error && !lock->readers) {
		pthread_cond_broadcast(&lock->readers_go);
		if (lock->writers_waiting)
			pthread_cond_signal(&lock->writers_go);
	}
	pthread_mutex_unlock(&lock->guard);
	return error;
}

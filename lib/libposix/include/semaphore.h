/* semaphore.h - POSIX semaphores (libposix; picolibc has none). */
#ifndef _LIBPOSIX_SEMAPHORE_H
#define _LIBPOSIX_SEMAPHORE_H

#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	uint32_t value;
	uint32_t waiters;		/* threads that may be asleep on value */
	int shared;			/* pshared: waits poll instead of queueing here */
} sem_t;

#define SEM_FAILED	((sem_t *)0)
#define SEM_VALUE_MAX	INT_MAX

int sem_init(sem_t *sem, int pshared, unsigned value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *sem, const struct timespec *deadline);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *sem, int *value);

/* Named semaphores live in POSIX shared memory (docs/libposix.md). */
sem_t *sem_open(const char *name, int oflag, ...);
int sem_close(sem_t *sem);
int sem_unlink(const char *name);

#ifdef __cplusplus
}
#endif

#endif

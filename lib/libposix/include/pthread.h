/* pthread.h - POSIX threads on libposix's clone threads (picolibc has none here). */
#ifndef _LIBPOSIX_PTHREAD_H
#define _LIBPOSIX_PTHREAD_H

#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A thread is named by its record; libposix keeps it until the thread is joined or,
 * detached, has ended. */
typedef struct __pthread *pthread_t;

/* Named, so that <signal.h>'s struct sigevent can point at one without this header. */
typedef struct __pthread_attr {
	int detach_state;
	int guard_size;
	size_t stack_size;
	void *stack_addr;		/* lowest address of a caller's stack, or NULL */
	int sched_policy;
	int sched_priority;
	int inherit_sched;
	int scope;
} pthread_attr_t;

/* word: 0 free, 1 held, 2 held with waiters (the futex protocol, docs/libposix.md). */
typedef struct {
	uint32_t word;
	uint32_t owner;			/* the holder's L4 thread id */
	uint32_t depth;			/* recursive mutexes: times taken */
	int type;
} pthread_mutex_t;

typedef struct {
	int type;
	int pshared;
	int protocol;
} pthread_mutexattr_t;

/* sequence moves on at every signal and broadcast; waiters wait for it to change. */
typedef struct {
	uint32_t sequence;
	clockid_t clock;
} pthread_cond_t;

typedef struct {
	clockid_t clock;
	int pshared;
} pthread_condattr_t;

typedef struct {
	pthread_mutex_t guard;
	pthread_cond_t readers_go;
	pthread_cond_t writers_go;
	int readers;			/* holding it now */
	int writer;			/* 1 while a writer holds it */
	uint32_t writer_tid;
	int writers_waiting;
} pthread_rwlock_t;

typedef struct {
	int pshared;
} pthread_rwlockattr_t;

typedef struct {
	pthread_mutex_t guard;
	pthread_cond_t released;
	unsigned count;
	unsigned arrived;
	unsigned generation;
} pthread_barrier_t;

typedef struct {
	int pshared;
} pthread_barrierattr_t;

typedef volatile uint32_t pthread_spinlock_t;

typedef struct {
	uint32_t state;			/* 0 not run, 1 running, 2 done */
} pthread_once_t;

typedef unsigned pthread_key_t;

#define PTHREAD_CREATE_JOINABLE		0
#define PTHREAD_CREATE_DETACHED		1

#define PTHREAD_MUTEX_NORMAL		0
#define PTHREAD_MUTEX_RECURSIVE		1
#define PTHREAD_MUTEX_ERRORCHECK	2
#define PTHREAD_MUTEX_DEFAULT		PTHREAD_MUTEX_NORMAL

#define PTHREAD_PROCESS_PRIVATE		0
#define PTHREAD_PROCESS_SHARED		1

#define PTHREAD_PRIO_NONE		0
#define PTHREAD_PRIO_INHERIT		1
#define PTHREAD_PRIO_PROTECT		2

#define PTHREAD_INHERIT_SCHED		0
#define PTHREAD_EXPLICIT_SCHED		1

#define PTHREAD_SCOPE_SYSTEM		0
#define PTHREAD_SCOPE_PROCESS		1

#define PTHREAD_CANCEL_ENABLE		0
#define PTHREAD_CANCEL_DISABLE		1
#define PTHREAD_CANCEL_DEFERRED		0
#define PTHREAD_CANCEL_ASYNCHRONOUS	1
#define PTHREAD_CANCELED		((void *)-1)

#define PTHREAD_BARRIER_SERIAL_THREAD	(-1)

#define PTHREAD_KEYS_MAX		64
#define PTHREAD_DESTRUCTOR_ITERATIONS	4
#define PTHREAD_STACK_MIN		8192

#define PTHREAD_MUTEX_INITIALIZER	{ 0, 0, 0, PTHREAD_MUTEX_NORMAL }
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP	{ 0, 0, 0, PTHREAD_MUTEX_RECURSIVE }
#define PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP	{ 0, 0, 0, PTHREAD_MUTEX_ERRORCHECK }
#define PTHREAD_COND_INITIALIZER	{ 0, CLOCK_REALTIME }
#define PTHREAD_RWLOCK_INITIALIZER	{ PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, \
					  PTHREAD_COND_INITIALIZER, 0, 0, 0, 0 }
#define PTHREAD_ONCE_INIT		{ 0 }

/* Cleanup handlers live in the caller's frame; push and pop must pair in one block. */
struct __pthread_cleanup {
	void (*routine)(void *);
	void *arg;
	struct __pthread_cleanup *previous;
};
void __pthread_cleanup_push(struct __pthread_cleanup *handler, void (*routine)(void *), void *arg);
void __pthread_cleanup_pop(struct __pthread_cleanup *handler, int execute);
#define pthread_cleanup_push(routine, arg) \
	{ struct __pthread_cleanup __pthread_cleanup_handler; \
	  __pthread_cleanup_push(&__pthread_cleanup_handler, (routine), (arg));
#define pthread_cleanup_pop(execute) \
	  __pthread_cleanup_pop(&__pthread_cleanup_handler, (execute)); }

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *),
		   void *arg);
int pthread_join(pthread_t thread, void **result);
int pthread_detach(pthread_t thread);
void pthread_exit(void *result) __attribute__((noreturn));
pthread_t pthread_self(void);
int pthread_equal(pthread_t first, pthread_t second);
int pthread_once(pthread_once_t *once, void (*routine)(void));

int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setdetachstate(pthread_attr_t *attr, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state);
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size);
int pthread_attr_setstack(pthread_attr_t *attr, void *addr, size_t size);
int pthread_attr_getstack(const pthread_attr_t *attr, void **addr, size_t *size);
int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size);
int pthread_attr_getguardsize(const pthread_attr_t *attr, size_t *size);
int pthread_attr_setschedparam(pthread_attr_t *attr, const struct sched_param *param);
int pthread_attr_getschedparam(const pthread_attr_t *attr, struct sched_param *param);
int pthread_attr_setschedpolicy(pthread_attr_t *attr, int policy);
int pthread_attr_getschedpolicy(const pthread_attr_t *attr, int *policy);
int pthread_attr_setinheritsched(pthread_attr_t *attr, int inherit);
int pthread_attr_getinheritsched(const pthread_attr_t *attr, int *inherit);
int pthread_attr_setscope(pthread_attr_t *attr, int scope);
int pthread_attr_getscope(const pthread_attr_t *attr, int *scope);

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

int pthread_cancel(pthread_t thread);
int pthread_setcancelstate(int state, int *old_state);
int pthread_setcanceltype(int type, int *old_type);
void pthread_testcancel(void);

int pthread_mutex_init(pthread_mutex_t *mutex, const pthread_mutexattr_t *attr);
int pthread_mutex_destroy(pthread_mutex_t *mutex);
int pthread_mutex_lock(pthread_mutex_t *mutex);
int pthread_mutex_trylock(pthread_mutex_t *mutex);
int pthread_mutex_timedlock(pthread_mutex_t *mutex, const struct timespec *deadline);
int pthread_mutex_unlock(pthread_mutex_t *mutex);
int pthread_mutexattr_init(pthread_mutexattr_t *attr);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr);
int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type);
int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared);
int pthread_mutexattr_getpshared(const pthread_mutexattr_t *attr, int *pshared);
int pthread_mutexattr_setprotocol(pthread_mutexattr_t *attr, int protocol);
int pthread_mutexattr_getprotocol(const pthread_mutexattr_t *attr, int *protocol);

int pthread_cond_init(pthread_cond_t *cond, const pthread_condattr_t *attr);
int pthread_cond_destroy(pthread_cond_t *cond);
int pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex);
int pthread_cond_timedwait(pthread_cond_t *cond, pthread_mutex_t *mutex,
			   const struct timespec *deadline);
int pthread_cond_signal(pthread_cond_t *cond);
int pthread_cond_broadcast(pthread_cond_t *cond);
int pthread_condattr_init(pthread_condattr_t *attr);
int pthread_condattr_destroy(pthread_condattr_t *attr);
int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock);
int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock);
int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared);
int pthread_condattr_getpshared(const pthread_condattr_t *attr, int *pshared);

int pthread_rwlock_init(pthread_rwlock_t *lock, const pthread_rwlockattr_t *attr);
int pthread_rwlock_destroy(pthread_rwlock_t *lock);
int pthread_rwlock_rdlock(pthread_rwlock_t *lock);
int pthread_rwlock_tryrdlock(pthread_rwlock_t *lock);
int pthread_rwlock_timedrdlock(pthread_rwlock_t *lock, const struct timespec *deadline);
int pthread_rwlock_wrlock(pthread_rwlock_t *lock);
int pthread_rwlock_trywrlock(pthread_rwlock_t *lock);
int pthread_rwlock_timedwrlock(pthread_rwlock_t *lock, const struct timespec *deadline);
int pthread_rwlock_unlock(pthread_rwlock_t *lock);
int pthread_rwlockattr_init(pthread_rwlockattr_t *attr);
int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr);
int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *attr, int pshared);
int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *attr, int *pshared);

int pthread_barrier_init(pthread_barrier_t *barrier, const pthread_barrierattr_t *attr,
			 unsigned count);
int pthread_barrier_destroy(pthread_barrier_t *barrier);
int pthread_barrier_wait(pthread_barrier_t *barrier);
int pthread_barrierattr_init(pthread_barrierattr_t *attr);
int pthread_barrierattr_destroy(pthread_barrierattr_t *attr);
int pthread_barrierattr_setpshared(pthread_barrierattr_t *attr, int pshared);
int pthread_barrierattr_getpshared(const pthread_barrierattr_t *attr, int *pshared);

int pthread_spin_init(pthread_spinlock_t *lock, int pshared);
int pthread_spin_destroy(pthread_spinlock_t *lock);
int pthread_spin_lock(pthread_spinlock_t *lock);
int pthread_spin_trylock(pthread_spinlock_t *lock);
int pthread_spin_unlock(pthread_spinlock_t *lock);

int pthread_getschedparam(pthread_t thread, int *policy, struct sched_param *param);
int pthread_setschedparam(pthread_t thread, int policy, const struct sched_param *param);
int pthread_setschedprio(pthread_t thread, int priority);
int pthread_getconcurrency(void);
int pthread_setconcurrency(int level);

/* pthread_sigmask is in <signal.h>. */
int pthread_kill(pthread_t thread, int signo);
int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void));

#ifdef _GNU_SOURCE
/* A thread of this process's affinity, as sched_setaffinity's (src/sched_cpu.c). */
int pthread_setaffinity_np(pthread_t thread, size_t size, const cpu_set_t *set);
int pthread_getaffinity_np(pthread_t thread, size_t size, cpu_set_t *set);
#endif

#ifdef __cplusplus
}
#endif

#endif

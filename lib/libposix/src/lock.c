/* lock.c - the C library's locks (stdio, environment), usable by threads: a
 * recursive owner-and-depth lock over a futex word (futex.c), so a waiter
 * sleeps until the holder lets go. */
#include <stdbool.h>
#include <stdlib.h>
#include <sys/lock.h>

#include "futex.h"
#include "internal.h"

struct __lock {
	uint32_t word;		/* the futex lock */
	l4_tid_t owner;		/* L4_NILTHREAD when free */
	uint32_t depth;
};

struct __lock __lock___libc_recursive_mutex;

/* A lock for everyone whose own could not be allocated: coarser, still correct. */
static struct __lock shared_lock;

static void lock_take(struct __lock *lock)
{
	l4_tid_t me = l4_myself();

	if (__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == me) {
		lock->depth++;
		return;
	}
	futex_lock(&lock->word);
	__atomic_store_n(&lock->owner, me, __ATOMIC_RELAXED);
	lock->depth = 1;
}

static int lock_try(struct __lock *lock)
{
	l4_tid_t me = l4_myself();

	if (__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == me) {
		lock->depth++;
		return 1;
	}
	if (!futex_trylock(&lock->word))
		return 0;
	__atomic_store_n(&lock->owner, me, __ATOMIC_RELAXED);
	lock->depth = 1;
	return 1;
}

static void lock_give(struct __lock *lock)
{
	if (__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) != l4_myself())
		return;
	if (--lock->depth == 0) {
		__atomic_store_n(&lock->owner, L4_NILTHREAD, __ATOMIC_RELAXED);
		futex_unlock(&lock->word);
	}
}

void __retarget_lock_init(_LOCK_T *lock)
{
	*lock = calloc(1, sizeof(**lock));
	if (!*lock)
		*lock = &shared_lock;
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
	__retarget_lock_init(lock);
}

void __retarget_lock_close(_LOCK_T lock)
{
	if (lock != &shared_lock)
		free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
	__retarget_lock_close(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
	lock_take(lock);
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
	lock_take(lock);
}

int __retarget_lock_try_acquire(_LOCK_T lock)
{
	return lock_try(lock);
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
	return lock_try(lock);
}

void __retarget_lock_release(_LOCK_T lock)
{
	lock_give(lock);
}

void __retarget_lock_release_recursive(_LOCK_T lock)
{
	lock_give(lock);
}

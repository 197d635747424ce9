/* fs0_lock.c - fs0's lock: one word, taken with an exclusive exchange. The
 * holder runs pinned on another processor and holds it only for one request
 * (never across an IPC that waits), so a worker that finds it held waits in
 * wfe, woken by the holder's sev at release, rather than in the kernel. */
#include <stdint.h>
#include "fs0_lock.h"

static uint32_t lock_word;

void fs0_lock(void)
{
	while (__atomic_exchange_n(&lock_word, 1u, __ATOMIC_ACQUIRE) != 0) {
		/* A release between the load and wfe leaves the event set:
		 * wfe then returns at once and the word is read again. */
		while (__atomic_load_n(&lock_word, __ATOMIC_RELAXED) != 0)
			asm volatile("wfe" ::: "memory");
	}
}

void fs0_unlock(void)
{
	__atomic_store_n(&lock_word, 0u, __ATOMIC_RELEASE);
	asm volatile("dsb ish; sev" ::: "memory");
}

/* sched_cpu.c - processors for threads: how many run (the KIP's count), which
 * one a thread is on (its UTCB's word) and affinity. A thread runs on exactly
 * one processor, so an affinity mask is remembered in the thread's record and
 * carried out by moving the thread (SCHEDULE) only when its processor leaves it. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>

#include "internal.h"
#include "pthread_internal.h"

int __sched_cpucount(size_t size, const cpu_set_t *set)
{
	const unsigned char *bytes = (const unsigned char *)set;
	int count = 0;

	for (size_t i = 0; i < size; i++)
		count += __builtin_popcount(bytes[i]);
	return count;
}

int sched_getcpu(void)
{
	return (int)l4_my_processor();
}

/* Every processor the kernel runs, as an affinity mask. */
static uint32_t all_processors(void)
{
	uint32_t processors = l4_num_processors();

	return processors >= 32 ? ~0u : (1u << processors) - 1;
}

/* The processors of the caller's set that exist, read with posix_copy so a
 * bad pointer is EFAULT; none is EINVAL. */
static int mask_from_set(size_t size, const cpu_set_t *set, uint32_t *mask)
{
	unsigned char bytes[sizeof(uint32_t)] = { 0 };
	size_t used = size < sizeof(bytes) ? size : sizeof(bytes);

	if (used && posix_copy(bytes, set, used))
		return EFAULT;
	*mask = 0;
	for (size_t i = 0; i < used; i++)
		*mask |= (uint32_t)bytes[i] << (8 * i);
	*mask &= all_processors();
	return *mask ? 0 : EINVAL;
}

/* Writes mask into the caller's set of size bytes, zeroing the rest; the set
 * must hold every processor, as Linux asks. */
static int mask_to_set(uint32_t mask, size_t size, cpu_set_t *set)
{
	unsigned char bytes[sizeof(cpu_set_t)] = { 0 };
	char *to = (char *)set;

	if (size < CPU_ALLOC_SIZE(l4_num_processors()))
		return EINVAL;
	for (size_t i = 0; i < sizeof(mask); i++)
		bytes[i] = (unsigned char)(mask >> (8 * i));
	for (size_t done = 0; done < size; done += sizeof(bytes)) {
		size_t chunk = size - done < sizeof(bytes) ? size - done : sizeof(bytes);

		if (posix_copy(to + done, bytes, chunk))
			return EFAULT;
		if (done == 0)
			memset(bytes, 0, sizeof(mask));
	}
	return 0;
}

/* A thread's L4 id: a new thread sets it itself, before it runs its start
 * routine, so a call right after pthread_create waits until it has. */
static l4_tid_t l4_id_of(struct __pthread *thread)
{
	l4_tid_t id;

	while (!(id = __atomic_load_n(&thread->l4_thread, __ATOMIC_ACQUIRE)))
		l4_yield();
	return id;
}

/* Moves thread id to mask's lowest processor unless its own is in mask. */
static int move_into(l4_tid_t id, uint32_t mask)
{
	uint32_t now;
	int answer = l4_get_processor(id, &now);

	if (answer == 0 && !(mask >> now & 1))
		answer = l4_set_processor(id, (uint32_t)__builtin_ctz(mask));
	if (answer < 0)
		return -answer == L4_ENOTHREAD ? ESRCH : EINVAL;
	return 0;
}

static int set_affinity(struct __pthread *thread, size_t size, const cpu_set_t *set)
{
	uint32_t mask;
	int error = mask_from_set(size, set, &mask);

	if (!error)
		error = move_into(l4_id_of(thread), mask);
	if (!error)
		thread->affinity = mask;
	if (!error && thread == pthread_current())
		fs0_channel_moved();
	return error;
}

static int get_affinity(struct __pthread *thread, size_t size, cpu_set_t *set)
{
	return mask_to_set(thread->affinity ? thread->affinity : all_processors(), size, set);
}

/* Linux's affinity is per thread: pid names the caller's process (pid 0 or
 * getpid()) or its own thread id, meaning the calling thread. */
static int own_thread(pid_t pid)
{
	struct __pthread *self = pthread_current();

	if (pid == 0 || pid == getpid() || (self->tid && (uint32_t)pid == self->tid))
		return 0;
	return pid < 0 ? EINVAL : ESRCH;
}

int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set)
{
	int error = own_thread(pid);

	if (!error)
		error = set_affinity(pthread_current(), size, set);
	return error ? posix_error(error) : 0;
}

int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
	int error = own_thread(pid);

	if (!error)
		error = get_affinity(pthread_current(), size, set);
	return error ? posix_error(error) : 0;
}

int pthread_setaffinity_np(pthread_t thread, size_t size, const cpu_set_t *set)
{
	if (!pthread_known(thread))
		return ESRCH;
	return set_affinity(thread, size, set);
}

int pthread_getaffinity_np(pthread_t thread, size_t size, cpu_set_t *set)
{
	if (!pthread_known(thread))
		return ESRCH;
	return get_affinity(thread, size, set);
}

/* A fork child starts where mm0 places it; it keeps its parent's mask, as on
 * Linux, so it moves when that processor is not in the mask. Its record
 * still names the parent's thread here, so the move names the child itself. */
void sched_affinity_forked(void)
{
	/* The mask holds only processors that exist, so the move cannot be refused. */
	if (pthread_has_record() && pthread_current()->affinity)
		(void)move_into(l4_myself(), pthread_current()->affinity);
}

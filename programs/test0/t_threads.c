/* t_threads.c - clone threads: shared memory and descriptors, faulting the
 * same fresh page together, malloc and errno in each thread. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "test0.h"

#define THREADS		4
#define STACK_SIZE	16384
#define PAGE		4096

struct shared {
	volatile int go;
	volatile int finished;
	volatile uint32_t *fresh_page;	/* untouched until the threads start */
	volatile int opened_fd;
	volatile int errno_seen[THREADS];
	volatile int malloc_ok[THREADS];
};

struct worker {
	struct shared *shared;
	int index;
};

static int worker_main(void *arg)
{
	struct worker *me = arg;
	struct shared *shared = me->shared;
	char *memory;

	while (!shared->go)
		sched_yield();
	shared->fresh_page[me->index * 16] = 0x100u + (uint32_t)me->index;
	if (me->index == 0)
		shared->opened_fd = open("/boot/init", O_RDONLY);
	errno = 0;
	close(-1 - me->index);
	shared->errno_seen[me->index] = errno;
	memory = malloc(1000 + (size_t)me->index * 5000);
	shared->malloc_ok[me->index] = memory != NULL;
	free(memory);
	__atomic_add_fetch(&shared->finished, 1, __ATOMIC_SEQ_CST);
	return 0;
}

void test_threads(void)
{
	static struct shared shared;
	static struct worker workers[THREADS];
	char *stacks[THREADS];
	int started = 0, all_found = 1, malloc_all = 1, errno_all = 1;

	shared.fresh_page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shared.opened_fd = -1;
	for (int i = 0; i < THREADS; i++) {
		workers[i] = (struct worker){ &shared, i };
		stacks[i] = malloc(STACK_SIZE);
		if (stacks[i] && clone(worker_main, stacks[i] + STACK_SIZE,
				       CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_THREAD, &workers[i]) > 0)
			started++;
	}
	CHECK_EQ("clone starts threads", THREADS, started);
	errno = 0;
	shared.go = 1;
	for (int spins = 0; spins < 100000 && shared.finished < started; spins++)
		sched_yield();
	CHECK_EQ("every thread ran to its end", started, shared.finished);
	for (int i = 0; i < THREADS; i++) {
		all_found &= shared.fresh_page[i * 16] == 0x100u + (uint32_t)i;
		malloc_all &= shared.malloc_ok[i];
		errno_all &= shared.errno_seen[i] == EBADF;
	}
	CHECK("threads faulting one fresh page together all see their writes", all_found);
	CHECK("malloc works in every thread", malloc_all);
	CHECK("each thread has its own errno", errno_all);
	CHECK_EQ("... and the main thread's is untouched", 0, errno);
	CHECK("a descriptor opened by a thread works in the main thread",
	      shared.opened_fd >= 0 &&
	      mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, shared.opened_fd, 0) != MAP_FAILED);
	for (int spins = 0; spins < 1000; spins++)
		sched_yield();
	for (int i = 0; i < THREADS; i++)
		free(stacks[i]);
}

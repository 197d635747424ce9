/* common.c - what the reliability and system-fuzz programs share:
 * accounting snapshots, the child runner and a fixed PRNG. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <l4/ipc.h>
#include <l4/syscalls.h>
#include "reliab.h"

struct snapshot snapshot_now(void)
{
	struct snapshot now = { 0 };
	mm_stats(l4_utcb()->pager, &now.mm);
	l4_kstats(&now.kernel);
	return now;
}

bool snapshot_same(const char *what, const struct snapshot *before)
{
	struct snapshot now = snapshot_now();
	const struct mm_counts *a = &before->mm, *b = &now.mm;
	bool mm_same = a->free_pages == b->free_pages && a->live_objects == b->live_objects &&
		a->live_areas == b->live_areas && a->live_tasks == b->live_tasks &&
		a->live_allocs == b->live_allocs;
	bool kernel_same = before->kernel.threads == now.kernel.threads &&
		before->kernel.spaces == now.kernel.spaces &&
		before->kernel.page_tables == now.kernel.page_tables &&
		before->kernel.free_kernel_pages == now.kernel.free_kernel_pages;
	if (!mm_same)
		printf("# %s: pages %lu/%lu objects %lu/%lu areas %lu/%lu tasks %lu/%lu allocs %lu/%lu\n",
		       what, (unsigned long)b->free_pages, (unsigned long)a->free_pages,
		       (unsigned long)b->live_objects, (unsigned long)a->live_objects,
		       (unsigned long)b->live_areas, (unsigned long)a->live_areas,
		       (unsigned long)b->live_tasks, (unsigned long)a->live_tasks,
		       (unsigned long)b->live_allocs, (unsigned long)a->live_allocs);
	if (!kernel_same)
		printf("# %s: kernel threads %lu/%lu spaces %lu/%lu tables %lu/%lu free pages %lu/%lu\n",
		       what, (unsigned long)now.kernel.threads, (unsigned long)before->kernel.threads,
		       (unsigned long)now.kernel.spaces, (unsigned long)before->kernel.spaces,
		       (unsigned long)now.kernel.page_tables, (unsigned long)before->kernel.page_tables,
		       (unsigned long)now.kernel.free_kernel_pages,
		       (unsigned long)before->kernel.free_kernel_pages);
	return check(what, mm_same && kernel_same,
		     (long)b->free_pages - (long)a->free_pages);
}

int run_child(int (*fn)(uint32_t), uint32_t arg)
{
	int status = 0;
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn(arg));
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

uint32_t next_random(uint32_t *state)
{
	uint32_t x = *state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

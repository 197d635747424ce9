/* t_soak.c - 1000 fork/exit/wait cycles leave mm0's memory and the kernel's
 * objects exactly where they were. */
#include <stdio.h>

#include <l4/cycles.h>
#include <l4/syscalls.h>

#include "scenarios.h"

#define CYCLES 1000

static int child_exit(void *arg)
{
	return (int)(uint32_t)arg & 0x7f;
}

void test_soak(void)
{
	struct l4_kstats kernel_before, kernel_after;
	struct mm_counts before, after;
	int bad = 0, i;
	uint32_t start;

	run_child(child_exit, NULL);	/* settle the pages a first fork touches */
	before = counts_now();
	l4_kstats(&kernel_before);
	start = l4_cycles();
	for (i = 0; i < CYCLES && !bad; i++) {
		int status = run_child(child_exit, (void *)i);

		if (!MM0_WIFEXITED(status) || MM0_WEXITSTATUS(status) != (i & 0x7f))
			bad = i + 1;
	}
	printf("soak: fork+exit+wait %lu instructions per cycle\n",
	       (unsigned long)((l4_cycles() - start) / CYCLES));
	after = counts_now();
	l4_kstats(&kernel_after);
	check("soak: 1000 fork/exit/wait cycles", !bad, bad);
	check("soak: free memory back to its start value", after.free_pages == before.free_pages,
	      (long)after.free_pages - (long)before.free_pages);
	check("soak: mm0's objects, areas, tasks and allocations back",
	      after.live_objects == before.live_objects && after.live_areas == before.live_areas &&
	      after.live_tasks == before.live_tasks && after.live_allocs == before.live_allocs,
	      (long)after.live_allocs - (long)before.live_allocs);
	check("soak: kernel threads, spaces and page tables back",
	      kernel_after.threads == kernel_before.threads &&
	      kernel_after.spaces == kernel_before.spaces &&
	      kernel_after.page_tables == kernel_before.page_tables &&
	      kernel_after.free_kernel_pages == kernel_before.free_kernel_pages,
	      (long)kernel_after.free_kernel_pages - (long)kernel_before.free_kernel_pages);
}

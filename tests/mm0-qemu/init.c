/* init.c - the program mm0 starts by name: runs every mm0 scenario, checks
 * that memory and kernel objects come back, and exits with the failure count. */
#include <stdio.h>
#include <string.h>

#include <l4/syscalls.h>

#include "scenarios.h"

struct mm_counts counts_now(void)
{
	struct mm_counts now = { 0 };

	mm_stats(mm0c_server(), &now);
	return now;
}

int run_child(int (*fn)(void *), void *arg)
{
	int status = 0, pid = mm0c_fork();

	if (pid == 0)
		mm0c_thread_exit(fn(arg));
	if (pid < 0)
		return pid;
	pid = mm0c_waitpid(pid, &status);
	return pid < 0 ? pid : status;
}

static bool same_counts(const struct mm_counts *a, const struct mm_counts *b)
{
	return a->free_pages == b->free_pages && a->live_objects == b->live_objects &&
	       a->live_areas == b->live_areas && a->live_tasks == b->live_tasks &&
	       a->live_allocs == b->live_allocs;
}

/* Each group runs; afterwards mm0's counts must be where they started. */
static void run_group(const char *name, void (*group)(void))
{
	char what[64];
	struct mm_counts before = counts_now(), after;

	group();
	after = counts_now();
	snprintf(what, sizeof(what), "%s: mm0 free pages and records back", name);
	if (!check(what, same_counts(&before, &after), (long)after.free_pages - (long)before.free_pages))
		printf("# %s: objects %lu/%lu areas %lu/%lu tasks %lu/%lu allocs %lu/%lu\n", name,
		       before.live_objects, after.live_objects, before.live_areas, after.live_areas,
		       before.live_tasks, after.live_tasks, before.live_allocs, after.live_allocs);
}

int main(int argc, char **argv)
{
	struct l4_kstats kernel_before, kernel_after;

	check("init: started by name with argv[0] \"init\"",
	      argc == 1 && strcmp(argv[0], "init") == 0, argc);
	l4_kstats(&kernel_before);
	run_group("process", test_process);
	run_group("memory", test_memory);
	run_group("shared", test_shared);
	run_group("soak", test_soak);
	l4_kstats(&kernel_after);
	check("init: kernel threads and spaces back to their start values",
	      kernel_after.threads == kernel_before.threads &&
	      kernel_after.spaces == kernel_before.spaces,
	      (long)kernel_after.threads - (long)kernel_before.threads);
	return tap_summary("init");
}

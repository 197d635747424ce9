/* mm0's start-up and shutdown, and the accounting the tests audit. */
#include <errno.h>

#include <server/counted_alloc.h>
#include "mem/commit.h"
#include "mem/dma.h"
#include "mem/posix_shm.h"
#include "mem/shm.h"
#include "mem/vm_area.h"
#include "mem/vm_object.h"
#include "proc/exit.h"
#include "proc/task.h"
#include "serve/startup.h"

int mm0_init(const struct mm0_config *config)
{
	int err;

	if (!config || !config->kernel || !config->reply || !config->reply->complete_wait ||
	    !config->reply->complete_sigsuspend || !config->reply->complete_sigreturn ||
	    !config->reply->complete_sigwait)
		return -EINVAL;
	mm0_kernel = config->kernel;
	mm0_kernel_ctx = config->kernel_ctx;
	mm0_reply = config->reply;
	mm0_orphan_exited = config->orphan_exited;
	err = phys_init(config->ranges, config->range_count);
	if (err)
		return err;
	err = vm_object_init();
	if (!err) {
		mm0_commit_seal(0);
		err = task_init_self(config->self_tid);
		if (err)
			vm_object_fini();
	}
	if (err)
		phys_fini();
	return err;
}

void mm0_fini(void)
{
	task_fini();
	dma_fini();
	shm_fini();
	posix_shm_fini();
	vm_object_fini();
	phys_fini();
}

/* mm0's heap takes a page record (about 32 bytes) for every page a process
 * or the file cache holds; the rest of its records are charged as commit. */
#define PAGE_RECORDS_PER_PAGE	128u

void mm0_commit_seal(uint32_t cache_pages)
{
	uint32_t free = phys_free_pages(), reserve = free / PAGE_RECORDS_PER_PAGE + cache_pages;

	commit_set_limit(commit_total() + (free > reserve ? free - reserve : 0));
}

struct task *mm0_self(void)
{
	return task_self();
}

void mm0_stats(struct mm0_stats *stats)
{
	stats->free_pages = phys_free_pages();
	stats->live_objects = vm_object_live();
	stats->live_areas = vm_area_live();
	stats->live_tasks = task_live();
	stats->live_allocs = counted_alloc_live();
}

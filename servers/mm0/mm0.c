/* mm0's start-up and shutdown, and the accounting the tests audit. */
#include <errno.h>

#include "mm0.h"
#include "mm0_alloc.h"
#include "posix_shm.h"
#include "shm.h"
#include "task.h"
#include "vm_area.h"
#include "vm_object.h"

const struct kernel_ops *mm0_kernel;
void *mm0_kernel_ctx;
const struct mm0_reply_ops *mm0_reply;
void (*mm0_orphan_exited)(long pid, int status);

int mm0_init(const struct mm0_config *config)
{
	int err;

	if (!config || !config->kernel || !config->reply || !config->reply->complete ||
	    !config->reply->complete_wait)
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
	shm_fini();
	posix_shm_fini();
	vm_object_fini();
	phys_fini();
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
	stats->live_allocs = mm0_alloc_live();
}

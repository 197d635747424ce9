/* mm0's start-up and shutdown, and the accounting the tests and mm.stats read. */
#ifndef MM0_STARTUP_H
#define MM0_STARTUP_H

#include <stddef.h>
#include <stdint.h>

#include "mem/kernel_ops.h"
#include "mem/phys.h"
#include "proc/exit.h"

struct task;

struct mm0_config {
	const struct phys_range *ranges;
	size_t range_count;
	const struct kernel_ops *kernel;
	void *kernel_ctx;
	const struct mm0_reply_ops *reply;
	uint32_t self_tid;		/* mm0's own kernel thread id */
	/* Optional: told of each child of mm0's own task that ends, just
	 * before it is reaped (the target powers off when init ends). */
	void (*orphan_exited)(long pid, int status);
};

struct mm0_stats {
	uint32_t free_pages;
	uint32_t live_objects;
	uint32_t live_areas;
	uint32_t live_tasks;
	size_t live_allocs;
};

int mm0_init(const struct mm0_config *config);
/* Release mm0's own task and every record (host tests end with this). */
void mm0_fini(void);
void mm0_stats(struct mm0_stats *stats);
/* The commit limit from now on: what is promised now and the free pages, less
 * mm0's reserve for page records and cache_pages for files' pages, which
 * no process is charged for (mm0_init seals with none). */
void mm0_commit_seal(uint32_t cache_pages);
struct task *mm0_self(void);

#endif

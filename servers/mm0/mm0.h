/* mm0's start-up, its kernel and reply interfaces, and its accounting. */
#ifndef MM0_H
#define MM0_H

#include <stddef.h>
#include <stdint.h>

#include "kernel_ops.h"
#include "phys.h"

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
struct task *mm0_self(void);

extern const struct kernel_ops *mm0_kernel;
extern void *mm0_kernel_ctx;
extern const struct mm0_reply_ops *mm0_reply;
extern void (*mm0_orphan_exited)(long pid, int status);

#endif

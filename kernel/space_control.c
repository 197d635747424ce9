/* space_control.c - privileges, physical-memory delegation, kernel-memory
 * quotas, worker pools, and kernel statistics (for leak tests). */
#include "kmem.h"
#include "mmu.h"
#include "space.h"
#include "syscall.h"

static void stats(struct thread *caller)
{
	struct l4_kstats st = {
		.free_kernel_pages = kmem_free_pages(),
		.threads = thread_count(),
		.spaces = space_count(),
		.page_tables = mmu_table_count(),
	};
	memcpy(caller->utcb->mr, &st, sizeof(st));
	set_result(caller, 0);
}

void sys_space_control(struct thread *caller)
{
	uint32_t op = caller->ctx.r[0];
	if (op == L4_SC_STATS) {
		stats(caller);
		return;
	}
	struct thread *t = thread_lookup(caller->ctx.r[1]);
	uint32_t a = caller->ctx.r[2], b = caller->ctx.r[3];
	int result = 0;
	if (op > L4_SC_SET_WORKER_POOL)
		result = -L4_EINVAL;
	else if (!caller->space->privileged)
		result = -L4_EPERM;
	else if (!t)
		result = -L4_ENOTHREAD;
	else if (op == L4_SC_SET_PRIVILEGED)
		t->space->privileged = true;
	else if (op == L4_SC_SET_WORKER_POOL)
		t->space->worker_pool = true;
	else if (op == L4_SC_GRANT_PHYS) {
		if ((a | b) & PAGE_MASK || b == 0 || a + b < a)
			result = -L4_EINVAL;
		else if (!space_owns(caller->space, a, b))
			result = -L4_EPERM;
		else
			result = space_grant(t->space, a, b);
	} else {
		t->space->quota_pages = a;
	}
	set_result(caller, result);
}

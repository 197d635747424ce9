/* Resource limits: defaults, the request, and the memory limits' hand-over to the space. */
#include <errno.h>

#include "fs0.h"
#include "mem/vm_area.h"
#include "proc/rlimit.h"
#include "proc/task.h"

void rlimit_defaults(struct task_rlimits *limits)
{
	for (int i = 0; i < MM0_RLIM_NLIMITS; i++)
		limits->limit[i] = (struct rlimit_pair){ MM0_RLIM_INFINITY, MM0_RLIM_INFINITY };
	limits->limit[MM0_RLIMIT_STACK].soft = MM0_STACK_LIMIT_DEFAULT;
	/* No core files are ever written. */
	limits->limit[MM0_RLIMIT_CORE].soft = 0;
	/* fs0's descriptor table has this many slots per process. */
	limits->limit[MM0_RLIMIT_NOFILE] = (struct rlimit_pair){ FS0_OPEN_MAX, FS0_OPEN_MAX };
	/* Each queue of pending real-time signals (docs/signals.md) holds this many. */
	limits->limit[MM0_RLIMIT_SIGPENDING] = (struct rlimit_pair){ MM0_SIGQUEUE_MAX_DEFAULT,
								     MM0_SIGQUEUE_MAX_DEFAULT };
}

static uint32_t pages_or_none(uint32_t bytes)
{
	return bytes == MM0_RLIM_INFINITY ? VM_NO_LIMIT : bytes / MM0_PAGE_SIZE;
}

void rlimit_apply(struct task *leader)
{
	const struct rlimit_pair *limit = leader->rlimits.limit;

	if (!leader->vm)
		return;
	leader->vm->limits.as_pages = pages_or_none(limit[MM0_RLIMIT_AS].soft);
	leader->vm->limits.data_pages = pages_or_none(limit[MM0_RLIMIT_DATA].soft);
	leader->vm->limits.stack_pages = pages_or_none(limit[MM0_RLIMIT_STACK].soft);
}

uint32_t rlimit_stack_room(const struct task *leader)
{
	uint32_t soft = leader->rlimits.limit[MM0_RLIMIT_STACK].soft & ~MM0_PAGE_MASK;

	if (soft < MM0_STACK_SIZE)
		return MM0_STACK_SIZE;
	return soft > MM0_STACK_ROOM_MAX ? MM0_STACK_ROOM_MAX : soft;
}

/* Every process runs as root, so any hard limit may be raised (docs/mm0.md);
 * the descriptor table cannot grow, so RLIMIT_NOFILE stops at its size. */
static long rlimit_check(int32_t resource, const struct rlimit_pair *limit)
{
	if (limit->soft > limit->hard)
		return -EINVAL;
	if (resource == MM0_RLIMIT_NOFILE && limit->hard > FS0_OPEN_MAX)
		return -EPERM;
	return 0;
}

long mm0_rlimit(struct task *caller, int32_t pid, int32_t resource, bool change,
		const struct rlimit_pair *limit, struct rlimit_pair *old)
{
	struct task *target = pid == 0 && caller ? caller->leader : NULL;
	long err;

	if (!caller)
		return -ESRCH;
	if (pid < 0)
		return -EINVAL;
	if (pid) {
		target = task_by_pid((uint32_t)pid);
		if (!target || target->leader != target || target->zombie)
			return -ESRCH;
	}
	if (resource < 0 || resource >= MM0_RLIM_NLIMITS)
		return -EINVAL;
	*old = target->rlimits.limit[resource];
	if (!change)
		return 0;
	if (target->system && target != caller->leader)
		return -EPERM;
	err = rlimit_check(resource, limit);
	if (err)
		return err;
	target->rlimits.limit[resource] = *limit;
	rlimit_apply(target);
	return 0;
}

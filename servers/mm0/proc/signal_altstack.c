/* Alternate signal stacks (sigaltstack, SA_ONSTACK): one per thread, kept by fork's
 * child, dropped by exec and absent in a new thread. */
#include <errno.h>

#include "proc/signal_altstack.h"
#include "proc/task.h"

/* Linux's test: the stack grows down, so its top address itself counts as on it. */
static bool on_altstack(const struct signal_altstack *alt, uint32_t sp)
{
	return alt->size && sp > alt->sp && sp - alt->sp <= alt->size;
}

long signal_altstack_set(struct task *caller, bool change, uint32_t sp, uint32_t size,
			 int flags, uint32_t current_sp, uint32_t *old_sp, uint32_t *old_size,
			 int *old_flags)
{
	struct signal_altstack *alt;
	bool on;

	if (!caller || !caller->thread_alive)
		return -ESRCH;
	alt = &caller->sig.altstack;
	on = on_altstack(alt, current_sp);
	*old_sp = alt->sp;
	*old_size = alt->size;
	*old_flags = on ? MM0_SS_ONSTACK : alt->size ? 0 : MM0_SS_DISABLE;
	if (!change)
		return 0;
	/* Linux takes SS_ONSTACK as a request to enable, like 0. */
	if (flags != 0 && flags != MM0_SS_ONSTACK && flags != MM0_SS_DISABLE)
		return -EINVAL;
	if (on)
		return -EPERM;
	if (flags == MM0_SS_DISABLE) {
		*alt = (struct signal_altstack){ 0, 0 };
		return 0;
	}
	if (size < MM0_MINSIGSTKSZ)
		return -ENOMEM;
	if ((uint64_t)sp + size > MM0_USER_END)
		return -EINVAL;
	*alt = (struct signal_altstack){ sp, size };
	return 0;
}

uint32_t signal_stack_top(const struct task *thread, uint32_t sa_flags, uint32_t sp)
{
	const struct signal_altstack *alt = &thread->sig.altstack;

	if ((sa_flags & MM0_SA_ONSTACK) && alt->size && !on_altstack(alt, sp))
		return alt->sp + alt->size;
	return sp;
}

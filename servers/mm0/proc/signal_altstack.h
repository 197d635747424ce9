/* Alternate signal stacks: sigaltstack and where a handler's frame goes. */
#ifndef MM0_SIGNAL_ALTSTACK_H
#define MM0_SIGNAL_ALTSTACK_H

#include <stdbool.h>
#include <stdint.h>

#include "proc/task.h"

/* sigaltstack for the caller (current_sp: where its stack is now). */
long signal_altstack_set(struct task *caller, bool change, uint32_t sp, uint32_t size,
			 int flags, uint32_t current_sp, uint32_t *old_sp, uint32_t *old_size,
			 int *old_flags);
/* Where a handler's frame goes: the top of the alternate stack for an SA_ONSTACK action
 * when the thread has one and is not on it already, else sp. */
uint32_t signal_stack_top(const struct task *thread, uint32_t sa_flags, uint32_t sp);

#endif

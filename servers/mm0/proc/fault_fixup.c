/* Fault fix-ups of libposix's copy routines: the table each process registers, and the
 * lookup of a faulting pc in it (docs/signals.md). */
#include <errno.h>
#include <string.h>

#include "mm0_local.h"
#include "proc/fault_fixup.h"

static bool user_pc(uint32_t pc)
{
	return pc >= MM0_USER_MIN && pc < MM0_USER_END;
}

long fault_fixup_set(struct task *caller, const void *table, uint32_t len)
{
	struct fault_fixups fixups = { 0 };
	uint32_t words[2 * FAULT_FIXUP_MAX];

	if (len % (2 * sizeof(uint32_t)) || len > sizeof(words))
		return -EINVAL;
	if (len)
		memcpy(words, table, len);
	for (fixups.count = 0; fixups.count < len / (2 * sizeof(uint32_t)); fixups.count++) {
		uint32_t fault_pc = words[2 * fixups.count], fixup_pc = words[2 * fixups.count + 1];

		if (!user_pc(fault_pc) || !user_pc(fixup_pc))
			return -EINVAL;
		fixups.fault_pc[fixups.count] = fault_pc;
		fixups.fixup_pc[fixups.count] = fixup_pc;
	}
	caller->leader->fixups = fixups;
	return 0;
}

uint32_t fault_fixup_of(const struct task *thread, uint32_t pc)
{
	const struct fault_fixups *fixups = &thread->leader->fixups;

	for (uint32_t i = 0; i < fixups->count; i++) {
		if (fixups->fault_pc[i] == pc)
			return fixups->fixup_pc[i];
	}
	return 0;
}

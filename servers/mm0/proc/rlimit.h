/* Resource limits of a process (getrlimit/setrlimit/prlimit): stored per
 * process, inherited by fork and spawn, kept by exec; the memory ones are
 * handed to the process's space, where the memory layer enforces them. */
#ifndef MM0_RLIMIT_H
#define MM0_RLIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "mm0_local.h"

struct task;

struct rlimit_pair {
	uint32_t soft;
	uint32_t hard;
};

struct task_rlimits {
	struct rlimit_pair limit[MM0_RLIM_NLIMITS];
};

/* What mm0's own task (and so every process it starts) begins with. */
void rlimit_defaults(struct task_rlimits *limits);
/* The process's AS, DATA and STACK soft limits into its space's limits. */
void rlimit_apply(struct task *leader);
/* How far the stack of a program started now may grow: RLIMIT_STACK's soft
 * limit, at least the initial stack and at most MM0_STACK_ROOM_MAX. */
uint32_t rlimit_stack_room(const struct task *leader);
/* The rlimit request (idl/mm0.idl): 0 or -errno; the old limits in *old. */
long mm0_rlimit(struct task *caller, int32_t pid, int32_t resource, bool change,
		const struct rlimit_pair *limit, struct rlimit_pair *old);

#endif

/* A process's fault fix-ups: the pcs of its copy routines that may fault and where each resumes. */
#ifndef MM0_FAULT_FIXUP_STATE_H
#define MM0_FAULT_FIXUP_STATE_H

#include <stdint.h>

/* libposix lists six; room for a couple more. */
#define FAULT_FIXUP_MAX	8

struct fault_fixups {
	uint32_t count;
	uint32_t fault_pc[FAULT_FIXUP_MAX];
	uint32_t fixup_pc[FAULT_FIXUP_MAX];
};

#endif

/* Fault fix-ups: a fault the memory layer cannot resolve, at a registered copy instruction,
 * resumes the thread at the fix-up (which answers -EFAULT) instead of signalling it. */
#ifndef MM0_FAULT_FIXUP_H
#define MM0_FAULT_FIXUP_H

#include <stdint.h>

#include "proc/task.h"

/* The caller's process takes the table of len bytes: {fault pc, fix-up pc} word pairs, copied
 * into mm0 now (a fault never reads the process's memory). An empty table forgets it. 0, or
 * -EINVAL for a malformed table or a pc outside user space. */
long fault_fixup_set(struct task *caller, const void *table, uint32_t len);
/* Where a fault of thread at pc resumes: the fix-up of that instruction of its process's
 * copy routines, or 0 when pc is none of them. */
uint32_t fault_fixup_of(const struct task *thread, uint32_t pc);

#endif

/* Page-fault resolution: area checks, zero fill, copy-on-write, file page-in. */
#ifndef MM0_FAULT_H
#define MM0_FAULT_H

#include <stdint.h>

struct vm_space;

/* Map the page of vm at addr for access (MM0_PROT_READ, WRITE or EXEC) as a
 * fault there needs it: 0, or what went wrong for the process layer to turn
 * into a signal: -EFAULT (no area, or it forbids the access; a stack that
 * may not grow to addr), -ENXIO (past
 * the end of its object), -EIO (the pager failed) or -ENOMEM. mm0's own
 * copies into a task's memory (signal frames, exec) use it too. */
int vm_fault(struct vm_space *vm, uint32_t addr, unsigned access);

/* vm_fault for a thread's own fault: where its page must come from a pager
 * that reads asynchronously, -EINPROGRESS, the fault parked on the read
 * (mem/page_wait.h) and answered when it ends. */
struct parked_fault;
int vm_fault_parkable(struct vm_space *vm, const struct parked_fault *fault);

/* Map every page of every area in [start, end) now (servers that must never
 * fault): written where the area allows writes. 0 or -errno. */
int vm_populate(struct vm_space *vm, uint32_t start, uint32_t end);

#endif

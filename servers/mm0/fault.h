/* Page-fault handling: area checks, zero fill, copy-on-write, file page-in, shared waits. */
#ifndef MM0_FAULT_H
#define MM0_FAULT_H

#include <stdint.h>

struct task;
struct vm_space;

/* The body of the page-fault handler: task faulted at addr with access
 * (MM0_PROT_READ/WRITE/EXEC). Returns 0 when the page is mapped (reply now),
 * MM0_DEFERRED when token will be completed through mm0_reply->complete, or
 * a negative errno when the task was killed (no reply: its threads are gone). */
long mm0_fault(struct task *task, uint32_t addr, unsigned access, void *token);

/* Map every page of every area in [start, end) now (servers that must never
 * fault): written where the area allows writes. Only for pagers that answer
 * at once; 0 or -errno. */
int mm0_populate(struct task *task, uint32_t start, uint32_t end);

/* Drop pending-fault records of a space or waits of a thread that is going away. */
void fault_forget_space(struct vm_space *vm);
/* Resolve a page of vm for access now, as a fault would, for mm0's own copies into a
 * task's memory (signal frames): 0, -EFAULT, or -EAGAIN when a pager read would wait. */
int mm0_fault_in(struct vm_space *vm, uint32_t addr, unsigned access);
void fault_forget_task(struct task *task);

#endif

/* irq.h - interrupts delivered to user threads as IPC. */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "thread.h"

void irq_dispatch(void);
bool irq_any_bound(void);
/* Interrupts fired and not yet taken by their handler, over all handlers. */
extern uint32_t irq_pending_count;
bool irq_pending_scan(const struct thread *t);

/* True if an interrupt bound to t is pending: t must take it before it
 * blocks. The count keeps the usual case (none pending) to one load. */
static inline bool irq_pending_for(const struct thread *t)
{
	return irq_pending_count && irq_pending_scan(t);
}
/* If an interrupt the receiver accepts is pending, delivers it now. */
bool irq_deliver_pending(struct thread *t, l4_tid_t from);
void irq_unbind_handler(struct thread *t);
void sys_irq_control(struct thread *t);

#endif

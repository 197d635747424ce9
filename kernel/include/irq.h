/* irq.h - interrupts delivered to user threads as IPC. */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "thread.h"

void irq_dispatch(void);
bool irq_any_bound(void);
bool irq_pending_for(const struct thread *t);
/* If an interrupt the receiver accepts is pending, delivers it now. */
bool irq_deliver_pending(struct thread *t, l4_tid_t from);
void irq_unbind_handler(struct thread *t);
void sys_irq_control(struct thread *t);

#endif

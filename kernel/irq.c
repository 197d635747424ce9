/* irq.c - user interrupt handlers: a bound interrupt is masked when it fires
 * and arrives as an IPC from L4_IRQ_SENDER(irq); ACK unmasks it. */
#include "irq.h"
#include "plat.h"
#include "powercut.h"
#include "sched.h"
#include "space.h"

struct irq_binding {
	struct thread *handler;
	bool pending;
};

static struct irq_binding bindings[IRQ_LIMIT];
static uint32_t bound_count;
uint32_t irq_pending_count;

bool irq_any_bound(void)
{
	return bound_count != 0;
}

static bool try_deliver(uint32_t irq, l4_tid_t from)
{
	struct irq_binding *b = &bindings[irq];
	struct thread *h = b->handler;
	l4_tid_t sender = L4_IRQ_SENDER(irq);
	if (!b->pending || h->fault_pending || (from != L4_ANYTHREAD && from != sender))
		return false;
	b->pending = false;
	irq_pending_count--;
	h->ctx.r[0] = 0;
	h->ctx.r[1] = sender;
	h->ctx.r[3] = L4_TAG(L4_LABEL_INTERRUPT, 1);
	h->ctx.r[4] = irq;
	return true;
}

static void irq_fire(uint32_t irq)
{
	gic_disable(irq);
	struct irq_binding *b = &bindings[irq];
	if (!b->handler)
		return;
	b->pending = true;
	irq_pending_count++;
	struct thread *h = b->handler;
	if (h->state == TS_RECV && try_deliver(irq, h->recv_spec)) {
		sleep_cancel(h);
		sched_make_ready(h, true);
	}
}

void irq_dispatch(void)
{
	for (;;) {
		uint32_t iar = gic_acknowledge(), irq = iar & GIC_IAR_ID_MASK;
		if (irq >= GIC_SPURIOUS)
			return;
		if (irq == plat.timer_irq) {
			timer_rearm();
			sched_tick();
		} else if (irq == PLAT_PMU_IRQ) {
			powercut_interrupt();
		} else if (irq >= IRQ_FIRST_USER && irq < IRQ_LIMIT) {
			irq_fire(irq);
		}
		/* An SGI (SGI_RESCHEDULE) needs nothing more: the scheduler runs
		 * after every interrupt. */
		gic_end(iar);
	}
}

bool irq_deliver_pending(struct thread *t, l4_tid_t from)
{
	for (uint32_t irq = IRQ_FIRST_USER; irq < IRQ_LIMIT && bound_count; irq++)
		if (bindings[irq].handler == t && try_deliver(irq, from))
			return true;
	return false;
}

bool irq_pending_scan(const struct thread *t)
{
	for (uint32_t irq = IRQ_FIRST_USER; irq < IRQ_LIMIT && irq_pending_count; irq++)
		if (bindings[irq].handler == t && bindings[irq].pending)
			return true;
	return false;
}

static void unbind(uint32_t irq)
{
	gic_disable(irq);
	if (bindings[irq].pending)
		irq_pending_count--;
	bindings[irq].handler = NULL;
	bindings[irq].pending = false;
	bound_count--;
}

void irq_unbind_handler(struct thread *t)
{
	for (uint32_t irq = IRQ_FIRST_USER; irq < IRQ_LIMIT && bound_count; irq++)
		if (bindings[irq].handler == t)
			unbind(irq);
}

void sys_irq_control(struct thread *t)
{
	uint32_t op = t->ctx.r[0], irq = t->ctx.r[1];
	int result = 0;
	if (!t->space->privileged)
		result = -L4_EPERM;
	else if (irq < IRQ_FIRST_USER || irq >= IRQ_LIMIT)
		result = -L4_EINVAL;
	else if (op == L4_IRQ_BIND) {
		struct thread *h = thread_lookup(t->ctx.r[2]);
		if (!h)
			result = -L4_ENOTHREAD;
		else if (bindings[irq].handler)
			result = -L4_EBUSY;
		else {
			bindings[irq].handler = h;
			bound_count++;
			gic_enable(irq);
		}
	} else if (op == L4_IRQ_UNBIND || op == L4_IRQ_ACK) {
		if (!bindings[irq].handler)
			result = -L4_EINVAL;
		else if (op == L4_IRQ_UNBIND)
			unbind(irq);
		else if (!bindings[irq].pending)
			gic_enable(irq);
	} else {
		result = -L4_EINVAL;
	}
	t->ctx.r[0] = (uint32_t)result;
}

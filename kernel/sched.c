/* sched.c - fixed priorities 0..255 with round robin inside a priority,
 * time slices from the 1 kHz tick, and the list of IPC timeouts. */
#include "cp15.h"
#include "cputime.h"
#include "ipc.h"
#include "irq.h"
#include "mmu.h"
#include "poweroff.h"
#include "printk.h"
#include "sched.h"
#include "space.h"

/* Exit status when no thread can ever run again (a user deadlock). */
#define DEADLOCK_EXIT_STATUS 98

struct thread *ready_head[SCHED_PRIOS];
static uint32_t ready_map[SCHED_PRIOS / 32];
/* Bit w set when ready_map[w] is not zero: pick finds the top in two clz. */
static uint32_t ready_words;
_Static_assert(SCHED_PRIOS / 32 <= 32, "ready_words has a bit per word of ready_map");
static struct thread *sleepers;
static uint64_t now_ms;

void sched_enqueue(struct thread *t, bool front)
{
	struct thread **head = &ready_head[t->prio];
	if (!*head) {
		t->rq_next = t->rq_prev = t;
		*head = t;
		ready_map[t->prio / 32] |= 1u << (t->prio % 32);
		ready_words |= 1u << (t->prio / 32);
	} else {
		t->rq_next = *head;
		t->rq_prev = (*head)->rq_prev;
		t->rq_prev->rq_next = t;
		(*head)->rq_prev = t;
		if (front)
			*head = t;
	}
	t->queued = true;
}

void sched_dequeue(struct thread *t)
{
	if (!t->queued)
		return;
	struct thread **head = &ready_head[t->prio];
	if (t->rq_next == t) {
		*head = NULL;
		ready_map[t->prio / 32] &= ~(1u << (t->prio % 32));
		if (!ready_map[t->prio / 32])
			ready_words &= ~(1u << (t->prio / 32));
	} else {
		t->rq_prev->rq_next = t->rq_next;
		t->rq_next->rq_prev = t->rq_prev;
		if (*head == t)
			*head = t->rq_next;
	}
	t->queued = false;
}

void sched_replace(struct thread *out, struct thread *in)
{
	if (!out->queued || out->prio != in->prio) {
		sched_dequeue(out);
		sched_enqueue(in, true);
		return;
	}
	if (out->rq_next == out) {
		in->rq_next = in->rq_prev = in;
	} else {
		in->rq_next = out->rq_next;
		in->rq_prev = out->rq_prev;
		out->rq_prev->rq_next = in;
		out->rq_next->rq_prev = in;
	}
	if (ready_head[out->prio] == out)
		ready_head[out->prio] = in;
	out->queued = false;
	in->queued = true;
}

void sched_make_ready(struct thread *t, bool front)
{
	t->state = TS_READY;
	if (!t->suspended && !t->queued)
		sched_enqueue(t, front);
}

void sched_rotate(struct thread *t)
{
	if (t->queued && ready_head[t->prio] == t)
		ready_head[t->prio] = t->rq_next;
}

void sched_set_prio(struct thread *t, uint8_t prio)
{
	bool queued = t->queued;
	sched_dequeue(t);
	t->prio = prio;
	if (queued)
		sched_enqueue(t, false);
}

static struct thread *pick(void)
{
	if (!ready_words)
		return NULL;
	uint32_t w = 31 - __builtin_clz(ready_words);
	return ready_head[w * 32 + 31 - __builtin_clz(ready_map[w])];
}

static void __attribute__((noreturn)) switch_to(struct thread *t)
{
	cputime_switch(t);
	if (t != current) {
		mmu_switch(t->space);
		write_tpidruro(t->utcb_pointer);
		current = t;
	}
	return_to_user(&t->ctx);
}


void sched_return(void)
{
	struct thread *t = pick();
	if (!t)
		cputime_to_idle();
	while (!t) {
		if (!sleepers && !irq_any_bound()) {
			printk("kernel: %u threads, all blocked for ever: stopping\n",
			       (unsigned)thread_count());
			machine_poweroff(DEADLOCK_EXIT_STATUS);
		}
		asm volatile("wfi");
		irq_dispatch();
		t = pick();
	}
	switch_to(t);
}

void sleep_start(struct thread *t, uint16_t timeout_ms)
{
	if (timeout_ms == L4_TIMEOUT_NEVER)
		return;
	/* +1: the next tick may be almost now; never wake early. */
	t->wakeup_ms = now_ms + timeout_ms + 1;
	t->sleeping = true;
	t->sleep_prev = NULL;
	t->sleep_next = sleepers;
	if (sleepers)
		sleepers->sleep_prev = t;
	sleepers = t;
}

void sleep_cancel(struct thread *t)
{
	if (!t->sleeping)
		return;
	if (t->sleep_prev)
		t->sleep_prev->sleep_next = t->sleep_next;
	else
		sleepers = t->sleep_next;
	if (t->sleep_next)
		t->sleep_next->sleep_prev = t->sleep_prev;
	t->sleeping = false;
}

void sched_tick(void)
{
	now_ms++;
	struct thread *t = sleepers;
	while (t) {
		struct thread *next = t->sleep_next;
		if (t->wakeup_ms <= now_ms)
			ipc_abort(t, -L4_ETIMEOUT);
		t = next;
	}
	if (current && current->queued && --current->slice_left_ms == 0) {
		current->slice_left_ms = current->timeslice_ms;
		sched_rotate(current);
	}
}

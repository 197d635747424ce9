/* thread.c - thread control blocks and the global thread-id table. A slot's
 * version changes on every reuse, so a stale id never finds the new thread. */
#include "ipc.h"
#include "irq.h"
#include "cputime.h"
#include "kmem.h"
#include "sched.h"
#include "smp.h"
#include "space.h"

struct thread *thread_table[MAX_THREADS];
static uint16_t slot_version[MAX_THREADS];
static uint32_t threads_live;
uint32_t thread_slots_end = 1;

uint32_t thread_count(void)
{
	return threads_live;
}

struct thread *thread_create(struct space *space, l4_tid_t pager, uint8_t prio,
			     uint32_t utcb_slot, int *err)
{
	/* Slot 0 stays empty, L4_NILTHREAD's: fastpath.c finds no thread there. */
	uint32_t slot = 1;
	while (slot < MAX_THREADS && thread_table[slot])
		slot++;
	if (slot == MAX_THREADS) {
		*err = -L4_ENOMEM;
		return NULL;
	}
	struct thread *t = kmem_alloc(space, 1, 1);
	if (!t) {
		*err = -L4_ENOMEM;
		return NULL;
	}
	t->utcb_slot = utcb_slot;
	t->utcb = space_utcb_alloc(space, &t->utcb_slot, err);
	if (!t->utcb) {
		kmem_free(space, t, 1);
		return NULL;
	}
	t->utcb_pointer = L4_UTCB_AREA + t->utcb_slot * L4_UTCB_SLOT_SIZE + L4_UTCB_SIZE;
	uint16_t version = slot_version[slot] + 1;
	if (version > L4_TID_VERSION_MASK)
		version = 1;
	slot_version[slot] = version;
	t->tid = L4_TID(slot, version);
	t->space = space;
	t->pager = pager;
	t->prio = prio;
	t->timeslice_ms = t->slice_left_ms = DEFAULT_TIMESLICE_MS;
	t->state = TS_READY;
	t->suspended = true;	/* runs once given a pc and resumed */
	t->ctx.cpsr = CPSR_MODE_USR | CPSR_FIQ_MASK;	/* FIQs are never used */
	t->utcb->my_tid = t->tid;
	t->utcb->pager = pager;
	/* The creator runs here: the new thread starts on its processor. */
	t->home = this_cpu();
	t->utcb->processor = t->home->id;
	thread_table[slot] = t;
	if (slot >= thread_slots_end)
		thread_slots_end = slot + 1;
	space->threads++;
	threads_live++;
	return t;
}

void thread_destroy(struct thread *t)
{
	smp_stop(t);
	ipc_abort_partners(t);
	if (t->state != TS_READY)
		ipc_abort(t, -L4_ECANCELED);
	sleep_cancel(t);
	sched_dequeue(t);
	if (this_cpu()->first_of_equals == t)
		this_cpu()->first_of_equals = NULL;
	cputime_forget(t);
	irq_unbind_handler(t);
	thread_table[L4_TID_SLOT(t->tid)] = NULL;
	threads_live--;
	if (current == t)
		current = NULL;
	struct space *space = t->space;
	space_utcb_free(space, t->utcb_slot);
	kmem_free(space, t, 1);
	if (--space->threads == 0)
		space_destroy(space);
}

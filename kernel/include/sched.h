/* sched.h - priority round-robin scheduling, time slices and timeouts. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "cp15.h"
#include "mmu.h"
#include "mmu_switch.h"
#include "thread.h"

/* Queues t on its processor's queues (waking that processor if t should
 * run there now). */
void sched_enqueue(struct thread *t, bool front);
void sched_dequeue(struct thread *t);
/* Makes a blocked thread runnable (it runs unless suspended). */
void sched_make_ready(struct thread *t, bool front);
/* The first thread of each priority's ring of this processor's ready threads. */
#define ready_head (this_cpu()->ready_heads)

/* `in` takes the place of `out` on the ready queues. */
void sched_replace(struct thread *out, struct thread *in);

/* A direct switch by IPC from the running thread `out`, now blocked, to
 * `in`, now ready: `in` takes out's place on the ready queues and runs.
 * Inline for the IPC fast path; one_cpu (a constant) when only one
 * processor runs, so the return to user mode is inline too. The running
 * thread's space is the active one, so only a change of space reaches the
 * MMU. */
static inline __attribute__((always_inline, noreturn)) void
sched_handoff(struct thread *out, struct thread *in, bool one_cpu)
{
	/* One read of TPIDRPRW for the three uses below. */
	struct cpu *c = this_cpu();
	/* Only a queued thread of in's priority heads in's ring: out was
	 * alone at that priority, so in takes the ring over. */
	struct thread **in_head = &c->ready_heads[in->prio];
	if (*in_head == out && out->rq_next == out) {
		in->rq_next = in->rq_prev = in;
		*in_head = in;
		out->queued = false;
		in->queued = true;
	} else {
		sched_replace(out, in);
	}
	if (in->space != out->space)
		mmu_activate_before_return(c, in->space);
	write_tpidruro(in->utcb_pointer);
	c->current_thread = in;
	if (one_cpu)
		return_to_user_one_cpu(&in->ctx);
	return_to_user(&in->ctx);
}
void sched_rotate(struct thread *t);
void sched_set_prio(struct thread *t, uint8_t prio);
/* Picks the thread to run, idling until there is one, and enters it. */
void sched_return(void) __attribute__((noreturn));
void sched_tick(void);
/* Moves t to processor c (t runs nowhere else: smp_stop). */
void sched_move(struct thread *t, struct cpu *c);
void sleep_start(struct thread *t, uint16_t timeout_ms);
void sleep_cancel(struct thread *t);

#endif

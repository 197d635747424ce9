/* sched.h - priority round-robin scheduling, time slices and timeouts. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "cp15.h"
#include "mmu.h"
#include "mmu_switch.h"
#include "thread.h"

/* A thread is runnable when it is ready and not suspended. A runnable
 * thread is on its home processor's ready queues, but for the thread that
 * processor runs: that one is on no queue while it runs in user mode (the
 * lazy scheme: a direct hand-off by IPC touches no queue). Inside a kernel
 * entry the running thread may be queued again (preempted, rotated, moved);
 * sched_return then takes it off if it picks it. */
static inline bool sched_runnable(const struct thread *t)
{
	return t->state == TS_READY && !t->suspended;
}

/* Queues t on its processor's queues (waking that processor if t should
 * run there now). */
void sched_enqueue(struct thread *t, bool front);
void sched_dequeue(struct thread *t);
/* Makes a blocked thread runnable (it runs unless suspended). */
void sched_make_ready(struct thread *t, bool front);
/* Queues a runnable thread that is neither queued nor running (a resumed one). */
void sched_resume(struct thread *t);
/* The first thread of each priority's ring of this processor's ready threads. */
#define ready_head (this_cpu()->ready_heads)

/* A direct switch by IPC from the running thread `out`, now blocked, to
 * `in`, now ready, both of this processor, `in` the runnable thread of
 * highest priority (the fast path's tests): `in` runs, and neither goes on
 * a queue (out is blocked, the running thread is on none). Inline for the
 * IPC fast path; one_cpu (a constant) when only one processor runs, so the
 * return to user mode is inline too. The running thread's space is the
 * active one, so only a change of space reaches the MMU. */
static inline __attribute__((always_inline, noreturn)) void
sched_handoff(struct thread *out, struct thread *in, bool one_cpu)
{
	/* One read of TPIDRPRW for the two uses below. */
	struct cpu *c = this_cpu();
	if (in->space != out->space)
		mmu_activate_before_return(c, in->space);
	write_tpidruro(in->utcb_pointer);
	c->current_thread = in;
	if (one_cpu)
		return_to_user_one_cpu(&in->ctx);
	return_to_user(&in->ctx);
}
void sched_rotate(struct thread *t);
/* The running thread cur yields to the first of its equals, if one is
 * ready (and returns if none is). */
void sched_yield(struct thread *cur);
void sched_set_prio(struct thread *t, uint8_t prio);
/* Picks the thread to run (the running one, unless a thread above it is
 * ready), idling until there is one, and enters it. */
void sched_return(void) __attribute__((noreturn));
void sched_tick(void);
/* Moves t to processor c (t runs nowhere else: smp_stop). */
void sched_move(struct thread *t, struct cpu *c);
void sleep_start(struct thread *t, uint16_t timeout_ms);
void sleep_cancel(struct thread *t);

#endif

/* sched.h - priority round-robin scheduling, time slices and timeouts. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "cp15.h"
#include "mmu.h"
#include "mmu_switch.h"
#include "thread.h"

/* A thread is runnable when it is ready and not suspended. A runnable
 * thread is on its home processor's ready queues, but for the thread that
 * processor runs, which may be on none: a direct hand-off by IPC takes the
 * blocking thread off its queue (if it is on one) and puts the thread it
 * wakes on none (the lazy scheme: hand-offs between threads on no queue
 * touch no queue). sched_return puts such a running thread back, first
 * among its equals, when a thread above it is to run, and right behind a
 * thread put first among its equals (sched_make_ready); a yield or the end
 * of its time slice (sched_rotate), a change of priority or processor, and
 * smp_stop put it back too. A thread the scheduler picks stays queued. */
_Static_assert(__builtin_offsetof(struct thread, suspended) ==
	       __builtin_offsetof(struct thread, fastpath_word) + 1, "sched_runnable's layout");
static inline bool sched_runnable(const struct thread *t)
{
	/* state and suspended, the first two bytes of the word. */
	return (t->fastpath_word & 0xffffu) == TS_READY;
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
 * `in`, now ready, both of this processor, `in` above all of its ready
 * threads or their equal (the fast path's tests): `in` runs, on no queue,
 * and out leaves its queue if it is on one. Inline for the IPC fast path;
 * one_cpu (a constant) when only one processor runs, so the return to user
 * mode is inline too. The running thread's space is the active one, so only
 * a change of space reaches the MMU. */
static inline __attribute__((always_inline, noreturn)) void
sched_handoff(struct thread *out, struct thread *in, bool one_cpu)
{
	if (__builtin_expect(out->queued, 0))
		sched_dequeue(out);
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
void sched_set_prio(struct thread *t, uint8_t prio);
/* Picks the thread to run (the running one on no queue unless a thread
 * above it is ready, else the first of the highest ready priority, which
 * stays queued), idling until there is one, and enters it. */
void sched_return(void) __attribute__((noreturn));
/* sched_return when the running thread has just blocked (or is queued)
 * and this entry made no thread ready on this processor: none can have
 * been put first among its equals (sched_make_ready), which sched_return
 * forgets when it enters a thread. The IPC fast path's wait. */
void sched_return_blocked(void) __attribute__((noreturn));
/* sched_return when the running thread has just blocked, after this entry
 * may have made threads ready (sys_ipc's receive that blocks). */
void sched_return_after_block(void) __attribute__((noreturn));
/* The running thread cur goes behind its equals (a yield), and the first
 * of them runs. */
void sched_yield(struct thread *cur) __attribute__((noreturn));
void sched_tick(void);
/* Moves t to processor c (t runs nowhere else: smp_stop). */
void sched_move(struct thread *t, struct cpu *c);
void sleep_start(struct thread *t, uint16_t timeout_ms);
void sleep_cancel(struct thread *t);

#endif

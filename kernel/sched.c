/* sched.c - fixed priorities 0..255 with round robin inside a priority,
 * time slices from the 1 kHz tick, and the list of IPC timeouts. Every
 * processor has its own ready queues (struct cpu); a thread is queued on
 * its home processor's. The timeouts are global, advanced by the boot
 * processor's tick. */
#include "cp15.h"
#include "cputime.h"
#include "ipc.h"
#include "irq.h"
#include "klock.h"
#include "mmu.h"
#include "poweroff.h"
#include "printk.h"
#include "sched.h"
#include "smp.h"
#include "space.h"

/* Exit status when no thread can ever run again (a user deadlock). */
#define DEADLOCK_EXIT_STATUS 98

/* Bit w of ready_words is set when ready_map[w] is not zero: pick finds
 * the top in two clz. */
_Static_assert(SCHED_PRIOS / 32 <= 32, "ready_words has a bit per word of ready_map");
static struct thread *sleepers;
static uint64_t now_ms;
static uint32_t cpus_idle;

/* Puts t on c's ring of its priority, first or last. */
static inline __attribute__((always_inline)) void rq_insert(struct cpu *c, struct thread *t, bool front)
{
	struct thread **head = &c->ready_heads[t->prio];
	if (!*head) {
		t->rq_next = t->rq_prev = t;
		*head = t;
		c->ready_map[t->prio / 32] |= 1u << (t->prio % 32);
		c->ready_words |= 1u << (t->prio / 32);
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

/* The running thread of this processor, ready but on no queue. */
static inline bool running_unqueued(const struct cpu *c, const struct thread *t)
{
	return t && t == c->current_thread && !t->queued && sched_runnable(t);
}

/* sched_enqueue on c, t's home. */
static inline __attribute__((always_inline)) void enqueue(struct cpu *c, struct thread *t, bool front)
{
	rq_insert(c, t, front);
	if (c != this_cpu())
		smp_kick(c, t);
}

void sched_enqueue(struct thread *t, bool front)
{
	enqueue(t->home, t, front);
}

void sched_dequeue(struct thread *t)
{
	if (!t->queued)
		return;
	struct cpu *c = t->home;
	struct thread **head = &c->ready_heads[t->prio];
	if (t->rq_next == t) {
		*head = NULL;
		c->ready_map[t->prio / 32] &= ~(1u << (t->prio % 32));
		if (!c->ready_map[t->prio / 32])
			c->ready_words &= ~(1u << (t->prio / 32));
	} else {
		t->rq_prev->rq_next = t->rq_next;
		t->rq_next->rq_prev = t->rq_prev;
		if (*head == t)
			*head = t->rq_next;
	}
	t->queued = false;
}

void sched_make_ready(struct thread *t, bool front)
{
	t->state = TS_READY;
	if (t->suspended || t->queued)
		return;
	/* A thread put first among the running thread's equals runs next:
	 * if the running thread is on no queue, sched_return puts it right
	 * behind the first such thread (on this processor; one running on
	 * another goes on until its next entry). */
	struct cpu *c = t->home;
	bool here = c == this_cpu();
	if (front && here && !c->first_of_equals && c->current_thread &&
	    c->current_thread->prio == t->prio)
		c->first_of_equals = t;
	rq_insert(c, t, front);
	if (!here)
		smp_kick(c, t);
}

void sched_resume(struct thread *t)
{
	if (sched_runnable(t) && !t->queued && t != t->home->current_thread)
		sched_enqueue(t, false);
}

static inline __attribute__((always_inline)) void rotate(struct thread *t)
{
	struct cpu *c = t->home;
	struct thread **head = &c->ready_heads[t->prio];
	if (t->queued) {
		if (*head == t)
			*head = t->rq_next;
	} else if (*head && sched_runnable(t)) {
		/* The running thread goes behind its equals. */
		rq_insert(c, t, false);
	}
}

void sched_rotate(struct thread *t)
{
	rotate(t);
}

void sched_set_prio(struct thread *t, uint8_t prio)
{
	bool queued = t->queued;
	sched_dequeue(t);
	t->prio = prio;
	/* Queued again behind its equals; so is the running thread when it
	 * has equals at its new priority. A thread running on another
	 * processor keeps running there at its new priority. */
	if (queued || (running_unqueued(this_cpu(), t) && ready_head[prio]))
		sched_enqueue(t, false);
}

void sched_move(struct thread *t, struct cpu *c)
{
	bool queued = t->queued || running_unqueued(this_cpu(), t);
	sched_dequeue(t);
	cputime_release(t);
	t->home = c;
	t->utcb->processor = c->id;
	if (queued)
		sched_enqueue(t, false);
}

static inline __attribute__((always_inline)) struct thread *pick(struct cpu *c)
{
	if (!c->ready_words)
		return NULL;
	uint32_t w = 31 - __builtin_clz(c->ready_words);
	return c->ready_heads[w * 32 + 31 - __builtin_clz(c->ready_map[w])];
}

static inline __attribute__((always_inline, noreturn)) void switch_to(struct cpu *c, struct thread *t)
{
	cputime_switch(t);
	if (t != c->current_thread) {
		mmu_switch(t->space);
		write_tpidruro(t->utcb_pointer);
		c->current_thread = t;
	}
	return_to_user(&t->ctx);
}


/* No thread can ever run again: nothing is ready on any processor, every
 * processor idles, no timeout and no interrupt can wake one. */
static bool deadlocked(void)
{
	if (sleepers || irq_any_bound())
		return false;
	if (!smp_active())
		return true;
	if (cpus_idle != cpus_online)
		return false;
	for (uint32_t id = 0; id < cpu_count; id++)
		if (cpu_by_id(id)->ready_words)
			return false;
	return true;
}

/* With several processors an idle one forgets its thread (smp_stop looks
 * for it) and its address space (which may be destroyed meanwhile), and
 * gives up the lock while it waits. */
static void go_idle(struct cpu *c)
{
	cputime_to_idle();
	if (!smp_active())
		return;
	c->idle = true;
	cpus_idle++;
	current = NULL;
	mmu_deactivate();
}

static void idle_wait(void)
{
	if (!smp_active()) {
		asm volatile("wfi");
		return;
	}
	kernel_unlock();
	asm volatile("wfi");
	kernel_lock();
}

/* No thread is ready: idles until one is, and enters it. */
static void __attribute__((noinline, noreturn)) idle_then_run(struct cpu *c)
{
	struct thread *t = NULL;
	go_idle(c);
	while (!t) {
		if (deadlocked()) {
			printk("kernel: %u threads, all blocked for ever: stopping\n",
			       (unsigned)thread_count());
			machine_poweroff(DEADLOCK_EXIT_STATUS);
		}
		idle_wait();
		irq_dispatch();
		t = pick(c);
	}
	if (c->idle) {
		c->idle = false;
		cpus_idle--;
	}
	/* A thread woken meanwhile may have been recorded (sched_make_ready). */
	c->first_of_equals = NULL;
	switch_to(c, t);
}

/* Enters the first ready thread of the highest priority, which stays
 * queued. */
static inline __attribute__((always_inline, noreturn)) void run_first(struct cpu *c)
{
	struct thread *t = pick(c);
	if (__builtin_expect(!t, 0))
		idle_then_run(c);
	switch_to(c, t);
}

/* sched_return's running thread on no queue goes on unless a thread above
 * it is ready or one was put first among its equals (sched_make_ready);
 * it waits then where it was: first among its equals, or right behind
 * that thread. */
static void __attribute__((noinline, noreturn)) return_running(struct cpu *c, struct thread *cur)
{
	struct thread *first = c->first_of_equals;
	struct thread *t = pick(c);
	c->first_of_equals = NULL;
	if (first && first->queued && first->home == c && first->prio == cur->prio) {
		cur->rq_prev = first;
		cur->rq_next = first->rq_next;
		first->rq_next->rq_prev = cur;
		first->rq_next = cur;
		cur->queued = true;
	} else if (t && t->prio > cur->prio) {
		rq_insert(c, cur, true);
	} else {
		switch_to(c, cur);
	}
	run_first(c);
}

void sched_return(void)
{
	struct cpu *c = this_cpu();
	struct thread *cur = c->current_thread;
	if (cur && sched_runnable(cur) && !cur->queued)
		return_running(c, cur);
	c->first_of_equals = NULL;
	run_first(c);
}

void sched_return_blocked(void)
{
	run_first(this_cpu());
}

void sched_return_after_block(void)
{
	struct cpu *c = this_cpu();
	struct thread *t = pick(c);
	/* idle_then_run forgets a thread put first among the blocked
	 * thread's equals too. */
	if (__builtin_expect(!t, 0))
		idle_then_run(c);
	c->first_of_equals = NULL;
	switch_to(c, t);
}

void sched_yield(struct thread *cur)
{
	rotate(cur);
	if (!cur->queued)
		sched_return();
	run_first(this_cpu());
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
	if (this_cpu()->id == 0) {
		now_ms++;
		struct thread *t = sleepers;
		while (t) {
			struct thread *next = t->sleep_next;
			if (t->wakeup_ms <= now_ms)
				ipc_abort(t, -L4_ETIMEOUT);
			t = next;
		}
	}
	struct thread *cur = current;
	if (cur && sched_runnable(cur) && --cur->slice_left_ms == 0) {
		cur->slice_left_ms = cur->timeslice_ms;
		sched_rotate(cur);
	}
}

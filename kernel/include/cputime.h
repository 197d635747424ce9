/* cputime.h - per-thread CPU time accounting from the generic timer. */
#ifndef KERNEL_CPUTIME_H
#define KERNEL_CPUTIME_H

#include "cp15.h"
#include "thread.h"

/* While a thread is charged, its cpu_counts holds its total minus the count
 * at which its interval began, so its total is that plus the count now and a
 * switch is one add and one subtract. Idle time runs on a counter nobody
 * reads. Each processor has its own interval (struct cputime_state, cpu.h). */
#define cputime (this_cpu()->time)

/* *counter += delta (negate: -=) with one doubleword load and store: for the
 * Cortex-A15 GCC splits a 64-bit read-modify-write into four word accesses. */
static inline __attribute__((always_inline)) void cputime_add(uint64_t *counter, uint64_t delta)
{
	uint64_t value;

	asm volatile("ldrd %Q0, %R0, [%2]\n\tadds %Q0, %Q0, %Q1\n\tadc %R0, %R0, %R1\n\t"
		     "strd %Q0, %R0, [%2]" : "=&r"(value) : "r"(delta), "r"(counter) : "cc", "memory");
}

static inline __attribute__((always_inline)) void cputime_sub(uint64_t *counter, uint64_t delta)
{
	uint64_t value;

	asm volatile("ldrd %Q0, %R0, [%2]\n\tsubs %Q0, %Q0, %Q1\n\tsbc %R0, %R0, %R1\n\t"
		     "strd %Q0, %R0, [%2]" : "=&r"(value) : "r"(delta), "r"(counter) : "cc", "memory");
}

/* Unless next (a thread) is already charged: the interval running so far
 * goes to the thread it belonged to, and from now on the time goes to next.
 * Inline: the scheduler calls it at every switch. */
static inline __attribute__((always_inline)) void cputime_switch(struct thread *next)
{
	uint64_t now;

	if (next == cputime.charged)
		return;
	now = read_cntvct();
	cputime_add(cputime.counter, now);
	cputime_sub(&next->cpu_counts, now);
	cputime.charged = next;
	cputime.counter = &next->cpu_counts;
}
/* The processor goes idle: the interval so far is charged, the rest is nobody's. */
void cputime_to_idle(void);
/* t leaves its processor: its running interval there ends, charged to it. */
void cputime_release(struct thread *t);
/* t is being destroyed: its running interval goes to nobody. */
void cputime_forget(struct thread *t);
void sys_cpu_time(struct thread *caller);

#endif

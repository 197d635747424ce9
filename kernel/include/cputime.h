/* cputime.h - per-thread CPU time accounting from the generic timer. */
#ifndef KERNEL_CPUTIME_H
#define KERNEL_CPUTIME_H

#include "cp15.h"
#include "thread.h"

/* The thread the running interval belongs to (NULL while idle) and the
 * count when the interval began (cputime.c). */
extern struct thread *cputime_charged;
extern uint64_t cputime_since;

/* Unless next is already charged: the interval running so far goes to the
 * thread it belonged to, and from now on the time goes to next (NULL:
 * idle, nobody's). Inline: the scheduler calls it at every switch. */
static inline __attribute__((always_inline)) void cputime_switch(struct thread *next)
{
	uint64_t now;

	if (next == cputime_charged)
		return;
	now = read_cntvct();
	if (cputime_charged)
		cputime_charged->cpu_counts += now - cputime_since;
	cputime_charged = next;
	cputime_since = now;
}
/* t is being destroyed: its running interval goes to nobody. */
void cputime_forget(struct thread *t);
void sys_cpu_time(struct thread *caller);

#endif

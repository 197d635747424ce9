/* cputime.h - per-thread CPU time accounting from the generic timer. */
#ifndef KERNEL_CPUTIME_H
#define KERNEL_CPUTIME_H

#include "thread.h"

/* Unless next is already charged: the interval running so far goes to the
 * thread it belonged to, and from now on the time goes to next (NULL:
 * idle, nobody's). */
void cputime_switch(struct thread *next);
/* t is being destroyed: its running interval goes to nobody. */
void cputime_forget(struct thread *t);
void sys_cpu_time(struct thread *caller);

#endif

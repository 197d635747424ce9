/* sched.h - priority round-robin scheduling, time slices and timeouts. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "thread.h"

void sched_enqueue(struct thread *t, bool front);
void sched_dequeue(struct thread *t);
/* Makes a blocked thread runnable (it runs unless suspended). */
void sched_make_ready(struct thread *t, bool front);
/* A direct switch by IPC from the running thread `out`, now blocked, to
 * `in`, now ready: `in` takes out's place on the ready queues and runs. */
void sched_handoff(struct thread *out, struct thread *in) __attribute__((noreturn));
void sched_rotate(struct thread *t);
void sched_set_prio(struct thread *t, uint8_t prio);
/* Picks the thread to run, idling until there is one, and enters it. */
void sched_return(void) __attribute__((noreturn));
void sched_tick(void);
void sleep_start(struct thread *t, uint16_t timeout_ms);
void sleep_cancel(struct thread *t);

#endif

/* schedule.c - the schedule (priority, time slice) and yield system calls. */
#include "sched.h"
#include "space.h"
#include "syscall.h"

#define MAX_PRIO	255u
#define MAX_SLICE_MS	10000u

/* r0 tid, r1 priority, r2 time slice in ms (0 keeps it). */
void sys_schedule(struct thread *caller)
{
	struct thread *t = thread_lookup(caller->ctx.r[0]);
	uint32_t prio = caller->ctx.r[1], slice = caller->ctx.r[2];
	int result = 0;
	if (!t)
		result = -L4_ENOTHREAD;
	else if (!may_control(caller, t))
		result = -L4_EPERM;
	else if (prio > MAX_PRIO || slice > MAX_SLICE_MS ||
		 (!caller->space->privileged && prio > caller->prio))
		result = -L4_EINVAL;
	else {
		sched_set_prio(t, (uint8_t)prio);
		if (slice)
			t->timeslice_ms = t->slice_left_ms = slice;
	}
	set_result(caller, result);
}

void sys_yield(struct thread *caller)
{
	caller->slice_left_ms = caller->timeslice_ms;
	sched_rotate(caller);
	set_result(caller, 0);
}

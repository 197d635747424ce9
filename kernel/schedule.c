/* schedule.c - the schedule (priority, time slice, processor) and yield
 * system calls. */
#include "sched.h"
#include "smp.h"
#include "space.h"
#include "syscall.h"

#define MAX_PRIO	255u
#define MAX_SLICE_MS	10000u

static bool prio_allowed(const struct thread *caller, uint32_t prio)
{
	return prio == L4_SCHED_PRIO_KEEP ||
	       (prio <= MAX_PRIO && (caller->space->privileged || prio <= caller->prio));
}

/* r0 tid, r1 priority (L4_SCHED_PRIO_KEEP keeps it), r2 time slice in ms
 * (0 keeps it), r3 processor word (L4_SCHED_CPU_KEEP or L4_SCHED_CPU(n))
 * -> r0 result, r1 the processor the thread runs on now. */
void sys_schedule(struct thread *caller)
{
	struct thread *t = thread_lookup(caller->ctx.r[0]);
	uint32_t prio = caller->ctx.r[1], slice = caller->ctx.r[2], cpu = caller->ctx.r[3];
	int result = 0;
	if (!t)
		result = -L4_ENOTHREAD;
	else if (!may_control(caller, t))
		result = -L4_EPERM;
	else if (!prio_allowed(caller, prio) || slice > MAX_SLICE_MS || cpu > cpu_count)
		result = -L4_EINVAL;
	else {
		if (prio != L4_SCHED_PRIO_KEEP)
			sched_set_prio(t, (uint8_t)prio);
		if (slice)
			t->timeslice_ms = t->slice_left_ms = slice;
		if (cpu != L4_SCHED_CPU_KEEP && cpu_by_id(cpu - 1) != t->home) {
			smp_stop(t);
			sched_move(t, cpu_by_id(cpu - 1));
		}
		caller->ctx.r[1] = t->home->id;
	}
	set_result(caller, result);
}

void sys_yield(struct thread *caller)
{
	caller->slice_left_ms = caller->timeslice_ms;
	set_result(caller, 0);
	sched_yield(caller);
}

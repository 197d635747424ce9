/* cputime.c - per-thread CPU time: generic timer counts charged to the
 * thread that ran, at each scheduler switch, and read by CPU_TIME. */
#include "cputime.h"
#include "syscall.h"

/* The IPC fast path hands the processor over without stopping the interval
 * (that path stays as short as it was); the next switch, at the latest the
 * next tick's, charges it. */
struct thread *cputime_charged;
uint64_t cputime_since;

void cputime_forget(struct thread *t)
{
	if (cputime_charged == t)
		cputime_charged = NULL;
}

/* r0 tid -> r0 result, r1 and r2 the low and high words of the count. */
void sys_cpu_time(struct thread *caller)
{
	struct thread *t = thread_lookup(caller->ctx.r[0]);
	uint64_t counts;

	if (!t) {
		set_result(caller, -L4_ENOTHREAD);
		return;
	}
	if (!may_control(caller, t)) {
		set_result(caller, -L4_EPERM);
		return;
	}
	counts = t->cpu_counts;
	if (t == cputime_charged)
		counts += read_cntvct() - cputime_since;
	caller->ctx.r[1] = (uint32_t)counts;
	caller->ctx.r[2] = (uint32_t)(counts >> 32);
	set_result(caller, 0);
}

/* cputime.c - per-thread CPU time: generic timer counts charged to the
 * thread that ran, at each scheduler switch, and read by CPU_TIME. */
#include "cputime.h"
#include "syscall.h"

/* The IPC fast path hands the processor over without stopping the interval
 * (that path stays as short as it was); the next switch, at the latest the
 * next tick's, charges it. */
static uint64_t idle_counts;
struct cputime_state cputime = { NULL, &idle_counts };

void cputime_to_idle(void)
{
	if (!cputime.charged)
		return;
	cputime_add(cputime.counter, read_cntvct());
	cputime.charged = NULL;
	cputime.counter = &idle_counts;
}

void cputime_forget(struct thread *t)
{
	if (cputime.charged == t) {
		cputime.charged = NULL;
		cputime.counter = &idle_counts;
	}
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
	if (t == cputime.charged)
		counts += read_cntvct();
	caller->ctx.r[1] = (uint32_t)counts;
	caller->ctx.r[2] = (uint32_t)(counts >> 32);
	set_result(caller, 0);
}

/* cputime.c - per-thread CPU time: generic timer counts charged to the
 * thread that ran, at each scheduler switch, and read by CPU_TIME. */
#include "cputime.h"
#include "cp15.h"
#include "syscall.h"

/* The thread the running interval belongs to (NULL while idle) and the
 * count when the interval began. The IPC fast path hands the processor
 * over without stopping the interval (that path stays as short as it was);
 * the next switch, at the latest the next tick's, charges it. */
static struct thread *charged;
static uint64_t charged_since;

void cputime_switch(struct thread *next)
{
	uint64_t now;

	if (next == charged)
		return;
	now = read_cntvct();
	if (charged)
		charged->cpu_counts += now - charged_since;
	charged = next;
	charged_since = now;
}

void cputime_forget(struct thread *t)
{
	if (charged == t)
		charged = NULL;
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
	if (t == charged)
		counts += read_cntvct() - charged_since;
	caller->ctx.r[1] = (uint32_t)counts;
	caller->ctx.r[2] = (uint32_t)(counts >> 32);
	set_result(caller, 0);
}

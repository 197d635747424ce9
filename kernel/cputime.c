/* cputime.c - per-thread CPU time: generic timer counts charged to the
 * thread that ran, at each scheduler switch, and read by CPU_TIME. */
#include "cputime.h"
#include "syscall.h"

/* The IPC fast path hands the processor over without stopping the interval
 * (that path stays as short as it was); the next switch, at the latest the
 * next tick's, charges it. So a processor's charged thread may be one that
 * no longer runs there: a thread's interval is ended on the processor it
 * leaves (cputime_release) and forgotten on the one where it dies. */
static void end_interval(struct cpu *c, bool charge)
{
	if (charge)
		cputime_add(c->time.counter, read_cntvct());
	c->time.charged = NULL;
	c->time.counter = &c->idle_counts;
}

void cputime_to_idle(void)
{
	struct cpu *c = this_cpu();
	if (c->time.charged)
		end_interval(c, true);
}

void cputime_release(struct thread *t)
{
	if (t->home->time.charged == t)
		end_interval(t->home, true);
}

void cputime_forget(struct thread *t)
{
	if (t->home->time.charged == t)
		end_interval(t->home, false);
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
	if (t == t->home->time.charged)
		counts += read_cntvct();
	caller->ctx.r[1] = (uint32_t)counts;
	caller->ctx.r[2] = (uint32_t)(counts >> 32);
	set_result(caller, 0);
}

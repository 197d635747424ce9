/* timer.c - the 1 kHz scheduler tick from the generic virtual timer. */
#include "cp15.h"
#include "cpu.h"
#include "plat.h"

#define CNTV_ENABLE	1u
#define CNTKCTL_PL0VCTEN	(1u << 1)	/* user mode may read CNTVCT */

static uint32_t ticks_per_period;

/* The first whole multiple of the period after now. With several
 * processors every tick falls there, so all processors tick at the same
 * instant and agree on the tick's number (smp_pass_turn). */
static uint64_t next_period_boundary(uint64_t now)
{
	return (now / ticks_per_period + 1) * ticks_per_period;
}

/* Each processor has its own virtual timer (and interrupt, a PPI). */
void timer_init(void)
{
	struct cpu *c = this_cpu();
	ticks_per_period = read_cntfrq() / TICK_HZ;
	uint64_t now = read_cntvct();
	c->next_tick = smp_active() ? next_period_boundary(now) : now + ticks_per_period;
	write_cntv_cval(c->next_tick);
	write_cntv_ctl(CNTV_ENABLE);
	/* Clocks (clock_gettime) read the virtual counter without a system
	 * call; its timer registers stay privileged. */
	write_cntkctl(CNTKCTL_PL0VCTEN);
	gic_enable(plat.timer_irq);
}

void timer_rearm(void)
{
	struct cpu *c = this_cpu();
	uint64_t now = read_cntvct();
	c->next_tick += ticks_per_period;
	if (c->next_tick <= now)
		c->next_tick = smp_active() ? next_period_boundary(now) : now + ticks_per_period;
	write_cntv_cval(c->next_tick);
}

uint32_t timer_tick_number(void)
{
	return (uint32_t)(this_cpu()->next_tick / ticks_per_period);
}

uint32_t timer_frequency(void)
{
	return read_cntfrq();
}

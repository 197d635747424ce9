/* timer.c - the 1 kHz scheduler tick from the generic virtual timer. */
#include "cp15.h"
#include "cpu.h"
#include "plat.h"

#define CNTV_ENABLE	1u
#define CNTKCTL_PL0VCTEN	(1u << 1)	/* user mode may read CNTVCT */

static uint32_t ticks_per_period;

/* Each processor has its own virtual timer (and interrupt, a PPI). */
void timer_init(void)
{
	struct cpu *c = this_cpu();
	ticks_per_period = read_cntfrq() / TICK_HZ;
	c->next_tick = read_cntvct() + ticks_per_period;
	write_cntv_cval(c->next_tick);
	write_cntv_ctl(CNTV_ENABLE);
	/* Clocks (clock_gettime) read the virtual counter without a system
	 * call; its timer registers stay privileged. */
	write_cntkctl(CNTKCTL_PL0VCTEN);
	gic_enable(plat.timer_irq);
}

/* The first instant after now on the grid of ticks through tick. */
static uint64_t grid_after(uint64_t tick, uint64_t now)
{
	if (tick > now)
		return tick - (tick - now - 1) / ticks_per_period * ticks_per_period;
	return tick + ((now - tick) / ticks_per_period + 1) * ticks_per_period;
}

/* The grid is the boot processor's ticks: every processor's fall on the
 * same instants, so all agree on the tick's number (smp_pass_turn). */
void timer_keep_grid(void)
{
	struct cpu *c = this_cpu();
	uint64_t boot_tick = cpu_by_id(0)->next_tick;
	uint64_t apart = c->next_tick > boot_tick ? c->next_tick - boot_tick : boot_tick - c->next_tick;
	if (apart % ticks_per_period == 0)
		return;
	c->next_tick = grid_after(boot_tick, read_cntvct());
	write_cntv_cval(c->next_tick);
}

void timer_rearm(void)
{
	struct cpu *c = this_cpu();
	uint64_t now = read_cntvct();
	c->next_tick += ticks_per_period;
	if (c->next_tick <= now)
		c->next_tick = now + ticks_per_period;
	write_cntv_cval(c->next_tick);
}

/* Ticks on one grid have consecutive numbers, the same on every processor. */
uint32_t timer_tick_number(void)
{
	return (uint32_t)(this_cpu()->next_tick / ticks_per_period);
}

uint32_t timer_frequency(void)
{
	return read_cntfrq();
}

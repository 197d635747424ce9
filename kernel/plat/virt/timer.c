/* timer.c - the 1 kHz scheduler tick from the generic virtual timer. */
#include "cp15.h"
#include "plat.h"

#define CNTV_ENABLE	1u
#define CNTKCTL_PL0VCTEN	(1u << 1)	/* user mode may read CNTVCT */

static uint64_t next_deadline;
static uint32_t ticks_per_period;

void timer_init(void)
{
	ticks_per_period = read_cntfrq() / TICK_HZ;
	next_deadline = read_cntvct() + ticks_per_period;
	write_cntv_cval(next_deadline);
	write_cntv_ctl(CNTV_ENABLE);
	/* Clocks (clock_gettime) read the virtual counter without a system
	 * call; its timer registers stay privileged. */
	write_cntkctl(CNTKCTL_PL0VCTEN);
	gic_enable(plat.timer_irq);
}

void timer_rearm(void)
{
	uint64_t now = read_cntvct();
	next_deadline += ticks_per_period;
	if (next_deadline <= now)
		next_deadline = now + ticks_per_period;
	write_cntv_cval(next_deadline);
}

uint32_t timer_frequency(void)
{
	return read_cntfrq();
}

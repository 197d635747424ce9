/* clock_l4.c - file times on the target: the generic timer's virtual count
 * since boot, to which clock.c adds the real time at count 0 that mm0 sends
 * (set_boot_time), so files get libposix's CLOCK_REALTIME. Writes stamp
 * times, so the reading costs one division: the ticks left over become
 * nanoseconds by a multiplication with a scale worked out at start-up. */
#include <l4/kip.h>
#include "clock_l4.h"
#include "fs0_logic.h"

#define NSEC_PER_SEC	1000000000ull

static uint64_t timer_hz;
static uint64_t nsec_per_tick_q32;	/* nanoseconds per tick, times 2^32 */

static void read_virtual_clock(int64_t *sec, uint32_t *nsec)
{
	uint32_t low, high;
	asm volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(low), "=r"(high));
	uint64_t count = ((uint64_t)high << 32) | low;
	uint64_t seconds = count / timer_hz;
	uint64_t ticks = count - seconds * timer_hz;
	*sec = (int64_t)seconds;
	*nsec = (uint32_t)((ticks * nsec_per_tick_q32) >> 32);
}

/* ticks < timer_hz, so ticks * nsec_per_tick_q32 < 10^9 * 2^32: no overflow. */
void clock_l4_start(void)
{
	timer_hz = l4_kip()->timer_hz;
	nsec_per_tick_q32 = (NSEC_PER_SEC << 32) / timer_hz;
	fs_set_clock(read_virtual_clock);
}

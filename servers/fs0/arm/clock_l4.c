/* clock_l4.c - file times on the target: the generic timer's virtual count
 * since boot, the same clock libposix's CLOCK_REALTIME reads. */
#include <l4/kip.h>
#include "clock_l4.h"
#include "fs0_logic.h"

#define NSEC_PER_SEC	1000000000ull

static void read_virtual_clock(int64_t *sec, uint32_t *nsec)
{
	uint32_t low, high;
	asm volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(low), "=r"(high));
	uint64_t count = ((uint64_t)high << 32) | low;
	uint64_t hz = l4_kip()->timer_hz;
	*sec = (int64_t)(count / hz);
	*nsec = (uint32_t)((count % hz) * NSEC_PER_SEC / hz);
}

void clock_l4_start(void)
{
	fs_set_clock(read_virtual_clock);
}

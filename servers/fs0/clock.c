/* clock.c - the clock behind file times: a function the server's start-up
 * gives (the target reads the generic timer; host tests give their own). */
#include "clock.h"
#include "fs0_logic.h"

static void (*read_clock)(int64_t *sec, uint32_t *nsec);

void fs_set_clock(void (*now)(int64_t *sec, uint32_t *nsec))
{
	read_clock = now;
}

void clock_now(struct fs0_time *out)
{
	out->sec = 0;
	out->nsec = 0;
	if (read_clock)
		read_clock(&out->sec, &out->nsec);
}

/* clock.c - the clock behind file times: a function the server's start-up
 * gives (the target reads the generic timer; host tests give their own),
 * plus the real time at its count 0, which mm0 tells fs0 (set_boot_time). */
#include "clock.h"
#include "fs0_logic.h"

#define NSEC_PER_SEC	1000000000

static void (*read_clock)(int64_t *sec, uint32_t *nsec);
static struct fs0_time boot_time;

void fs_set_clock(void (*now)(int64_t *sec, uint32_t *nsec))
{
	read_clock = now;
}

/* Kept as seconds and nanoseconds below one second (a time before the epoch
 * too), so each reading adds it with one carry. */
void fs_set_boot_time(int64_t ns)
{
	int64_t sec = ns / NSEC_PER_SEC;
	int64_t nsec = ns % NSEC_PER_SEC;
	if (nsec < 0) {
		sec--;
		nsec += NSEC_PER_SEC;
	}
	boot_time.sec = sec;
	boot_time.nsec = (uint32_t)nsec;
}

void clock_now(struct fs0_time *out)
{
	out->sec = 0;
	out->nsec = 0;
	if (read_clock)
		read_clock(&out->sec, &out->nsec);
	out->sec += boot_time.sec;
	out->nsec += boot_time.nsec;
	if (out->nsec >= NSEC_PER_SEC) {
		out->sec++;
		out->nsec -= NSEC_PER_SEC;
	}
}

uint64_t clock_uptime_ms(void)
{
	int64_t sec = 0;
	uint32_t nsec = 0;
	if (read_clock)
		read_clock(&sec, &nsec);
	return (uint64_t)sec * 1000u + nsec / 1000000u;
}

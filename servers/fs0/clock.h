/* clock.h - the time fs0 stamps on files (clock.c): the clock the target
 * sets at start-up (fs_set_clock) plus the real time at its zero that mm0
 * tells (fs_set_boot_time); the epoch while neither is set. */
#ifndef FS0_CLOCK_H
#define FS0_CLOCK_H

#include <stdint.h>

/* A time as stat gives it: seconds and nanoseconds since the epoch. */
struct fs0_time {
	int64_t sec;
	uint32_t nsec;
};

void clock_now(struct fs0_time *out);
/* Milliseconds on the clock alone, without the boot time mm0 may change:
 * what poll's timeouts are measured on. */
uint64_t clock_uptime_ms(void);

#endif

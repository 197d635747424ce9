/* time.c - clocks, sleeping and yielding. Time is the generic timer's
 * virtual count; a sleep is a receive from ourselves (nobody can send to
 * us that way) with a timeout in whole milliseconds, never shorter than asked. */
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include <l4/kip.h>
#include <l4/syscalls.h>

#include "internal.h"

#define NSEC_PER_SEC	1000000000ull
#define NSEC_PER_MSEC	1000000ull
#define LONGEST_WAIT_MS	0xfffeu

static uint64_t virtual_count(void)
{
	uint32_t low, high;

	asm volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(low), "=r"(high));
	return ((uint64_t)high << 32) | low;
}

int clock_gettime(clockid_t clock, struct timespec *now)
{
	uint64_t hz = l4_kip()->timer_hz, count;
	struct timespec reading;

	if (clock != CLOCK_MONOTONIC && clock != CLOCK_REALTIME)
		return posix_error(EINVAL);
	count = virtual_count();
	reading.tv_sec = (time_t)(count / hz);
	reading.tv_nsec = (long)((count % hz) * NSEC_PER_SEC / hz);
	return posix_copy(now, &reading, sizeof(reading)) ? posix_error(EFAULT) : 0;
}

int clock_getres(clockid_t clock, struct timespec *resolution)
{
	uint64_t hz = l4_kip()->timer_hz;

	if (clock != CLOCK_MONOTONIC && clock != CLOCK_REALTIME)
		return posix_error(EINVAL);
	if (resolution) {
		resolution->tv_sec = 0;
		resolution->tv_nsec = (long)((NSEC_PER_SEC + hz - 1) / hz);
	}
	return 0;
}

int nanosleep(const struct timespec *request, struct timespec *remaining)
{
	struct timespec asked, left = { 0 };
	uint64_t ms;

	posix_cancellation_point();
	if (posix_copy(&asked, request, sizeof(asked)))
		return posix_error(EFAULT);
	if (asked.tv_nsec < 0 || asked.tv_nsec >= (long)NSEC_PER_SEC || asked.tv_sec < 0)
		return posix_error(EINVAL);
	ms = (uint64_t)asked.tv_sec * 1000 +
	     ((uint64_t)asked.tv_nsec + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC;
	while (ms) {
		uint32_t wait = ms > LONGEST_WAIT_MS ? LONGEST_WAIT_MS : (uint32_t)ms;
		uint64_t start = virtual_count(), hz = l4_kip()->timer_hz, slept;

		if (l4_receive(l4_myself(), L4_TIMEOUTS(L4_TIMEOUT_NEVER, wait), 0) ==
		    -L4_ECANCELED) {
			/* A signal handler ran (mm0 cancelled the wait): EINTR, with what is left. */
			slept = (virtual_count() - start) * 1000 / hz;
			ms -= slept < wait ? slept : wait;
			left.tv_sec = (time_t)(ms / 1000);
			left.tv_nsec = (long)(ms % 1000) * (long)NSEC_PER_MSEC;
			if (remaining && posix_copy(remaining, &left, sizeof(left)))
				return posix_error(EFAULT);
			return posix_error(EINTR);
		}
		ms -= wait;
	}
	if (remaining && posix_copy(remaining, &left, sizeof(left)))
		return posix_error(EFAULT);
	return 0;
}

unsigned sleep(unsigned seconds)
{
	struct timespec request = { .tv_sec = seconds, .tv_nsec = 0 }, left;

	if (nanosleep(&request, &left))
		return (unsigned)left.tv_sec + (left.tv_nsec ? 1 : 0);
	return 0;
}

int usleep(useconds_t microseconds)
{
	struct timespec request = { .tv_sec = microseconds / 1000000,
				    .tv_nsec = (long)(microseconds % 1000000) * 1000 };

	return nanosleep(&request, 0);
}

int sched_yield(void)
{
	l4_yield();
	return 0;
}

/* time.c - clocks, sleeping and yielding. Time is the generic timer's
 * virtual count; a sleep is a receive from ourselves (nobody can send to
 * us that way) with a timeout in whole milliseconds, until the count says
 * the asked time has passed: never shorter than asked. */
#include <sched.h>
#include <stdbool.h>
#include <time.h>
#include <unistd.h>

#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>

#include "internal.h"
#include "mm0.h"

#define NSEC_PER_SEC	1000000000ull
#define LONGEST_WAIT_MS	0xfffeu

static uint64_t virtual_count(void)
{
	uint32_t low, high;

	asm volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(low), "=r"(high));
	return ((uint64_t)high << 32) | low;
}

/* CLOCK_REALTIME is the count plus the real time at count 0, which mm0 read
 * from the board's clock at boot: asked once per program, kept after. */
static int64_t boot_time_ns;
static volatile bool boot_time_known;

static int64_t realtime_offset_ns(void)
{
	int64_t ns;

	if (!boot_time_known && mm_boot_time(posix_mm0(), &ns) == 0) {
		boot_time_ns = ns;
		boot_time_known = true;
	}
	return boot_time_known ? boot_time_ns : 0;
}

static uint64_t counts_to_ns(uint64_t counts)
{
	uint64_t hz = l4_kip()->timer_hz;

	return counts / hz * NSEC_PER_SEC + counts % hz * NSEC_PER_SEC / hz;
}

static void ns_to_timespec(int64_t ns, struct timespec *out)
{
	out->tv_sec = (time_t)(ns / (int64_t)NSEC_PER_SEC);
	out->tv_nsec = (long)(ns % (int64_t)NSEC_PER_SEC);
	if (out->tv_nsec < 0) {
		out->tv_sec--;
		out->tv_nsec += (long)NSEC_PER_SEC;
	}
}

/* The clock's reading in nanoseconds, or -errno. The monotonic family (Linux's
 * RAW, COARSE and BOOTTIME included: nothing here slews, the tick needs no
 * coarse reading, and the counter runs through nothing like a suspend) is the
 * generic timer's count; the CPU-time clocks are the kernel's accounting. */
static int clock_read(clockid_t clock, int64_t *ns)
{
	uint64_t counts, cpu_ns;
	long answer;

	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
		*ns = (int64_t)counts_to_ns(virtual_count()) + realtime_offset_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		*ns = (int64_t)counts_to_ns(virtual_count());
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
		if (l4_cpu_time(l4_myself(), &counts))
			return -EINVAL;
		*ns = (int64_t)counts_to_ns(counts);
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
		answer = mm_cpu_time(posix_mm0(), MM0_CPU_SELF, &cpu_ns);
		if (answer < 0)
			return (int)answer;
		*ns = (int64_t)cpu_ns;
		return 0;
	default:
		return -EINVAL;
	}
}

int clock_gettime(clockid_t clock, struct timespec *now)
{
	struct timespec reading;
	int64_t ns;
	int err = clock_read(clock, &ns);

	if (err)
		return posix_error(-err);
	ns_to_timespec(ns, &reading);
	return posix_copy(now, &reading, sizeof(reading)) ? posix_error(EFAULT) : 0;
}

/* Every clock counts the generic timer: one count is its resolution. */
int clock_getres(clockid_t clock, struct timespec *resolution)
{
	uint64_t hz = l4_kip()->timer_hz;
	struct timespec one_count = { 0, (long)((NSEC_PER_SEC + hz - 1) / hz) };
	int64_t ns;
	int err = clock_read(clock, &ns);

	if (err)
		return posix_error(-err);
	if (resolution && posix_copy(resolution, &one_count, sizeof(one_count)))
		return posix_error(EFAULT);
	return 0;
}

/* POSIX: the processor time the program used, CLOCKS_PER_SEC a second. */
clock_t clock(void)
{
	int64_t ns;

	if (clock_read(CLOCK_PROCESS_CPUTIME_ID, &ns))
		return (clock_t)-1;
	return (clock_t)((uint64_t)ns / (NSEC_PER_SEC / CLOCKS_PER_SEC));
}

/* Sleeps until the generic timer's count reaches deadline, in receives from ourselves of
 * at most LONGEST_WAIT_MS each: 0, or -EINTR once a signal handler ran (mm0 cancelled
 * the receive) or a pthread_cancel cut the sleep short. */
static int sleep_until(uint64_t deadline)
{
	uint64_t counts_per_ms = l4_kip()->timer_hz / 1000, now;

	while ((now = virtual_count()) < deadline) {
		uint64_t ms = (deadline - now + counts_per_ms - 1) / counts_per_ms;
		uint32_t wait = ms > LONGEST_WAIT_MS ? LONGEST_WAIT_MS : (uint32_t)ms;

		if (l4_receive(l4_myself(), L4_TIMEOUTS(L4_TIMEOUT_NEVER, wait), 0) ==
		    -L4_ECANCELED)
			return -EINTR;
	}
	return 0;
}

static uint64_t ns_to_counts_up(uint64_t ns)
{
	uint64_t hz = l4_kip()->timer_hz;

	return ns / NSEC_PER_SEC * hz + ((ns % NSEC_PER_SEC) * hz + NSEC_PER_SEC - 1) / NSEC_PER_SEC;
}

/* POSIX: answers an error number, not -1 with errno. A sleep on CLOCK_REALTIME waits on
 * the count too: that clock is the count plus a constant here (nothing sets it). The
 * CPU-time clocks cannot be slept on (Linux: EINVAL for a thread's, ENOTSUP here for both). */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request,
		    struct timespec *remaining)
{
	struct timespec asked, left = { 0 };
	int64_t now_ns, asked_ns;
	uint64_t deadline;
	int err;

	if (clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID)
		return ENOTSUP;
	err = clock_read(clock, &now_ns);
	if (err)
		return -err;
	if (posix_copy(&asked, request, sizeof(asked)) ||
	    (remaining && posix_probe_write(remaining, sizeof(*remaining))))
		return EFAULT;
	if (asked.tv_nsec < 0 || asked.tv_nsec >= (long)NSEC_PER_SEC || asked.tv_sec < 0 ||
	    (flags & ~TIMER_ABSTIME))
		return EINVAL;
	asked_ns = (int64_t)asked.tv_sec * (int64_t)NSEC_PER_SEC + asked.tv_nsec;
	if (flags & TIMER_ABSTIME)
		asked_ns = asked_ns > now_ns ? asked_ns - now_ns : 0;
	deadline = virtual_count() + ns_to_counts_up((uint64_t)asked_ns);
	posix_cancel_begin();
	if (!posix_cancel_end(sleep_until(deadline)))
		return 0;
	/* Only a relative sleep tells what is left; an absolute one is simply asked again. */
	if (!(flags & TIMER_ABSTIME) && remaining) {
		uint64_t now = virtual_count();

		ns_to_timespec(now < deadline ? (int64_t)counts_to_ns(deadline - now) : 0, &left);
		if (posix_copy(remaining, &left, sizeof(left)))
			return EFAULT;
	}
	return EINTR;
}

int nanosleep(const struct timespec *request, struct timespec *remaining)
{
	int err = clock_nanosleep(CLOCK_MONOTONIC, 0, request, remaining);

	return err ? posix_error(err) : 0;
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

/* t_time.c - clocks: clock_gettime over the generic timer, its resolution,
 * sleeps that last at least as long as asked, and bad arguments. */
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

static long long nanoseconds(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static long long monotonic_now(void)
{
	struct timespec now = { -1, -1 };

	if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
		return -1;
	return nanoseconds(&now);
}

static void clock_reads(void)
{
	struct timespec now = { -1, -1 }, resolution = { -1, -1 };
	long long first, second;

	CHECK_EQ("clock_gettime(CLOCK_MONOTONIC) succeeds", 0, clock_gettime(CLOCK_MONOTONIC, &now));
	CHECK("its nanoseconds are in range", now.tv_nsec >= 0 && now.tv_nsec < 1000000000L);
	CHECK("it counts from boot: positive, under an hour", nanoseconds(&now) > 0 &&
	      now.tv_sec < 3600);
	CHECK_EQ("clock_gettime(CLOCK_REALTIME) succeeds", 0, clock_gettime(CLOCK_REALTIME, &now));
	first = monotonic_now();
	for (volatile int spin = 0; spin < 100000; spin++)
		continue;
	second = monotonic_now();
	CHECK("the monotonic clock moves forward while we compute", first > 0 && second > first);
	CHECK_EQ("clock_getres succeeds", 0, clock_getres(CLOCK_MONOTONIC, &resolution));
	CHECK("the resolution is the timer's period: 16 ns at 62.5 MHz",
	      resolution.tv_sec == 0 && resolution.tv_nsec == 16);
}

static void sleeps_last(void)
{
	const struct timespec ten_ms = { 0, 10000000 };
	long long before = monotonic_now(), after;

	CHECK_EQ("nanosleep(10 ms) succeeds", 0, nanosleep(&ten_ms, NULL));
	after = monotonic_now();
	CHECK("nanosleep(10 ms) lasts at least 10 ms, at most 1 s",
	      after - before >= 10000000LL && after - before < 1000000000LL);
	before = monotonic_now();
	CHECK_EQ("sleep(1) returns 0", 0, sleep(1));
	after = monotonic_now();
	CHECK("sleep(1) lasts at least a second", after - before >= 1000000000LL);
}

static void bad_arguments(void)
{
	const struct timespec negative = { 0, -1 }, too_many_ns = { 0, 1000000000L };
	struct timespec now;

	errno = 0;
	CHECK("clock_gettime of an unknown clock gives EINVAL",
	      clock_gettime((clockid_t)99, &now) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("clock_gettime with no result pointer gives EFAULT",
	      clock_gettime(CLOCK_MONOTONIC, NULL) == -1 && errno == EFAULT);
	errno = 0;
	CHECK("nanosleep with negative nanoseconds gives EINVAL",
	      nanosleep(&negative, NULL) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("nanosleep with a billion nanoseconds gives EINVAL",
	      nanosleep(&too_many_ns, NULL) == -1 && errno == EINVAL);
}

void test_time(void)
{
	clock_reads();
	sleeps_last();
	bad_arguments();
}

/* t_clocks.c - every clock time.h names, CPU time (the kernel's per-thread
 * accounting summed by mm0) through the CPU-time clocks, getrusage, times,
 * clock, wait3 and wait4, and the real time that starts from the board's RTC. */
#include <errno.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

#define NSEC_PER_MSEC	1000000LL
#define NSEC_PER_SEC	1000000000LL
/* 2024-01-01T00:00:00Z: a real-time clock that starts at 1970 is far below. */
#define YEAR_2024	1704067200LL

static long long ns_of(const struct timespec *t)
{
	return (long long)t->tv_sec * NSEC_PER_SEC + t->tv_nsec;
}

static long long read_ns(clockid_t clock)
{
	struct timespec now = { -1, -1 };

	return clock_gettime(clock, &now) == 0 ? ns_of(&now) : -1;
}

static long long usage_ns(const struct rusage *usage)
{
	return ((long long)usage->ru_utime.tv_sec + usage->ru_stime.tv_sec) * NSEC_PER_SEC +
	       ((long long)usage->ru_utime.tv_usec + usage->ru_stime.tv_usec) * 1000;
}

/* Computes until the monotonic clock has moved ms milliseconds. */
static void spin_ms(long long ms)
{
	long long until = read_ns(CLOCK_MONOTONIC) + ms * NSEC_PER_MSEC;

	while (read_ns(CLOCK_MONOTONIC) < until)
		continue;
}

static void every_clock_reads(void)
{
	static const struct {
		clockid_t id;
		const char *name;
	} clocks[] = {
		{ CLOCK_REALTIME, "CLOCK_REALTIME" },
		{ CLOCK_REALTIME_COARSE, "CLOCK_REALTIME_COARSE" },
		{ CLOCK_MONOTONIC, "CLOCK_MONOTONIC" },
		{ CLOCK_MONOTONIC_RAW, "CLOCK_MONOTONIC_RAW" },
		{ CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE" },
		{ CLOCK_BOOTTIME, "CLOCK_BOOTTIME" },
		{ CLOCK_PROCESS_CPUTIME_ID, "CLOCK_PROCESS_CPUTIME_ID" },
		{ CLOCK_THREAD_CPUTIME_ID, "CLOCK_THREAD_CPUTIME_ID" },
	};
	char name[96];
	struct timespec now, resolution;

	for (unsigned i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		now.tv_sec = resolution.tv_sec = -1;
		snprintf(name, sizeof(name), "clock_gettime(%s) reads a time", clocks[i].name);
		CHECK(name, clock_gettime(clocks[i].id, &now) == 0 && now.tv_sec >= 0 &&
		      now.tv_nsec >= 0 && now.tv_nsec < NSEC_PER_SEC);
		snprintf(name, sizeof(name), "clock_getres(%s) is one timer count", clocks[i].name);
		CHECK(name, clock_getres(clocks[i].id, &resolution) == 0 &&
		      resolution.tv_sec == 0 && resolution.tv_nsec == 16);
	}
	errno = 0;
	CHECK("clock_gettime of an unknown clock is EINVAL",
	      clock_gettime((clockid_t)77, &now) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("clock_getres of an unknown clock is EINVAL",
	      clock_getres((clockid_t)77, &resolution) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("clock_gettime into a bad pointer is EFAULT",
	      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, (struct timespec *)8) == -1 && errno == EFAULT);
	CHECK_EQ("clock_getres with no buffer succeeds", 0, clock_getres(CLOCK_THREAD_CPUTIME_ID, NULL));
	CHECK("sysconf(_SC_CPUTIME) and _SC_THREAD_CPUTIME say the clocks are there",
	      sysconf(_SC_CPUTIME) > 0 && sysconf(_SC_THREAD_CPUTIME) > 0);
	CHECK("sysconf(_SC_MONOTONIC_CLOCK) says the monotonic clock is there",
	      sysconf(_SC_MONOTONIC_CLOCK) > 0);
}

static void real_time_from_the_rtc(void)
{
	struct timeval tv = { -1, -1 };
	long long real = read_ns(CLOCK_REALTIME);
	time_t seconds = time(NULL);

	CHECK("CLOCK_REALTIME starts from the RTC: after 2024, not at 1970",
	      real / NSEC_PER_SEC >= YEAR_2024);
	CHECK("CLOCK_REALTIME moves with CLOCK_MONOTONIC: their difference holds within 1 ms",
	      llabs((read_ns(CLOCK_REALTIME) - read_ns(CLOCK_MONOTONIC)) -
		    (real - read_ns(CLOCK_MONOTONIC))) < NSEC_PER_MSEC);
	CHECK("time() agrees with CLOCK_REALTIME", llabs((long long)seconds - real / NSEC_PER_SEC) <= 1);
	CHECK("gettimeofday agrees with CLOCK_REALTIME",
	      gettimeofday(&tv, NULL) == 0 && llabs((long long)tv.tv_sec - real / NSEC_PER_SEC) <= 1 &&
	      tv.tv_usec >= 0 && tv.tv_usec < 1000000);
}

static void cpu_time_counts_work_not_sleep(void)
{
	const struct timespec twenty_ms = { 0, 20 * NSEC_PER_MSEC };
	long long process = read_ns(CLOCK_PROCESS_CPUTIME_ID), thread = read_ns(CLOCK_THREAD_CPUTIME_ID);
	long long process_spun, thread_spun;
	clock_t ticks = clock();

	spin_ms(30);
	process_spun = read_ns(CLOCK_PROCESS_CPUTIME_ID) - process;
	thread_spun = read_ns(CLOCK_THREAD_CPUTIME_ID) - thread;
	CHECK("30 ms of computing adds 25..35 ms to CLOCK_PROCESS_CPUTIME_ID",
	      process_spun >= 25 * NSEC_PER_MSEC && process_spun <= 35 * NSEC_PER_MSEC);
	CHECK("and to CLOCK_THREAD_CPUTIME_ID",
	      thread_spun >= 25 * NSEC_PER_MSEC && thread_spun <= 35 * NSEC_PER_MSEC);
	CHECK("clock() moves by about the same, CLOCKS_PER_SEC a second",
	      CLOCKS_PER_SEC == 1000000 && clock() - ticks >= 25000 && clock() - ticks <= 40000);
	process = read_ns(CLOCK_PROCESS_CPUTIME_ID);
	nanosleep(&twenty_ms, NULL);
	CHECK("20 ms asleep adds under 2 ms to CLOCK_PROCESS_CPUTIME_ID",
	      read_ns(CLOCK_PROCESS_CPUTIME_ID) - process < 2 * NSEC_PER_MSEC);
}

static void getrusage_and_times(void)
{
	struct rusage self = { 0 }, thread = { 0 }, children = { 0 };
	struct tms tms = { 0 };
	long long process_ns = read_ns(CLOCK_PROCESS_CPUTIME_ID);
	clock_t elapsed;

	CHECK_EQ("getrusage(RUSAGE_SELF) succeeds", 0, getrusage(RUSAGE_SELF, &self));
	CHECK("its time is the process's CPU clock",
	      llabs(usage_ns(&self) - process_ns) < 2 * NSEC_PER_MSEC && usage_ns(&self) > 0);
	CHECK_EQ("getrusage(RUSAGE_THREAD) succeeds", 0, getrusage(RUSAGE_THREAD, &thread));
	CHECK("a thread's time is at most its process's", usage_ns(&thread) > 0 &&
	      usage_ns(&thread) <= usage_ns(&self) + NSEC_PER_MSEC);
	CHECK_EQ("getrusage(RUSAGE_CHILDREN) succeeds", 0, getrusage(RUSAGE_CHILDREN, &children));
	errno = 0;
	CHECK("getrusage(5) is EINVAL", getrusage(5, &self) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("getrusage into a bad pointer is EFAULT",
	      getrusage(RUSAGE_SELF, (struct rusage *)8) == -1 && errno == EFAULT);
	elapsed = times(&tms);
	CHECK("times() counts the elapsed time in sysconf(_SC_CLK_TCK) ticks",
	      sysconf(_SC_CLK_TCK) == 1000 &&
	      llabs((long long)elapsed - read_ns(CLOCK_MONOTONIC) / NSEC_PER_MSEC) <= 2);
	CHECK("times(NULL) gives the elapsed ticks alone, as Linux's",
	      (long long)times(NULL) - (long long)elapsed >= 0 &&
	      (long long)times(NULL) - (long long)elapsed <= 2);
	CHECK("times() gives the process's CPU time in ticks",
	      llabs((long long)tms.tms_utime + tms.tms_stime - usage_ns(&self) / NSEC_PER_MSEC) <= 3);
	CHECK("and its reaped children's as getrusage(RUSAGE_CHILDREN) does",
	      llabs((long long)tms.tms_cutime + tms.tms_cstime -
		    usage_ns(&children) / NSEC_PER_MSEC) <= 1);
}

static int busy_child(void)
{
	spin_ms(40);
	return 7;
}

static void wait4_reports_the_child(void)
{
	struct rusage before = { 0 }, after = { 0 }, child_usage = { 0 };
	int status = 0;
	pid_t child;

	getrusage(RUSAGE_CHILDREN, &before);
	child = fork();
	if (child == 0)
		_exit(busy_child());
	CHECK_EQ("wait4 reaps the child", child, wait4(child, &status, 0, &child_usage));
	CHECK("with its status", WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK("and its 40 ms of CPU time", usage_ns(&child_usage) >= 35 * NSEC_PER_MSEC &&
	      usage_ns(&child_usage) <= 60 * NSEC_PER_MSEC);
	getrusage(RUSAGE_CHILDREN, &after);
	/* Each of the three readings is cut to a microsecond. */
	CHECK("RUSAGE_CHILDREN grew by what wait4 reported",
	      llabs(usage_ns(&after) - usage_ns(&before) - usage_ns(&child_usage)) < 3000);
	child = fork();
	if (child == 0)
		_exit(busy_child());
	CHECK_EQ("wait3 reaps a child too", child, wait3(&status, 0, &child_usage));
	CHECK("with its CPU time", usage_ns(&child_usage) >= 35 * NSEC_PER_MSEC);
	errno = 0;
	CHECK("wait4 with no child left is ECHILD", wait4(-1, &status, WNOHANG, &child_usage) == -1 &&
	      errno == ECHILD);
}

void test_clocks(void)
{
	every_clock_reads();
	real_time_from_the_rtc();
	cpu_time_counts_work_not_sleep();
	getrusage_and_times();
	wait4_reports_the_child();
}

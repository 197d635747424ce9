/* rusage.c - getrusage and times: CPU time that the kernel counts per thread
 * and mm0 sums per process and over reaped children (docs/libposix.md). */
#include <string.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "mm0.h"
#include "rusage_internal.h"

#define NSEC_PER_USEC	1000u
#define USEC_PER_SEC	1000000u
/* times()'s unit, sysconf(_SC_CLK_TCK): one 1 kHz tick. */
#define TICKS_PER_SEC	1000u
#define NSEC_PER_TICK	1000000u

_Static_assert(RUSAGE_SELF == MM0_CPU_SELF && RUSAGE_CHILDREN == MM0_CPU_CHILDREN &&
	       RUSAGE_THREAD == MM0_CPU_THREAD, "getrusage's who goes to mm0 unchanged");

static long cpu_ns(int who, uint64_t *ns)
{
	return mm_cpu_time(posix_mm0(), who, ns);
}

void posix_rusage_fill(uint64_t ns, struct rusage *usage)
{
	memset(usage, 0, sizeof(*usage));
	usage->ru_utime.tv_sec = (time_t)(ns / NSEC_PER_USEC / USEC_PER_SEC);
	usage->ru_utime.tv_usec = (suseconds_t)(ns / NSEC_PER_USEC % USEC_PER_SEC);
}

int getrusage(int who, struct rusage *usage)
{
	struct rusage reading;
	uint64_t ns;
	long answer;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return posix_error(EINVAL);
	answer = cpu_ns(who, &ns);
	if (answer < 0)
		return (int)posix_result(answer);
	posix_rusage_fill(ns, &reading);
	return posix_copy(usage, &reading, sizeof(reading)) ? posix_error(EFAULT) : 0;
}

/* The result is the elapsed time in ticks since boot, as Linux's is since
 * some point in the past. */
clock_t times(struct tms *buffer)
{
	struct timespec now;
	struct tms reading = { 0 };
	uint64_t self_ns, children_ns;
	long answer = cpu_ns(MM0_CPU_SELF, &self_ns);

	if (answer >= 0)
		answer = cpu_ns(MM0_CPU_CHILDREN, &children_ns);
	if (answer < 0)
		return (clock_t)posix_result(answer);
	reading.tms_utime = (clock_t)(self_ns / NSEC_PER_TICK);
	reading.tms_cutime = (clock_t)(children_ns / NSEC_PER_TICK);
	/* Linux takes a NULL buffer and returns the elapsed time alone. */
	if (buffer && posix_copy(buffer, &reading, sizeof(reading)))
		return (clock_t)posix_error(EFAULT);
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (clock_t)((uint64_t)now.tv_sec * TICKS_PER_SEC + (uint64_t)now.tv_nsec / NSEC_PER_TICK);
}

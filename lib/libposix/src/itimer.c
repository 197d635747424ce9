/* itimer.c - setitimer and getitimer: mm0's three interval timers per process (alarm
 * is ITIMER_REAL's); times travel in nanoseconds (docs/signals.md, "Timers"). */
#include <sys/time.h>

#include "internal.h"
#include "mm0.h"

#define NSEC_PER_USEC	1000ll
#define USEC_PER_SEC	1000000ll

static int64_t timeval_ns(const struct timeval *time)
{
	return ((int64_t)time->tv_sec * USEC_PER_SEC + time->tv_usec) * NSEC_PER_USEC;
}

/* Rounded up: a timer with less than a microsecond left still runs. */
static struct timeval ns_timeval(int64_t ns)
{
	int64_t usec = (ns + NSEC_PER_USEC - 1) / NSEC_PER_USEC;
	struct timeval time = { (time_t)(usec / USEC_PER_SEC), (suseconds_t)(usec % USEC_PER_SEC) };

	return time;
}

static bool timeval_valid(const struct timeval *time)
{
	return time->tv_sec >= 0 && time->tv_usec >= 0 && time->tv_usec < USEC_PER_SEC;
}

/* Asks or changes (new_value) which's timer; the old setting to old_value. */
static int itimer(int which, const struct itimerval *new_value, struct itimerval *old_value)
{
	struct itimerval asked = { 0 }, before;
	int64_t old_ns, old_interval_ns;
	long answer;

	if (new_value && posix_copy(&asked, new_value, sizeof(asked)))
		return posix_error(EFAULT);
	if (!timeval_valid(&asked.it_value) || !timeval_valid(&asked.it_interval))
		return posix_error(EINVAL);
	answer = mm_setitimer(posix_mm0(), which, new_value != NULL, timeval_ns(&asked.it_value),
			      timeval_ns(&asked.it_interval), &old_ns, &old_interval_ns);
	if (answer < 0)
		return (int)posix_result(answer);
	before.it_value = ns_timeval(old_ns);
	before.it_interval = ns_timeval(old_interval_ns);
	if (old_value && posix_copy(old_value, &before, sizeof(before)))
		return posix_error(EFAULT);
	return 0;
}

int setitimer(int which, const struct itimerval *restrict new_value,
	      struct itimerval *restrict old_value)
{
	if (!new_value)
		return posix_error(EFAULT);
	return itimer(which, new_value, old_value);
}

int getitimer(int which, struct itimerval *value)
{
	if (!value)
		return posix_error(EFAULT);
	return itimer(which, NULL, value);
}

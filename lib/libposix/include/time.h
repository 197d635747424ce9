/* time.h - the C library's time.h plus what it declares only for systems
 * with POSIX timers: every clock libposix reads (picolibc's numbers, some
 * of which it shows only to GNU programs), clock_gettime, nanosleep,
 * clock_nanosleep and the POSIX timers,
 * and CLOCKS_PER_SEC as XSI and Linux fix it. */
#ifndef _LIBPOSIX_TIME_H
#define _LIBPOSIX_TIME_H

#include_next <time.h>

#ifndef CLOCK_REALTIME_COARSE
#define CLOCK_REALTIME_COARSE	((clockid_t)0)
#endif
#ifndef CLOCK_PROCESS_CPUTIME_ID
#define CLOCK_PROCESS_CPUTIME_ID	((clockid_t)2)
#endif
#ifndef CLOCK_THREAD_CPUTIME_ID
#define CLOCK_THREAD_CPUTIME_ID	((clockid_t)3)
#endif
#ifndef CLOCK_MONOTONIC
#define CLOCK_MONOTONIC		((clockid_t)4)
#endif
#ifndef CLOCK_MONOTONIC_RAW
#define CLOCK_MONOTONIC_RAW	((clockid_t)5)
#endif
#ifndef CLOCK_MONOTONIC_COARSE
#define CLOCK_MONOTONIC_COARSE	((clockid_t)6)
#endif
#ifndef CLOCK_BOOTTIME
#define CLOCK_BOOTTIME		((clockid_t)7)
#endif
#ifndef CLOCK_REALTIME_ALARM
#define CLOCK_REALTIME_ALARM	((clockid_t)8)
#endif
#ifndef CLOCK_BOOTTIME_ALARM
#define CLOCK_BOOTTIME_ALARM	((clockid_t)9)
#endif

/* picolibc's ARM value is 100; clock() here counts microseconds. CLK_TCK,
 * the old name of times()'s unit, is sysconf(_SC_CLK_TCK): the 1 kHz tick. */
#undef CLOCKS_PER_SEC
#define CLOCKS_PER_SEC		((clock_t)1000000)
#undef CLK_TCK
#define CLK_TCK			((clock_t)1000)

#if !defined(_POSIX_TIMERS)
#include <signal.h>
#ifdef __cplusplus
extern "C" {
#endif
int clock_gettime(clockid_t clock, struct timespec *now);
int clock_getres(clockid_t clock, struct timespec *resolution);
int nanosleep(const struct timespec *request, struct timespec *remaining);
/* The POSIX timers (src/timer.c); TIMER_ABSTIME is picolibc's. */
int timer_create(clockid_t clock, struct sigevent *restrict event, timer_t *restrict timer);
int timer_delete(timer_t timer);
int timer_settime(timer_t timer, int flags, const struct itimerspec *restrict value,
		  struct itimerspec *restrict old);
int timer_gettime(timer_t timer, struct itimerspec *value);
int timer_getoverrun(timer_t timer);
#ifdef __cplusplus
}
#endif
#endif
#if !defined(_POSIX_CLOCK_SELECTION)
#ifdef __cplusplus
extern "C" {
#endif
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request,
		    struct timespec *remaining);
#ifdef __cplusplus
}
#endif
#endif

#endif

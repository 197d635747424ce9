/* time.h - the C library's time.h plus what it declares only for systems
 * with POSIX timers: the monotonic clock, clock_gettime and nanosleep,
 * which libposix implements. */
#ifndef _LIBPOSIX_TIME_H
#define _LIBPOSIX_TIME_H

#include_next <time.h>

#ifndef CLOCK_MONOTONIC
#define CLOCK_MONOTONIC		((clockid_t)4)
#endif

#if !defined(_POSIX_TIMERS)
#ifdef __cplusplus
extern "C" {
#endif
int clock_gettime(clockid_t clock, struct timespec *now);
int clock_getres(clockid_t clock, struct timespec *resolution);
int nanosleep(const struct timespec *request, struct timespec *remaining);
#ifdef __cplusplus
}
#endif
#endif

#endif

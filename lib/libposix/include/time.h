/* time.h - the C library's time.h plus the monotonic clock it leaves out
 * on this target (libposix implements it). */
#ifndef _LIBPOSIX_TIME_H
#define _LIBPOSIX_TIME_H

#include_next <time.h>

#ifndef CLOCK_MONOTONIC
#define CLOCK_MONOTONIC		((clockid_t)4)
#endif

#endif

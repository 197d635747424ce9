/* What the real-time request answers: set once at start-up from the board's clock. */
#ifndef MM0_TIME_REQUESTS_H
#define MM0_TIME_REQUESTS_H

#include <stdint.h>

/* The real time, in nanoseconds since 1970, when the virtual count was 0 (0: unknown). */
extern int64_t serve_boot_time_ns;

#endif

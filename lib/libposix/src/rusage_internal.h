/* rusage_internal.h - a struct rusage from a CPU time, for getrusage and wait4. */
#ifndef LIBPOSIX_RUSAGE_INTERNAL_H
#define LIBPOSIX_RUSAGE_INTERNAL_H

#include <stdint.h>
#include <sys/resource.h>

/* The kernel does not split a thread's time into user and system time (that
 * would cost every kernel entry a timer read): all of ns is user time, and
 * the other fields are 0. */
void posix_rusage_fill(uint64_t ns, struct rusage *usage);

#endif

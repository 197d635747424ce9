/* sys/wait.h - the C library's wait macros and waitpid, plus wait3 and wait4,
 * which report the reaped child's resource usage. */
#ifndef _LIBPOSIX_SYS_WAIT_H
#define _LIBPOSIX_SYS_WAIT_H

#include_next <sys/wait.h>

#include <sys/resource.h>

#ifdef __cplusplus
extern "C" {
#endif
pid_t wait3(int *status, int options, struct rusage *usage);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage);
#ifdef __cplusplus
}
#endif

#endif

/* sys/resource.h - resource limits as Linux has them (getrlimit, setrlimit,
 * prlimit; Linux's numbers), on top of the C library's own header, which has
 * only getrusage. mm0 keeps the limits per process (docs/libposix.md). */
#ifndef _LIBPOSIX_SYS_RESOURCE_H
#define _LIBPOSIX_SYS_RESOURCE_H

#include_next <sys/resource.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned long rlim_t;

#define RLIM_INFINITY		(~0UL)
#define RLIM_SAVED_MAX		RLIM_INFINITY
#define RLIM_SAVED_CUR		RLIM_INFINITY

#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9
#define RLIMIT_LOCKS		10
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIMIT_RTTIME		15
#define RLIMIT_NLIMITS		16
#define RLIM_NLIMITS		RLIMIT_NLIMITS

struct rlimit {
	rlim_t rlim_cur;	/* the soft limit */
	rlim_t rlim_max;	/* the hard limit */
};

int getrlimit(int resource, struct rlimit *limit);
int setrlimit(int resource, const struct rlimit *limit);
/* Linux's: the limits of process pid (0: the caller), set from new_limit
 * unless it is NULL, the old ones into old_limit unless it is NULL. */
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit);

#ifdef __cplusplus
}
#endif

#endif

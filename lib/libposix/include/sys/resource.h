/* sys/resource.h - resource usage as Linux lays it out (picolibc's struct
 * rusage has only the two times, which programs reading ru_maxrss do not
 * compile against): getrusage for the process, its children and the thread. */
#ifndef _LIBPOSIX_SYS_RESOURCE_H
#define _LIBPOSIX_SYS_RESOURCE_H

#include <sys/time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RUSAGE_SELF		0
#define RUSAGE_CHILDREN		(-1)
#define RUSAGE_THREAD		1

/* Only the two times are counted here (docs/libposix.md); the rest are 0. */
struct rusage {
	struct timeval ru_utime;	/* user time used */
	struct timeval ru_stime;	/* system time used */
	long ru_maxrss;
	long ru_ixrss;
	long ru_idrss;
	long ru_isrss;
	long ru_minflt;
	long ru_majflt;
	long ru_nswap;
	long ru_inblock;
	long ru_oublock;
	long ru_msgsnd;
	long ru_msgrcv;
	long ru_nsignals;
	long ru_nvcsw;
	long ru_nivcsw;
};

int getrusage(int who, struct rusage *usage);

#ifdef __cplusplus
}
#endif

#endif

/* sched.h - the C library's sched.h plus Linux's clone() and its flags (libposix). */
#ifndef _LIBPOSIX_SCHED_H
#define _LIBPOSIX_SCHED_H

#include_next <sched.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CSIGNAL		0x000000ff	/* signal sent to the parent at exit: 0 or SIGCHLD */
#define CLONE_VM	0x00000100	/* share the address space */
#define CLONE_FS	0x00000200	/* accepted; see docs/libposix.md */
#define CLONE_FILES	0x00000400	/* share the descriptor table */
#define CLONE_SIGHAND	0x00000800	/* accepted: there are no signal handlers */
#define CLONE_PARENT	0x00008000	/* the child's parent is the caller's parent */
#define CLONE_THREAD	0x00010000	/* a thread of the caller's process (needs CLONE_VM) */
#define CLONE_SYSVSEM	0x00040000	/* accepted: there are no semaphore undo lists */

/* Runs fn(arg) in a new thread or process on stack (its highest address);
 * the child ends with fn's result. Returns the child's id, or -1 and errno. */
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);

/* Declared here too: the C library declares it only with priority scheduling. */
int sched_yield(void);

/* Scheduling parameters (src/pthread_sched.c): one policy, SCHED_OTHER, at priority 0. */
int sched_get_priority_max(int policy);
int sched_get_priority_min(int policy);
int sched_getparam(pid_t pid, struct sched_param *param);
int sched_setparam(pid_t pid, const struct sched_param *param);
int sched_getscheduler(pid_t pid);
int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param);

#ifdef __cplusplus
}
#endif

#endif

/* sched.h - the C library's sched.h plus Linux's clone() and its flags, and
 * (with _GNU_SOURCE) glibc's processor calls and cpu_set_t (libposix). */
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

#ifdef _GNU_SOURCE
/* A set of processors, glibc's layout: bit n of the words is processor n. */
#define CPU_SETSIZE	1024
#define __CPU_WORD_BITS	(8 * sizeof(unsigned long))
typedef struct {
	unsigned long __bits[CPU_SETSIZE / (8 * sizeof(unsigned long))];
} cpu_set_t;

/* The _S forms take the set's size in bytes (CPU_ALLOC_SIZE's); a processor
 * beyond it is never in the set and is not stored. */
#define CPU_ALLOC_SIZE(count) \
	((((size_t)(count) + __CPU_WORD_BITS - 1) / __CPU_WORD_BITS) * sizeof(unsigned long))
#define CPU_ZERO_S(size, set)	((void)__builtin_memset((set), 0, (size)))
#define CPU_SET_S(cpu, size, set) __extension__ ({ \
	size_t __cpu = (cpu); \
	__cpu / 8 < (size) ? ((set)->__bits[__cpu / __CPU_WORD_BITS] |= \
			      1UL << (__cpu % __CPU_WORD_BITS)) : 0; })
#define CPU_CLR_S(cpu, size, set) __extension__ ({ \
	size_t __cpu = (cpu); \
	__cpu / 8 < (size) ? ((set)->__bits[__cpu / __CPU_WORD_BITS] &= \
			      ~(1UL << (__cpu % __CPU_WORD_BITS))) : 0; })
#define CPU_ISSET_S(cpu, size, set) __extension__ ({ \
	size_t __cpu = (cpu); \
	__cpu / 8 < (size) ? ((set)->__bits[__cpu / __CPU_WORD_BITS] >> \
			      (__cpu % __CPU_WORD_BITS)) & 1 : 0; })
#define CPU_COUNT_S(size, set)	__sched_cpucount((size), (set))
#define CPU_ZERO(set)		CPU_ZERO_S(sizeof(cpu_set_t), set)
#define CPU_SET(cpu, set)	CPU_SET_S(cpu, sizeof(cpu_set_t), set)
#define CPU_CLR(cpu, set)	CPU_CLR_S(cpu, sizeof(cpu_set_t), set)
#define CPU_ISSET(cpu, set)	CPU_ISSET_S(cpu, sizeof(cpu_set_t), set)
#define CPU_COUNT(set)		CPU_COUNT_S(sizeof(cpu_set_t), set)

/* The processors in the first size bytes of set (src/sched_cpu.c). */
int __sched_cpucount(size_t size, const cpu_set_t *set);

/* The processor the calling thread runs on (src/sched_cpu.c). */
int sched_getcpu(void);
/* The calling thread's affinity: pid is 0, getpid() or the thread's own id;
 * another is ESRCH (docs/libposix.md). */
int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set);
int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set);
#endif

#ifdef __cplusplus
}
#endif

#endif

/* CPU time of processes: their threads' (live and ended) and their reaped children's. */
#ifndef MM0_RUSAGE_H
#define MM0_RUSAGE_H

#include <stdint.h>

#include "mm0_local.h"

struct task;

/* The thread is about to go: its time stays with its process. */
void rusage_thread_ended(struct task *thread);
/* waiter reaps zombie: the zombie's whole time joins the waiter's process's children's. */
void rusage_reaped(struct task *waiter, const struct task *zombie);
/* The CPU time of leader's process: its live threads' and its ended ones'. */
uint64_t rusage_process_ns(const struct task *leader);
/* Nanoseconds of CPU time for who (MM0_CPU_*, idl/mm0_types.idl), or -EINVAL / -ESRCH. */
long mm0_cpu_time(struct task *task, int who, uint64_t *ns);

#endif

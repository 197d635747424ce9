/* smptest.h - the SMP kernel tests: threads pinned to processors, IPC
 * between processors, and TLB shoot-down, on tests/kernel's helpers. */
#ifndef SMPTEST_H
#define SMPTEST_H

#include "ktest.h"

#define SMP_CPUS	4	/* smp.test boots this many */

/* A thread of the root space on processor cpu, running entry(arg) at prio
 * with the root as its pager; L4_NILTHREAD if it could not be made. */
l4_tid_t spawn_on(uint32_t cpu, void (*entry)(uint32_t), uint32_t arg, uint32_t prio);

void test_placement(void);
void test_pingpong(void);
void test_cancel(void);
void test_shootdown(void);

#endif

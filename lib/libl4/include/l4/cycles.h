/* cycles.h - counters readable from user mode: the cycle counter (PMCCNTR;
 * under QEMU's -icount shift=0 it counts guest instructions exactly) and the
 * generic timer's virtual count. */
#ifndef L4_CYCLES_H
#define L4_CYCLES_H

#include <stdint.h>

static inline uint32_t l4_cycles(void)
{
	uint32_t count;
	asm volatile("isb; mrc p15, 0, %0, c9, c13, 0" : "=r"(count) :: "memory");
	return count;
}

/* The generic timer's virtual count (kip->timer_hz per second), readable
 * from user mode: a clock that needs no system call. */
static inline uint64_t l4_timer_count(void)
{
	uint32_t lo, hi;
	asm volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

#endif

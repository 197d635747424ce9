/* cycles.h - the cycle counter (PMCCNTR), readable from user mode. Under
 * QEMU's -icount shift=0 it counts guest instructions exactly. */
#ifndef L4_CYCLES_H
#define L4_CYCLES_H

#include <stdint.h>

static inline uint32_t l4_cycles(void)
{
	uint32_t count;
	asm volatile("isb; mrc p15, 0, %0, c9, c13, 0" : "=r"(count) :: "memory");
	return count;
}

#endif

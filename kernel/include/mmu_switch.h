/* mmu_switch.h - the address-space switch of the IPC hand-off, inline. */
#ifndef KERNEL_MMU_SWITCH_H
#define KERNEL_MMU_SWITCH_H

#include "cp15.h"
#include "cpu.h"
#include "mmu.h"
#include "space.h"

/* mmu_activate for a caller that returns to user mode next: that exception
 * return synchronises the context, so the ISB mmu_activate ends with is left
 * to it. c is this processor's. The sequence is load_space's (mmu.c): through the reserved ASID, so
 * no walk mixes the old table and the new ASID. */
static inline __attribute__((always_inline)) void
mmu_activate_before_return(struct cpu *c, struct space *s)
{
	if (__builtin_expect(s->asid_generation != c->asid_generation, 0)) {
		mmu_activate(s);
		return;
	}
	write_contextidr(0);
	isb();
	write_ttbr0(s->ttbr0);
	isb();
	write_contextidr(s->asid);
	write_bpiall(0);
	c->active_space = s;
}

#endif

/* mmu_switch.h - the change of address space at a thread switch, inline for
 * the IPC fast path: the ASID test, TTBR0 and CONTEXTIDR. */
#ifndef KERNEL_MMU_SWITCH_H
#define KERNEL_MMU_SWITCH_H

#include "cp15.h"
#include "space.h"

#define TTBR_WBWA_SHARED 0x4au	/* table walks: write-back write-allocate, shareable */

/* What a switch reads and writes, in one structure so that one address
 * reaches both words. */
struct mmu_switch_state {
	uint32_t asid_generation;	/* spaces with another generation need a new ASID */
	struct space *active_space;	/* whose table TTBR0 holds, or NULL */
};
extern struct mmu_switch_state mmu_switch_state;

/* Gives s an ASID of the current generation, starting a new generation
 * (one TLBIALL) when they run out. */
void mmu_asid_assign(struct space *s);

/* mmu_switch for a caller that knows s is not the active space. Every
 * caller returns to user mode right after it: that exception return is the
 * context synchronisation (as an ISB) which makes the new ASID and the
 * branch predictor invalidation take effect, and the kernel does not touch
 * user addresses before it. */
static inline __attribute__((always_inline)) void mmu_activate(struct space *s)
{
	if (__builtin_expect(s->asid_generation != mmu_switch_state.asid_generation, 0))
		mmu_asid_assign(s);
	/* Through the reserved ASID so no walk mixes the old table and new ASID. */
	write_contextidr(0);
	isb();
	write_ttbr0(s->ttbr0);
	isb();
	write_contextidr(s->asid);
	write_bpiall(0);
	mmu_switch_state.active_space = s;
}

#endif

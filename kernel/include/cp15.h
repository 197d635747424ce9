/* cp15.h - system control coprocessor accessors and barriers. */
#ifndef KERNEL_CP15_H
#define KERNEL_CP15_H

#include <stdint.h>

#define CP15_WRITE(name, op1, crn, crm, op2) \
	static inline void write_##name(uint32_t v) \
	{ asm volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"(v) : "memory"); }
#define CP15_READ(name, op1, crn, crm, op2) \
	static inline uint32_t read_##name(void) \
	{ uint32_t v; asm volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v)); return v; }

CP15_WRITE(ttbr0, 0, c2, c0, 0)
CP15_WRITE(ttbcr, 0, c2, c0, 2)
CP15_WRITE(contextidr, 0, c13, c0, 1)
CP15_WRITE(tpidruro, 0, c13, c0, 3)
CP15_WRITE(vbar, 0, c12, c0, 0)
CP15_WRITE(tlbiall, 0, c8, c7, 0)
CP15_WRITE(tlbimva, 0, c8, c7, 1)
CP15_WRITE(tlbiasid, 0, c8, c7, 2)
/* Inner-shareable forms: every processor's TLBs and predictors. */
CP15_WRITE(tlbiallis, 0, c8, c3, 0)
CP15_WRITE(tlbimvais, 0, c8, c3, 1)
CP15_WRITE(tlbiasidis, 0, c8, c3, 2)
CP15_WRITE(icialluis, 0, c7, c1, 0)
CP15_WRITE(bpiallis, 0, c7, c1, 6)
CP15_WRITE(dccmvau, 0, c7, c11, 1)
CP15_WRITE(iciallu, 0, c7, c5, 0)
CP15_WRITE(bpiall, 0, c7, c5, 6)
CP15_WRITE(pmcr, 0, c9, c12, 0)
CP15_WRITE(pmcntenset, 0, c9, c12, 1)
CP15_WRITE(pmuserenr, 0, c9, c14, 0)
CP15_WRITE(pmselr, 0, c9, c12, 5)
CP15_WRITE(pmovsr, 0, c9, c12, 3)
CP15_WRITE(pmxevtyper, 0, c9, c13, 1)
CP15_WRITE(pmxevcntr, 0, c9, c13, 2)
CP15_WRITE(pmintenset, 0, c9, c14, 1)
CP15_WRITE(cntv_ctl, 0, c14, c3, 1)
CP15_WRITE(cntkctl, 0, c14, c1, 0)
CP15_WRITE(ats1cpr, 0, c7, c8, 0)
CP15_WRITE(ats1cpw, 0, c7, c8, 1)
CP15_READ(dfsr, 0, c5, c0, 0)
CP15_READ(ifsr, 0, c5, c0, 1)
CP15_READ(dfar, 0, c6, c0, 0)
CP15_READ(ifar, 0, c6, c0, 2)
CP15_READ(cntfrq, 0, c14, c0, 0)
CP15_READ(par, 0, c7, c4, 0)
CP15_READ(ttbr0, 0, c2, c0, 0)
CP15_READ(pmovsr, 0, c9, c12, 3)
CP15_READ(pmxevcntr, 0, c9, c13, 2)

static inline uint64_t read_cntvct(void)
{
	uint64_t count;
	asm volatile("isb; mrrc p15, 1, %Q0, %R0, c14" : "=r"(count));
	return count;
}

static inline void write_cntv_cval(uint64_t v)
{
	asm volatile("mcrr p15, 3, %0, %1, c14" :: "r"((uint32_t)v), "r"((uint32_t)(v >> 32)));
}

static inline void dsb(void) { asm volatile("dsb" ::: "memory"); }
static inline void dsb_ish(void) { asm volatile("dsb ish" ::: "memory"); }
static inline void isb(void) { asm volatile("isb" ::: "memory"); }

#endif

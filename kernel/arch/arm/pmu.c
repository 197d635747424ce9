/* pmu.c - the cycle counter, readable from user mode for measurements. */
#include "cp15.h"
#include "pmu.h"

#define PMCR_E		(1u << 0)	/* enable counters */
#define PMCR_C		(1u << 2)	/* reset the cycle counter */
#define PMCNTEN_CYCLES	(1u << 31)
#define PMUSERENR_EN	1u

void pmu_init(void)
{
	write_pmcr(PMCR_E | PMCR_C);	/* D clear: count every cycle */
	write_pmcntenset(PMCNTEN_CYCLES);
	write_pmuserenr(PMUSERENR_EN);
	isb();
}

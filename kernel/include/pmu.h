/* pmu.h - performance monitor set-up. */
#ifndef KERNEL_PMU_H
#define KERNEL_PMU_H

void pmu_init(void);

#endif

/* powercut.h - the storage tests' power cut: the boot argument powercut=N
 * stops the machine dead after N instructions in user mode, powercut=count
 * counts them and says how many at power-off (docs/storage.md). */
#ifndef KERNEL_POWERCUT_H
#define KERNEL_POWERCUT_H

/* On the boot processor after pmu_init: arms the PMU's event counter 0
 * if the boot arguments ask for it. */
void powercut_init(void);
/* The PMU's overflow interrupt (PLAT_PMU_IRQ). */
void powercut_interrupt(void);
/* At power-off: prints the count when powercut=count. */
void powercut_report(void);

#endif

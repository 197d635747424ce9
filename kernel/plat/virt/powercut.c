/* powercut.c - powercut=N and powercut=count: PMU event counter 0 counts
 * the instructions executed in user mode on the boot processor; at N the
 * overflow interrupt powers the machine off through PSCI SYSTEM_OFF.
 * Only user instructions count because the kernel's (its idle loop and the
 * ticks it takes while the disk is busy) depend on how fast the host does
 * the I/O; user ones repeat run after run under -icount, so a cut at N
 * lands at the same point every time. SYSTEM_OFF stops the processor at
 * once; QEMU completes the disk requests already handed to it, and nothing
 * later reaches the disk. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cp15.h"
#include "plat.h"
#include "powercut.h"
#include "printk.h"

#define PMU_EVENT_INST_RETIRED	0x08u
#define PMXEVTYPER_NOT_PL1	(1u << 31)	/* the P bit: PL1 does not count */
#define PMU_COUNTER0		1u		/* its bit in the enable and overflow registers */
#define PSCI_SYSTEM_OFF		0x84000008u
#define POWERCUT_ARG		"powercut="
#define POWERCUT_COUNT		"count"

enum powercut_mode { POWERCUT_OFF, POWERCUT_COUNTING, POWERCUT_ARMED };

static enum powercut_mode mode;
static uint32_t cut_after;	/* N, when armed */
static uint32_t overflows;	/* whole 2^32 rounds, when counting */

static bool starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

/* The value of powercut= among blank-separated arguments, or NULL. */
static const char *powercut_value(const char *args)
{
	for (const char *p = args; *p; p++)
		if ((p == args || p[-1] == ' ') && starts_with(p, POWERCUT_ARG))
			return p + sizeof(POWERCUT_ARG) - 1;
	return NULL;
}

/* A decimal from 1 to 2^32 - 1 ending at a blank or the end; 0 otherwise. */
static uint32_t parse_count(const char *s)
{
	uint64_t v = 0;
	for (; *s && *s != ' '; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > UINT32_MAX)
			return 0;
	}
	return (uint32_t)v;
}

static void psci_system_off(void)
{
	register uint32_t r0 asm("r0") = PSCI_SYSTEM_OFF;
	if (plat.psci_conduit == PLAT_PSCI_SMC)
		asm volatile(".arch_extension sec\n\tsmc #0" : "+r"(r0) :: "memory");
	else if (plat.psci_conduit == PLAT_PSCI_HVC)
		asm volatile(".arch_extension virt\n\thvc #0" : "+r"(r0) :: "memory");
	panic("power cut: no PSCI to turn the machine off");
}

void powercut_init(void)
{
	const char *value = powercut_value(plat.bootargs);
	uint32_t start = 0;
	if (!value)
		return;
	if (starts_with(value, POWERCUT_COUNT)) {
		mode = POWERCUT_COUNTING;
	} else {
		cut_after = parse_count(value);
		if (!cut_after)
			panic("boot argument powercut= needs 'count' or 1 to 4294967295");
		mode = POWERCUT_ARMED;
		start = 0u - cut_after;		/* overflows at the N-th instruction */
	}
	write_pmselr(0);
	write_pmxevtyper(PMXEVTYPER_NOT_PL1 | PMU_EVENT_INST_RETIRED);
	write_pmxevcntr(start);
	write_pmovsr(PMU_COUNTER0);
	write_pmintenset(PMU_COUNTER0);
	write_pmcntenset(PMU_COUNTER0);
	isb();
	gic_enable(PLAT_PMU_IRQ);
}

void powercut_interrupt(void)
{
	if (!(read_pmovsr() & PMU_COUNTER0))
		return;
	write_pmovsr(PMU_COUNTER0);
	if (mode == POWERCUT_ARMED) {
		printk("kernel: power cut after %u user instructions\n", (unsigned)cut_after);
		psci_system_off();
	}
	overflows++;
}

void powercut_report(void)
{
	if (mode != POWERCUT_COUNTING)
		return;
	write_pmselr(0);
	isb();
	uint64_t count = (uint64_t)overflows << 32 | read_pmxevcntr();
	printk("kernel: %llu user instructions\n", (unsigned long long)count);
}

/* gic.c - the GICv2 on QEMU virt, at the addresses the device tree gives,
 * reached through the kernel's device mapping; SGI_RESCHEDULE between processors. */
#include "plat.h"
#include "smp.h"

#define GICD_CTLR	0x000u
#define GICD_ISENABLER	0x100u
#define GICD_ICENABLER	0x180u
#define GICD_IPRIORITYR	0x400u
#define GICD_ITARGETSR	0x800u
#define GICD_SGIR	0xf00u
#define GICC_CTLR	0x000u
#define GICC_PMR	0x004u
#define GICC_IAR	0x00cu
#define GICC_EOIR	0x010u
#define IRQ_PRIORITY	0xa0u
#define CPU0		0x01u
#define IRQ_BANKED	32u	/* SGIs and PPIs: one copy per processor */
#define SGIR_TARGETS_SHIFT 16

static uint32_t gicd_base, gicc_base;

static volatile uint32_t *gicd(uint32_t off)
{
	return (volatile uint32_t *)(gicd_base + off);
}

static volatile uint32_t *gicc(uint32_t off)
{
	return (volatile uint32_t *)(gicc_base + off);
}

void gic_init(void)
{
	gicd_base = plat.gic_dist + DEVICE_VOFFSET;
	gicc_base = plat.gic_cpu + DEVICE_VOFFSET;
	*gicd(GICD_CTLR) = 0;
	for (uint32_t i = 0; i < IRQ_LIMIT; i += 32)
		*gicd(GICD_ICENABLER + i / 8) = 0xffffffffu;
	for (uint32_t i = 0; i < IRQ_LIMIT; i += 4) {
		uint32_t four = IRQ_PRIORITY * 0x01010101u;
		*gicd(GICD_IPRIORITYR + i) = four;
		if (i >= IRQ_FIRST_USER)
			*gicd(GICD_ITARGETSR + i) = CPU0 * 0x01010101u;
	}
	*gicd(GICD_CTLR) = 1;
	gic_cpu_init();
}

void gic_cpu_init(void)
{
	for (uint32_t i = 0; i < IRQ_BANKED; i += 4)
		*gicd(GICD_IPRIORITYR + i) = IRQ_PRIORITY * 0x01010101u;
	/* The low byte of the banked GICD_ITARGETSR0 names this processor. */
	this_cpu()->gic_target = *gicd(GICD_ITARGETSR) & 0xffu;
	gic_enable(SGI_RESCHEDULE);
	*gicc(GICC_PMR) = 0xff;
	*gicc(GICC_CTLR) = 1;
}

void gic_send_sgi(uint32_t targets, uint32_t sgi)
{
	/* What the sender wrote is seen by the target before the interrupt. */
	asm volatile("dsb ishst" ::: "memory");
	*gicd(GICD_SGIR) = targets << SGIR_TARGETS_SHIFT | sgi;
}

void gic_enable(uint32_t irq)
{
	*gicd(GICD_ISENABLER + (irq / 32) * 4) = 1u << (irq % 32);
}

void gic_disable(uint32_t irq)
{
	*gicd(GICD_ICENABLER + (irq / 32) * 4) = 1u << (irq % 32);
}

uint32_t gic_acknowledge(void)
{
	return *gicc(GICC_IAR);
}

void gic_end(uint32_t iar)
{
	*gicc(GICC_EOIR) = iar;
}

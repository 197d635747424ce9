/* plat.h - what generic code needs from the board: interrupt controller,
 * timer, device addresses for the root task. */
#ifndef KERNEL_PLAT_H
#define KERNEL_PLAT_H

#include <stdint.h>

#include "l4/abi.h"

/* Devices are mapped in the kernel half at PA + DEVICE_VOFFSET, so the
 * board's device registers must lie below DEVICE_PHYS_LIMIT. */
#define DEVICE_VOFFSET		0xf0000000u
#define DEVICE_PHYS_LIMIT	0x10000000u
/* QEMU leaves its device tree at the base of RAM, below the kernel image. */
#define PLAT_DTB_PHYS		0x40000000u
#define PLAT_DTB_MAX_SIZE	0x00100000u
/* The board's own debug UART (QEMU virt's PL011), the console only until
 * the device tree names the real one, so a bad tree can still be reported. */
#define PLAT_EARLY_UART_PHYS	0x09000000u
#define GIC_SPURIOUS		1020u
#define GIC_IAR_ID_MASK		0x3ffu
#define IRQ_FIRST_USER		32u	/* SPIs: the only ones users may bind */
#define IRQ_LIMIT		128u	/* QEMU virt wires at most 128 interrupt ids here */
#define TICK_HZ			1000u
#define PLAT_MAX_USER_RANGES	8
#define PLAT_MAX_DEVICES	L4_KIP_MAX_DEVICES
#define PLAT_MAX_CPUS		8	/* the MPIDRs kept from the tree */
#define PLAT_BOOTARGS_MAX	128u	/* /chosen's bootargs kept, with its NUL */
/* QEMU virt wires each processor's PMU overflow to PPI 7; for 32-bit
 * processors its device tree has no pmu node that would say so. */
#define PLAT_PMU_IRQ		23u

/* How PSCI is called: the psci node's method. */
enum plat_psci_conduit { PLAT_PSCI_NONE, PLAT_PSCI_HVC, PLAT_PSCI_SMC };

/* A physical range of device registers the root task may map. */
struct plat_device_range {
	uint32_t base;
	uint32_t size;
};

/* What the device tree says about the board; panics name what is missing. */
struct plat_info {
	uint32_t ram_base, ram_size;
	uint32_t gic_dist, gic_cpu;		/* physical */
	uint32_t timer_irq;			/* the virtual timer's PPI */
	uint32_t num_cpus;			/* the cpu nodes under /cpus */
	uint32_t cpu_ids[PLAT_MAX_CPUS];	/* their MPIDR affinity values */
	uint32_t psci_conduit;			/* enum plat_psci_conduit */
	char bootargs[PLAT_BOOTARGS_MAX];	/* QEMU's -append, cut short */
	const struct l4_kip_device *uart;	/* the kernel console, in devices[] */
	uint32_t num_devices;			/* devices user space finds by kind */
	struct l4_kip_device devices[PLAT_MAX_DEVICES];
	uint32_t num_user_ranges;		/* page-rounded, given to the root */
	struct plat_device_range user_ranges[PLAT_MAX_USER_RANGES];
};
extern struct plat_info plat;

/* Reads RAM, the interrupt controller, the timer and the devices from the
 * tree at dtb (a kernel virtual address); panics on a missing or bad tree. */
void plat_read_device_tree(const void *dtb);

/* The distributor and the boot processor's interface. */
void gic_init(void);
/* This processor's interface and banked interrupts (SGIs, PPIs). */
void gic_cpu_init(void);
/* Raises software-generated interrupt sgi on the processors in targets. */
void gic_send_sgi(uint32_t targets, uint32_t sgi);
void gic_enable(uint32_t irq);
void gic_disable(uint32_t irq);
/* GICC_IAR: the interrupt id in bits 0-9 (an SGI's sender above them);
 * gic_end takes the whole value back. */
uint32_t gic_acknowledge(void);
void gic_end(uint32_t iar);

/* Starts this processor's tick. */
void timer_init(void);
/* Programs the next tick; call from the timer interrupt. */
void timer_rearm(void);
/* With several processors (lock held): moves this processor's ticks to
 * the instants of the boot processor's, when a secondary starts and after
 * missed ticks (timer_rearm then restarts the tick from now). */
void timer_keep_grid(void);
/* The number of this processor's next tick (its deadline over the period,
 * modulo 2^32): with several processors the same on all processors for the
 * same tick. */
uint32_t timer_tick_number(void);
uint32_t timer_frequency(void);

/* Moves the kernel console from the early UART to the device tree's. */
void console_use_tree_uart(void);

#endif

/* plat.h - what generic code needs from the board: interrupt controller,
 * timer, device addresses for the root task. */
#ifndef KERNEL_PLAT_H
#define KERNEL_PLAT_H

#include <stdint.h>

/* Devices are mapped in the kernel half at PA + DEVICE_VOFFSET. */
#define DEVICE_VOFFSET		0xf0000000u
#define GIC_SPURIOUS		1020u
#define IRQ_FIRST_USER		32u	/* SPIs: the only ones users may bind */
#define IRQ_LIMIT		128u	/* QEMU virt wires at most 128 interrupt ids here */
#define TIMER_IRQ		27u	/* virtual timer PPI */
#define TICK_HZ			1000u

void gic_init(void);
void gic_enable(uint32_t irq);
void gic_disable(uint32_t irq);
uint32_t gic_acknowledge(void);
void gic_end(uint32_t irq);

void timer_init(void);
/* Programs the next tick; call from the timer interrupt. */
void timer_rearm(void);
uint32_t timer_frequency(void);

/* Device ranges the root task may map (board-specific). */
struct plat_device_range {
	uint32_t base;
	uint32_t size;
};
extern const struct plat_device_range plat_user_devices[];
extern const unsigned plat_user_device_count;

#endif

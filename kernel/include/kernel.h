/* kernel.h - kernel-wide constants and the physical/virtual address helpers. */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "l4/abi.h"

/* RAM is linearly mapped at PA + KERNEL_VOFFSET in the kernel half
 * (kernel.ld links the kernel there too), up to the device window. */
#define KERNEL_VOFFSET		0x40000000u
#define PAGE_SHIFT		12
#define PAGE_SIZE		4096u
#define PAGE_MASK		(PAGE_SIZE - 1)

#define CPSR_MODE_MASK		0x1fu
#define CPSR_MODE_USR		0x10u
#define CPSR_THUMB		(1u << 5)
#define CPSR_FIQ_MASK		(1u << 6)
#define CPSR_USER_FLAGS		0xf80f0000u	/* N Z C V Q and GE: user-writable */

/* The RAM the device tree gave, as far as the kernel maps it (kmap.c). */
extern uint32_t ram_base, ram_size;

static inline bool phys_in_ram(uint32_t pa, uint32_t size)
{
	return pa >= ram_base && size <= ram_size && pa - ram_base <= ram_size - size;
}

static inline void *phys_to_virt(uint32_t pa)
{
	return (void *)(pa + KERNEL_VOFFSET);
}

static inline uint32_t virt_to_phys(const void *va)
{
	return (uint32_t)va - KERNEL_VOFFSET;
}

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);

#endif

/* kernel.h - kernel-wide constants and the physical/virtual address helpers. */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "l4/abi.h"

/* RAM is linearly mapped at PA + KERNEL_VOFFSET in the kernel half. */
#define KERNEL_VOFFSET		0x80000000u
#define RAM_BASE		0x40000000u
#define RAM_SIZE		0x08000000u	/* qemu-run passes -m 128M */
#define PAGE_SHIFT		12
#define PAGE_SIZE		4096u
#define PAGE_MASK		(PAGE_SIZE - 1)

#define CPSR_MODE_MASK		0x1fu
#define CPSR_MODE_USR		0x10u
#define CPSR_THUMB		(1u << 5)
#define CPSR_FIQ_MASK		(1u << 6)
#define CPSR_USER_FLAGS		0xf80f0000u	/* N Z C V Q and GE: user-writable */

static inline bool phys_in_ram(uint32_t pa, uint32_t size)
{
	return pa >= RAM_BASE && size <= RAM_SIZE && pa - RAM_BASE <= RAM_SIZE - size;
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

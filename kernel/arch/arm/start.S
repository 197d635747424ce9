/* start.S - first instructions. QEMU enters at the physical address in SVC
 * mode with the MMU off: map the megabytes from the device tree (the one
 * below the kernel) to the kernel's end, identity and linearly at
 * +0x40000000, turn the MMU on, and continue at the kernel's high link
 * address. kmap.c maps the rest of RAM and the devices from C. */
	.syntax unified
	.arm

#define KERNEL_MIB_OFFSET	0x400		/* +0x40000000, KERNEL_VOFFSET */
/* Section: normal WBWA shareable, kernel RW. */
#define RAM_SECTION		0x0001140e
#define TTBR_WBWA_SHARED	0x4a
#define SCTLR_ENABLE		0x00001805	/* M, C, Z, I */
#define SCTLR_CLEAR		0x30002002	/* A, V, TRE, AFE */
#define ACTLR_SMP		0x00000040	/* Cortex-A15: take part in coherency */

#include "entry.h"

/* MMU on with the table at physical r4, through the identity map; r0, r1
 * scratch. ACTLR.SMP first: the ARM ARM asks for it before caches and MMU. */
	.macro	MMU_ON
	mrc	p15, 0, r0, c1, c0, 1
	orr	r0, r0, #ACTLR_SMP
	mcr	p15, 0, r0, c1, c0, 1
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2		@ TTBCR: one table while booting
	orr	r1, r4, #TTBR_WBWA_SHARED
	mcr	p15, 0, r1, c2, c0, 0		@ TTBR0
	mcr	p15, 0, r1, c2, c0, 1		@ TTBR1
	mov	r0, #1
	mcr	p15, 0, r0, c3, c0, 0		@ DACR: domain 0 client
	mov	r0, #0
	mcr	p15, 0, r0, c13, c0, 1		@ CONTEXTIDR: reserved ASID 0
	@ No cache invalidation: the Cortex-A15 invalidates its caches at reset,
	@ and a boot loader cleans them before entering with the MMU off.
	mcr	p15, 0, r0, c8, c7, 0		@ TLBIALL
	mcr	p15, 0, r0, c7, c5, 0		@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6		@ BPIALL
	dsb
	isb
	mrc	p15, 0, r0, c1, c0, 0
	ldr	r1, =SCTLR_CLEAR
	bic	r0, r0, r1
	ldr	r1, =SCTLR_ENABLE
	orr	r0, r0, r1
	mcr	p15, 0, r0, c1, c0, 0
	isb
	.endm


	.section .text.boot, "ax"
	.global _start
_start:
	cpsid	aif
	adr	r10, _start
	ldr	r11, =_start
	sub	r11, r11, r10			@ r11 = link address - load address
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	sub	r0, r0, r11
	sub	r1, r1, r11
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b

	ldr	r4, =kernel_pgd
	sub	r4, r4, r11			@ physical address of the table
	ldr	r5, =RAM_SECTION
	lsr	r0, r10, #20
	sub	r0, r0, #1			@ the device tree's megabyte
	ldr	r1, =__kernel_end
	sub	r1, r1, r11
	add	r1, r1, #0x100000
	sub	r1, r1, #1
	lsr	r1, r1, #20			@ through the kernel's last megabyte
2:	orr	r2, r5, r0, lsl #20
	str	r2, [r4, r0, lsl #2]		@ identity: TTBCR.N = 1 hides it, secondaries use it
	add	r3, r0, #KERNEL_MIB_OFFSET
	str	r2, [r4, r3, lsl #2]
	add	r0, r0, #1
	cmp	r0, r1
	blo	2b

	MMU_ON
	ldr	pc, =high_entry

	.text
high_entry:
	ldr	r0, =cpu_areas + ENTRY_CPU_STACK_SIZE	@ the boot processor's struct cpu
	mcr	p15, 0, r0, c13, c0, 4		@ TPIDRPRW
	mov	sp, r0				@ its stack: 8-byte aligned (cpu.h)
	bl	kmain
4:	wfi
	b	4b

/* PSCI CPU_ON's entry, at its physical address with the MMU off; r0 (the
 * context smp.c passed) is the processor's struct cpu, a virtual address. */
	.section .text.boot, "ax"
	.global secondary_entry
secondary_entry:
	cpsid	aif
	mov	r12, r0
	adr	r10, secondary_entry
	ldr	r11, =secondary_entry
	sub	r11, r11, r10			@ r11 = link address - load address
	ldr	r4, =kernel_pgd
	sub	r4, r4, r11
	MMU_ON
	ldr	pc, =secondary_high

	.text
secondary_high:
	mcr	p15, 0, r12, c13, c0, 4		@ TPIDRPRW
	mov	sp, r12
	bl	secondary_main
5:	wfi
	b	5b

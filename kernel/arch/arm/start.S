/* start.S - first instructions: QEMU enters here in SVC mode, MMU off. */
	.syntax unified
	.arm
	.section .text.boot, "ax"
	.global _start
_start:
	cpsid	aif			@ interrupts stay masked until the kernel is ready
	ldr	sp, =boot_stack_top	@ 8-byte aligned (AAPCS), see kernel.ld
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	bl	kmain
2:	wfi				@ kmain does not return; never fall through
	b	2b

/* crt0.S - user start-up: an 8-byte aligned stack from user.ld, clear .bss
 * (the loader zeroes it too; a restarted image may not be), main, exit. */
	.syntax unified
	.arm
	.section .text.start, "ax"
	.global _start
_start:
	ldr	sp, =__stack_top
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	mov	r0, #0
	mov	r1, #0
	bl	main
	bl	l4_exit

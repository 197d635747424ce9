/* crt0.S - start-up of programs started by mm0: r0 is the environment page,
 * sp the stack mm0 mapped (8-byte aligned). Clear .bss, then mm0c_start. */
	.syntax unified
	.arm
	.section .text.start, "ax"
	.global _start
_start:
	mov	r4, r0
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	mov	r0, r4
	bl	mm0c_start

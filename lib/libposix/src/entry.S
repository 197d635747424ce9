/* entry.S - the entry points C cannot express: the program's _start, the
 * point where a forked child resumes, and a clone child's first steps. */
	.syntax unified
	.arm

/* mm0 starts a program with r0 = its environment page and sp at the top
 * of the stack it mapped. */
	.section .text.start, "ax"
	.global _start
	.type _start, %function
_start:
	bic	sp, sp, #7		@ AAPCS: 8-byte aligned stack
	mov	fp, #0
	mov	lr, #0
	bl	posix_start		@ never returns

	.text
/* long posix_fork_call(void): the child resumes at 1: on a copy of this
 * stack, with r0 = 0 from mm0, and pops the same saved registers. Ten
 * words keep the stack 8-byte aligned. */
	.global posix_fork_call
	.type posix_fork_call, %function
posix_fork_call:
	push	{r3-r11, lr}
	adr	r0, 1f
	mov	r1, sp
	bl	posix_fork_request
	pop	{r3-r11, pc}
1:	mov	r0, #0
	pop	{r3-r11, pc}

/* clone() left fn and arg at the child's stack pointer. */
	.global posix_clone_entry
	.type posix_clone_entry, %function
posix_clone_entry:
	pop	{r0, r1}
	mov	fp, #0
	mov	lr, #0
	bl	posix_clone_start	@ never returns

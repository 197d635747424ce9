/* fork.S - fork and the first instructions of a clone thread.
 * mm0c_fork saves the callee-saved registers on the stack and asks mm0 for a
 * copy whose thread resumes at 1f with this sp and r0 = 0: the child pops the
 * same registers from its copy of the stack and returns 0, the parent the pid. */
	.syntax unified
	.arm
	.text
	.global mm0c_fork
	.type mm0c_fork, %function
mm0c_fork:
	push	{r3-r11, lr}
	bl	mm0c_server
	adr	r1, 1f
	mov	r2, sp
	bl	mm_fork
1:	pop	{r3-r11, pc}
	.size mm0c_fork, . - mm0c_fork

/* A clone thread starts here with fn and arg at the top of its stack. */
	.global mm0c_thread_entry
	.type mm0c_thread_entry, %function
mm0c_thread_entry:
	pop	{r4, r5}
	mov	r0, r5
	blx	r4
	bl	mm0c_thread_exit
	.size mm0c_thread_entry, . - mm0c_thread_entry

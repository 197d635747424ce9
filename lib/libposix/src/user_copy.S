/* user_copy.S - copies through the caller's pointers that answer -EFAULT instead of a crash:
 * every instruction that may fault is listed in __ex_table with where it resumes, and mm0
 * (told at start-up, start.c) moves a thread that faults there to that fix-up. */
	.syntax unified
	.arm

/* One {faulting instruction, fix-up} pair of the table. */
	.macro	fault_fixup insn, fixup
	.pushsection __ex_table, "a"
	.word	\insn, \fixup
	.popsection
	.endm

	.text
/* int posix_copy(void *dst, const void *src, size_t len): 0, or -EFAULT (14) when either side
 * faults; the bytes before the fault are copied. Fewer than 32 bytes go a byte at a time,
 * tested first; word-aligned copies (the fs0 buffer and most callers' buffers) of more go
 * 64 bytes a loop (two ldm/stm pairs, 6 instructions; an odd 32
 * enters at the second pair), the rest a byte at a time: read and write copy every file
 * byte through here. Four block instructions, since mm0 keeps eight fix-ups in all. */
	.global posix_copy
	.type posix_copy, %function
posix_copy:
	cmp	r2, #32
	bhs	4f			@ below 32 bytes (read's and write's few too), bytes
	cmp	r2, #0
	beq	3f
2:
copy_load:
	ldrb	r3, [r1], #1
copy_store:
	strb	r3, [r0], #1
	subs	r2, r2, #1
	bne	2b
3:	mov	r0, #0
	bx	lr
4:	orr	r3, r0, r1
	tst	r3, #3
	bne	2b
	push	{r4-r9}
	tst	r2, #32
	subne	r2, r2, #32		@ r2 = bytes left after this pass - 64, as the loop keeps it
	bne	6f
	sub	r2, r2, #64
5:
block_load:
	ldm	r1!, {r3-r9, r12}
block_store:
	stm	r0!, {r3-r9, r12}
6:
block_load_odd:
	ldm	r1!, {r3-r9, r12}
block_store_odd:
	stm	r0!, {r3-r9, r12}
	subs	r2, r2, #64
	bhs	5b
	pop	{r4-r9}
	ands	r2, r2, #31		@ what is left below 32
	bne	2b
	b	3b
	fault_fixup block_load, block_fault
	fault_fixup block_store, block_fault
	fault_fixup block_load_odd, block_fault
	fault_fixup block_store_odd, block_fault
	fault_fixup copy_load, copy_fault
	fault_fixup copy_store, copy_fault
	.size posix_copy, . - posix_copy

/* int posix_probe_write(void *addr, size_t len): 0 when every page of [addr, addr + len) may be
 * written, else -EFAULT. Each page's byte is written back with its own value by an exclusive
 * pair, so a store another thread makes meanwhile is not undone. */
	.global posix_probe_write
	.type posix_probe_write, %function
posix_probe_write:
	cmp	r1, #0
	beq	3f
	adds	r1, r0, r1		@ r1 = end
	bcs	copy_fault		@ the range wraps around (or ends at the top)
1:
probe_load:
	ldrexb	r2, [r0]
probe_store:
	strexb	r3, r2, [r0]
	cmp	r3, #0
	bne	1b
	lsr	r0, r0, #12		@ the next page's start
	add	r0, r0, #1
	lsl	r0, r0, #12
	cmp	r0, r1
	blo	1b
3:	mov	r0, #0
	bx	lr
	fault_fixup probe_load, copy_fault
	fault_fixup probe_store, copy_fault
	.size posix_probe_write, . - posix_probe_write

/* The fix-ups: mm0 resumes the faulting thread here; lr still holds the caller's return. */
	.type block_fault, %function
block_fault:
	pop	{r4-r9}
	.size block_fault, . - block_fault
	.type copy_fault, %function
copy_fault:
	clrex
	mvn	r0, #13			@ -EFAULT
	bx	lr
	.size copy_fault, . - copy_fault

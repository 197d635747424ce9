/* vectors.S - exception vectors, kernel entry and the return to user mode.
 * While a thread runs in user mode, SP_svc points just past its saved
 * context (struct context in thread.h), so every entry saves the user
 * registers straight into the TCB and then runs C on the processor's kernel
 * stack, whose top TPIDRPRW holds (cpu.h). With one processor the vectors
 * below run; with several, smp_vectors, which also take the big kernel lock
 * (smp.c's smp_enter), and return_to_user releases it (smp_patch_return). */
	.syntax unified
	.arm

#include "entry.h"

	.text
	.balign 32
	.global exception_vectors
exception_vectors:
	b	reset_entry
	b	undef_entry
	b	svc_entry
	b	pabt_entry
	b	dabt_entry
	b	reset_entry
	b	irq_entry
	b	reset_entry

/* IPC goes to its fast path; the null system call never leaves the
 * vector, the cheapest path. */
svc_entry:
	cmp	r7, #ENTRY_SYS_IPC
	beq	ipc_entry
	cmp	r7, #ENTRY_SYS_NULL
	moveq	r0, #0
	movseq	pc, lr
	srsdb	sp!, #ENTRY_MODE_SVC
	stmdb	sp, {r0-r14}^
	sub	r0, sp, #ENTRY_CONTEXT_GPRS
	mrc	p15, 0, sp, c13, c0, 4		@ TPIDRPRW: this processor's stack top
	b	handle_syscall

ipc_entry:
	srsdb	sp!, #ENTRY_MODE_SVC
	stmdb	sp, {r0-r14}^
	sub	r0, sp, #ENTRY_CONTEXT_GPRS
	mrc	p15, 0, sp, c13, c0, 4
	b	fastpath_ipc

	.macro	ENTRY name, lr_adjust, handler
\name:
	sub	lr, lr, #\lr_adjust
	srsdb	sp!, #ENTRY_MODE_SVC
	cps	#ENTRY_MODE_SVC
	stmdb	sp, {r0-r14}^
	sub	r0, sp, #ENTRY_CONTEXT_GPRS
	mrc	p15, 0, sp, c13, c0, 4
	b	\handler
	.endm

	ENTRY	undef_entry, 4, handle_undef
	ENTRY	pabt_entry, 4, handle_prefetch_abort
	ENTRY	dabt_entry, 8, handle_data_abort
	ENTRY	irq_entry, 4, handle_irq_entry
	ENTRY	reset_entry, 0, handle_bad_exception

/* return_to_user(struct context *ctx): restore and drop to user mode,
 * leaving SP_svc just past the context for the next entry. With several
 * processors smp_patch_return makes its first instruction a branch to
 * return_to_user_smp. */
	.global return_to_user
return_to_user:
	add	sp, r0, #ENTRY_CONTEXT_GPRS
	ldmdb	sp, {r0-r14}^
	rfeia	sp!

/* ---- Several processors ---- */

	.global return_to_user_smp
return_to_user_smp:
	mov	r4, r0
	bl	smp_leave			@ marks the processor in user mode, unlocks
	add	sp, r4, #ENTRY_CONTEXT_GPRS
	ldmdb	sp, {r0-r14}^
	rfeia	sp!

	.balign 32
	.global smp_vectors
smp_vectors:
	b	smp_reset_entry
	b	smp_undef_entry
	b	smp_svc_entry
	b	smp_pabt_entry
	b	smp_dabt_entry
	b	smp_reset_entry
	b	smp_irq_entry
	b	smp_reset_entry

/* smp_enter(ctx, handler, by_svc) takes the lock and goes on to handler;
 * IPC to smp_ipc, which keeps the fast path to threads of this processor,
 * the other calls to smp_syscall. */
smp_svc_entry:
	cmp	r7, #ENTRY_SYS_NULL
	moveq	r0, #0
	movseq	pc, lr
	srsdb	sp!, #ENTRY_MODE_SVC
	stmdb	sp, {r0-r14}^
	sub	r0, sp, #ENTRY_CONTEXT_GPRS
	mrc	p15, 0, sp, c13, c0, 4
	cmp	r7, #ENTRY_SYS_IPC
	ldreq	r1, =smp_ipc
	ldrne	r1, =smp_syscall
	mov	r2, #1
	b	smp_enter

	.macro	SMP_ENTRY name, lr_adjust, handler
\name:
	sub	lr, lr, #\lr_adjust
	srsdb	sp!, #ENTRY_MODE_SVC
	cps	#ENTRY_MODE_SVC
	stmdb	sp, {r0-r14}^
	sub	r0, sp, #ENTRY_CONTEXT_GPRS
	mrc	p15, 0, sp, c13, c0, 4
	ldr	r1, =\handler
	mov	r2, #0
	b	smp_enter
	.endm

	SMP_ENTRY	smp_undef_entry, 4, handle_undef
	SMP_ENTRY	smp_pabt_entry, 4, handle_prefetch_abort
	SMP_ENTRY	smp_dabt_entry, 8, handle_data_abort
	SMP_ENTRY	smp_irq_entry, 4, handle_irq_entry_smp
	SMP_ENTRY	smp_reset_entry, 0, handle_bad_exception

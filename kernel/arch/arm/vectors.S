/* vectors.S - exception vectors, kernel entry and the return to user mode.
 * While a thread runs in user mode, SP_svc points just past its saved
 * context (struct context in thread.h), so every entry saves the user
 * registers straight into the TCB and then runs C on the one kernel stack. */
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
	ldr	sp, =boot_stack_top
	b	handle_syscall

ipc_entry:
	srsdb	sp!, #ENTRY_MODE_SVC
	stmdb	sp, {r0-r14}^
	sub	r0, sp, #ENTRY_CONTEXT_GPRS
	ldr	sp, =boot_stack_top
	b	fastpath_ipc

	.macro	ENTRY name, lr_adjust, handler
\name:
	sub	lr, lr, #\lr_adjust
	srsdb	sp!, #ENTRY_MODE_SVC
	cps	#ENTRY_MODE_SVC
	stmdb	sp, {r0-r14}^
	sub	r0, sp, #ENTRY_CONTEXT_GPRS
	ldr	sp, =boot_stack_top
	b	\handler
	.endm

	ENTRY	undef_entry, 4, handle_undef
	ENTRY	pabt_entry, 4, handle_prefetch_abort
	ENTRY	dabt_entry, 8, handle_data_abort
	ENTRY	irq_entry, 4, handle_irq_entry
	ENTRY	reset_entry, 0, handle_bad_exception

/* return_to_user(struct context *ctx): restore and drop to user mode,
 * leaving SP_svc just past the context for the next entry. */
	.global return_to_user
return_to_user:
	add	sp, r0, #ENTRY_CONTEXT_GPRS
	ldmdb	sp, {r0-r14}^
	rfeia	sp!

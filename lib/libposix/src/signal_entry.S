/* signal_entry.S - where mm0 starts a signal handler: r0 signo, r1 &siginfo, r2 the
 * frame (the ucontext argument), r3 the handler, sp the frame mm0 wrote on this stack.
 * After the handler the frame goes back to mm0, which restores every register. */
	.syntax unified
	.arm
	.text
	.global posix_signal_entry
	.type posix_signal_entry, %function
posix_signal_entry:
	mov	r4, sp			@ the frame; callee-saved across the handler
	mov	fp, #0
	bl	posix_signal_run
	mov	r0, r4
	bl	posix_sigreturn		@ never returns

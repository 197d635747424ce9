/* setjmp_names.S - _setjmp and _longjmp, the names BSD and System V
 * programs use for setjmp and longjmp without the signal mask; picolibc's
 * setjmp never saves the mask, so they are the same functions. A plain
 * branch keeps lr and sp, so setjmp sees the caller's frame. */
	.text
	.arm
	.global _setjmp
	.type _setjmp, %function
_setjmp:
	b	setjmp
	.size _setjmp, . - _setjmp

	.global _longjmp
	.type _longjmp, %function
_longjmp:
	b	longjmp
	.size _longjmp, . - _longjmp

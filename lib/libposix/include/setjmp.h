/* setjmp.h - picolibc's setjmp and longjmp, plus sigsetjmp and siglongjmp (which picolibc
 * offers only on Cygwin and RTEMS): the buffer also keeps the signal mask. */
#ifndef LIBPOSIX_SETJMP_H
#define LIBPOSIX_SETJMP_H

#include_next <setjmp.h>
#include <signal.h>

typedef struct {
	jmp_buf env;
	int mask_saved;
	sigset_t mask;
} sigjmp_buf[1];

/* A macro, as setjmp must return in the caller's frame. */
#define sigsetjmp(buf, savemask) \
	((buf)[0].mask_saved = (savemask), \
	 (buf)[0].mask_saved ? (void)sigprocmask(SIG_BLOCK, 0, &(buf)[0].mask) : (void)0, \
	 setjmp((buf)[0].env))

void siglongjmp(sigjmp_buf buf, int value) __attribute__((noreturn));

/* setjmp and longjmp under their BSD names (src/setjmp_names.S). */
int _setjmp(jmp_buf env) __attribute__((returns_twice));
void _longjmp(jmp_buf env, int value) __attribute__((noreturn));

#endif

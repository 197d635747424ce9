/* sys/_sigset.h - sigset_t's type for every header that uses it (picolibc's <sys/select.h>,
 * <spawn.h>): 64 bits, signal n in bit n - 1, for Larch's signals 1..64 (mm0's sets). It
 * replaces picolibc's one-word type and takes its include guard. */
#ifndef _SYS__SIGSET_H_
#define _SYS__SIGSET_H_

typedef unsigned long long __sigset_t;

#endif

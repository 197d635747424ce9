/* fork and clone. */
#ifndef MM0_FORK_H
#define MM0_FORK_H

#include <stdint.h>

struct task;

/* The child resumes at pc with sp and r0 = 0; the caller gets its pid. */
long mm0_fork(struct task *task, uint32_t pc, uint32_t sp);
/* MM0_CLONE_* flags (low byte: 0 or SIGCHLD); returns the new thread's tid. */
long mm0_clone(struct task *task, unsigned flags, uint32_t child_sp, uint32_t pc);

#endif

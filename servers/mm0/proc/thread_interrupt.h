/* Ending the blocking call of one thread without a signal: pthread_cancel's way to reach
 * a thread that waits in a server (docs/libposix.md, "Cancellation"). */
#ifndef MM0_THREAD_INTERRUPT_H
#define MM0_THREAD_INTERRUPT_H

#include <stdint.h>

struct task;

/* The thread of caller's process whose kernel thread is l4_tid: the call it is blocked
 * in ends with -EINTR (mm0's own waitpid or sigsuspend, fs0's waiting request, or the
 * kernel's IPC cancel for anything else). 1 when it was blocked, 0 when it was not
 * (nothing changes; the caller itself is never blocked elsewhere), -ESRCH for no such
 * thread in the caller's process. */
long mm0_thread_interrupt(struct task *caller, uint32_t l4_tid);

#endif

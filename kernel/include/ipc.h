/* ipc.h - synchronous IPC: the slow path, the fast path, kernel messages. */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include "thread.h"

void sys_ipc(struct thread *t);
/* The svc vector's entry for L4_SYS_IPC: handles the common register-only
 * call / reply-and-wait and passes anything else to handle_syscall. */
void fastpath_ipc(struct context *ctx) __attribute__((noreturn));
/* The same for smp_ipc: returns to user mode through return_to_user,
 * which releases the lock with several processors. */
void fastpath_ipc_smp(struct context *ctx) __attribute__((noreturn));
/* Sends a fault or exception message to t's pager as a call. */
void ipc_kernel_call(struct thread *t, uint32_t label, const uint32_t words[L4_FAULT_WORDS]);
/* Aborts t's pending IPC with -err (timeouts, cancel, partner gone). */
void ipc_abort(struct thread *t, int err);
/* Wakes every thread waiting on t with -L4_EPARTNER (t is going away). */
void ipc_abort_partners(struct thread *t);

#endif

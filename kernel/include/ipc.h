/* ipc.h - synchronous IPC: the slow path, the fast path, kernel messages. */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include "space.h"
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
/* Whether a receive from `spec`, a thread other than `sender`, takes
 * sender's message anyway: both are threads of one worker-pool space. Only
 * for the mismatch branch: the common case compares spec with the sender. */
static inline bool ipc_pool_sibling(l4_tid_t spec, const struct thread *sender)
{
	if (!sender->space->worker_pool)
		return false;
	const struct thread *waited_for = thread_lookup(spec);
	return waited_for && waited_for->space == sender->space;
}
/* Aborts t's pending IPC with -err (timeouts, cancel, partner gone). */
void ipc_abort(struct thread *t, int err);
/* Wakes every thread waiting on t with -L4_EPARTNER (t is going away); one
 * waiting for t's reply waits for a sibling instead if t's space is a
 * worker pool that keeps other threads. */
void ipc_abort_partners(struct thread *t);

#endif

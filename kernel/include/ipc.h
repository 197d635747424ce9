/* ipc.h - synchronous IPC: the slow path, the fast path, kernel messages. */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include "thread.h"

void sys_ipc(struct thread *t);
/* Handles the common register-only call / reply-and-wait; returns only if
 * the case is not a fast one. */
void fastpath_ipc(struct thread *t);
/* Sends a fault or exception message to t's pager as a call. */
void ipc_kernel_call(struct thread *t, uint32_t label, const uint32_t words[L4_FAULT_WORDS]);
/* Aborts t's pending IPC with -err (timeouts, cancel, partner gone). */
void ipc_abort(struct thread *t, int err);
/* Wakes every thread waiting on t with -L4_EPARTNER (t is going away). */
void ipc_abort_partners(struct thread *t);

#endif

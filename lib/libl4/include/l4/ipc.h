/* ipc.h - the UTCB and the IPC system call for user programs. */
#ifndef L4_IPC_H
#define L4_IPC_H

#include <l4/abi.h>

/* The kernel points TPIDRURO just past this thread's UTCB. */
static inline struct l4_utcb *l4_utcb(void)
{
	uint32_t tp;
	asm("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp));
	return (struct l4_utcb *)(tp - L4_UTCB_SIZE);
}

static inline l4_tid_t l4_myself(void)
{
	return l4_utcb()->my_tid;
}

/* Sends utcb->mr[0..u] (u from the tag in mr[0]) to `to` if to != NIL, then
 * receives from from_spec (a tid, L4_ANYTHREAD, or NIL for send-only) into
 * utcb->mr[]. Returns 0 or -L4_E*; *from (if non-NULL) gets the sender.
 * MR0..MR5 travel in r3, r4, r5, r6, r8, r9. */
int l4_ipc(l4_tid_t to, l4_tid_t from_spec, uint32_t timeouts, l4_tid_t *from);

/* Send, then receive from the same thread; never times out. */
static inline int l4_call(l4_tid_t to)
{
	return l4_ipc(to, to, L4_TIMEOUTS_NEVER, 0);
}

/* Reply without blocking, then wait for anyone. */
static inline int l4_reply_wait(l4_tid_t to, l4_tid_t *from)
{
	return l4_ipc(to, L4_ANYTHREAD, L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_NEVER), from);
}

static inline int l4_send(l4_tid_t to, uint32_t timeouts)
{
	return l4_ipc(to, L4_NILTHREAD, timeouts, 0);
}

static inline int l4_receive(l4_tid_t from_spec, uint32_t timeouts, l4_tid_t *from)
{
	return l4_ipc(L4_NILTHREAD, from_spec, timeouts, from);
}

#endif

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

/* The processor this thread runs on (sched_getcpu): kernel-written. */
static inline uint32_t l4_my_processor(void)
{
	return l4_utcb()->processor;
}

/* Sends utcb->mr[0..u] (u from the tag in mr[0]) to `to` if to != NIL, then
 * receives from from_spec (a tid, L4_ANYTHREAD, or NIL for send-only) into
 * utcb->mr[]. Returns 0 or -L4_E*; *from (if non-NULL) gets the sender.
 * MR0..MR5 travel in r3, r4, r5, r6, r8, r9. Inline, so that the compiler
 * loads registers from values it already holds rather than from the UTCB,
 * and a call costs no branch and no saved registers. */
static inline int l4_ipc(l4_tid_t to, l4_tid_t from_spec, uint32_t timeouts, l4_tid_t *from)
{
	uint32_t *mr = l4_utcb()->mr;
	register uint32_t r0 asm("r0") = to;
	register uint32_t r1 asm("r1") = from_spec;
	register uint32_t r2 asm("r2") = timeouts;
	register uint32_t r3 asm("r3") = mr[0];
	register uint32_t r4 asm("r4") = mr[1];
	register uint32_t r5 asm("r5") = mr[2];
	register uint32_t r6 asm("r6") = mr[3];
	register uint32_t r7 asm("r7") = L4_SYS_IPC;
	register uint32_t r8 asm("r8") = mr[4];
	register uint32_t r9 asm("r9") = mr[5];
	asm volatile("svc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6),
		       "+r"(r8), "+r"(r9)
		     : "r"(r7)
		     : "memory");
	if (from_spec != L4_NILTHREAD) {
		mr[0] = r3;
		mr[1] = r4;
		mr[2] = r5;
		mr[3] = r6;
		mr[4] = r8;
		mr[5] = r9;
	}
	if (from)
		*from = r1;
	return (int)r0;
}

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

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
 * MR0..MR5 travel in r3, r4, r5, r6, r8, r9: one ldm and one ldrd load
 * them from the UTCB, one stm and one strd store the received ones (two
 * instructions each way where word by word takes six and their address
 * arithmetic). Inline, so a call costs no branch and no saved registers
 * beyond those. */
static inline int l4_ipc(l4_tid_t to, l4_tid_t from_spec, uint32_t timeouts, l4_tid_t *from)
{
	uint32_t *mr = l4_utcb()->mr;
	register uint32_t r0 asm("r0") = to;
	register uint32_t r1 asm("r1") = from_spec;
	register uint32_t r2 asm("r2") = timeouts;
	register uint32_t r7 asm("r7") = L4_SYS_IPC;
	if (from_spec != L4_NILTHREAD)
		asm volatile("ldm %[mr], {r3-r6}\n\tldrd r8, r9, [%[mr], #16]\n\tsvc #0\n\t"
			     "stm %[mr], {r3-r6}\n\tstrd r8, r9, [%[mr], #16]"
			     : "+r"(r0), "+r"(r1), "+r"(r2)
			     : [mr] "r"(mr), "r"(r7)
			     : "r3", "r4", "r5", "r6", "r8", "r9", "memory");
	else
		asm volatile("ldm %[mr], {r3-r6}\n\tldrd r8, r9, [%[mr], #16]\n\tsvc #0"
			     : "+r"(r0), "+r"(r1), "+r"(r2)
			     : [mr] "r"(mr), "r"(r7)
			     : "r3", "r4", "r5", "r6", "r8", "r9", "memory");
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

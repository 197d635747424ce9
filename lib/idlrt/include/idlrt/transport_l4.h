/* transport_l4.h - the target's call path, inline so that a stub is its stores
 * into the UTCB plus the IPC itself (no extra calls). */
#ifndef IDLRT_TRANSPORT_L4_H
#define IDLRT_TRANSPORT_L4_H

#include <errno.h>
#include <l4/ipc.h>

/* Kernel error codes (negative L4_E*) as the -errno values stubs return. */
static inline int idlrt_errno_of(int l4_error)
{
	switch (-l4_error) {
	case L4_ETIMEOUT:
		return -ETIMEDOUT;
	case L4_ENOTHREAD:
		return -ESRCH;
	case L4_EPARTNER:
		return -ECONNRESET;
	case L4_ECANCELED:
		return -EINTR;
	case L4_EMSGSIZE:
		return -EMSGSIZE;
	case L4_EPERM:
		return -EPERM;
	default:
		return -EIO;
	}
}

static inline uint32_t *idlrt_mr(void)
{
	return l4_utcb()->mr;
}

static inline int idlrt_call(idlrt_dest_t to)
{
	int err = l4_call(to);
	return err < 0 ? idlrt_errno_of(err) : 0;
}

/* l4_call with the words in registers both ways (r3-r6, r8, r9, as l4_ipc). */
static inline int idlrt_call_regs(idlrt_dest_t to, uint32_t words[IDLRT_REG_WORDS])
{
	register uint32_t r0 asm("r0") = to;
	register uint32_t r1 asm("r1") = to;
	register uint32_t r2 asm("r2") = L4_TIMEOUTS_NEVER;
	register uint32_t r3 asm("r3") = words[0];
	register uint32_t r4 asm("r4") = words[1];
	register uint32_t r5 asm("r5") = words[2];
	register uint32_t r6 asm("r6") = words[3];
	register uint32_t r7 asm("r7") = L4_SYS_IPC;
	register uint32_t r8 asm("r8") = words[4];
	register uint32_t r9 asm("r9") = words[5];
	_Static_assert(IDLRT_REG_WORDS == 6, "one register per word");
	asm volatile("svc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6),
		       "+r"(r8), "+r"(r9)
		     : "r"(r7)
		     : "memory");
	words[0] = r3;
	words[1] = r4;
	words[2] = r5;
	words[3] = r6;
	words[4] = r8;
	words[5] = r9;
	return (int)r0 < 0 ? idlrt_errno_of((int)r0) : 0;
}

/* A server loop's one IPC: sends the reply in the UTCB to reply_to (none if
 * L4_NILTHREAD, without waiting), then waits for the next request from
 * anyone into the UTCB, as long as the receive half of timeouts allows
 * (idlrt_reply_wait: for ever). Returns 0 or a negative L4_E*; on 0, *from is the
 * sender and *tag, *header its MR0 and MR1 straight from the registers the
 * kernel delivered them in, so the dispatch decides on them without loading
 * them back. */
static inline int idlrt_reply_wait_timed(l4_tid_t reply_to, uint32_t timeouts, l4_tid_t *from,
					 uint32_t *tag, uint32_t *header)
{
	uint32_t *mr = l4_utcb()->mr;
	register uint32_t r0 asm("r0") = reply_to;
	register uint32_t r1 asm("r1") = L4_ANYTHREAD;
	register uint32_t r2 asm("r2") = timeouts;
	register uint32_t r3 asm("r3");
	register uint32_t r4 asm("r4");
	register uint32_t r7 asm("r7") = L4_SYS_IPC;
	asm volatile("ldm %[mr], {r3-r6}\n\tldrd r8, r9, [%[mr], #16]\n\tsvc #0\n\t"
		     "stm %[mr], {r3-r6}\n\tstrd r8, r9, [%[mr], #16]"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "=&r"(r3), "=&r"(r4)
		     : [mr] "r"(mr), "r"(r7)
		     : "r5", "r6", "r8", "r9", "memory");
	*from = r1;
	*tag = r3;
	*header = r4;
	return (int)r0;
}

static inline int idlrt_reply_wait(l4_tid_t reply_to, l4_tid_t *from, uint32_t *tag, uint32_t *header)
{
	return idlrt_reply_wait_timed(reply_to, L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_NEVER), from,
				      tag, header);
}

static inline int idlrt_send(idlrt_dest_t to)
{
	int err = l4_send(to, L4_TIMEOUTS_NEVER);
	return err < 0 ? idlrt_errno_of(err) : 0;
}

#endif

/* fastpath.c - the IPC fast path, entered straight from the svc vector: a
 * register-only call or reply-and-wait to a thread already waiting for us
 * (or for our reply to its fault), at no lower priority, with nothing
 * queued for us and no timeout to arm.
 * Everything else goes on to handle_syscall and the slow path (sys_ipc),
 * which gives the same result for the cases handled here. Each test exits
 * on its own, so the common case runs straight through. */
#include "ipc.h"
#include "irq.h"
#include "sched.h"
#include "syscall.h"

#define unlikely(x)	__builtin_expect(!!(x), 0)

/* Timeout words whose receive half is L4_TIMEOUT_NEVER, the largest value. */
#define RECV_NEVER_MIN	((uint32_t)L4_TIMEOUT_NEVER << 16)
_Static_assert(L4_TIMEOUT_NEVER == 0xffff, "RECV_NEVER_MIN needs the largest timeout");

/* The vector saved the caller's registers where SP_svc pointed: just past
 * the running thread's context, as every return to user mode leaves it. So
 * ctx is current's, and the thread is found without a load. */
void fastpath_ipc(struct context *ctx)
{
	struct thread *t = (struct thread *)ctx;
	l4_tid_t to = ctx->r[0], from = ctx->r[1];
	uint32_t slot = L4_TID_SLOT(to);
	/* A call names its partner twice; reply-and-wait receives from anyone. */
	if (from != to && unlikely(from != L4_ANYTHREAD))
		goto slow;
	if (unlikely(slot >= MAX_THREADS))
		goto slow;
	if (unlikely(L4_TAG_WORDS(ctx->r[3]) >= L4_MR_IN_REGS))
		goto slow;
	/* Labels from L4_LABEL_KERNEL_MIN up are the kernel's; sys_ipc refuses them. */
	if (unlikely(ctx->r[3] >= L4_TAG(L4_LABEL_KERNEL_MIN, 0)))
		goto slow;
	if (unlikely(ctx->r[2] < RECV_NEVER_MIN))
		goto slow;
	struct thread *dest = thread_table[slot];
	if (unlikely(!dest))
		goto slow;
	if (unlikely(dest->tid != to))
		goto slow;
	/* A pager's reply to a fault carries no data: the thread resumes as it was. */
	bool fault_reply = false;
	if (unlikely(dest->fastpath_word != FASTPATH_WORD_RECEIVING)) {
		if (dest->fastpath_word != FASTPATH_WORD_FAULTED || !dest->fault_sent)
			goto slow;
		fault_reply = true;
	}
	if (unlikely(dest->prio < t->prio))
		goto slow;
	if (dest->recv_spec != L4_ANYTHREAD && unlikely(dest->recv_spec != t->tid))
		goto slow;
	/* Before a thread waits for anyone, queued senders and interrupts go first. */
	if (from != to && unlikely(t->sendq_head || irq_pending_for(t)))
		goto slow;

	if (fault_reply) {
		dest->fault_pending = false;
		dest->fault_sent = false;
	} else {
		struct context *dctx = &dest->ctx;
		dctx->r[0] = 0;
		dctx->r[1] = t->tid;
		dctx->r[3] = ctx->r[3];
		dctx->r[4] = ctx->r[4];
		dctx->r[5] = ctx->r[5];
		dctx->r[6] = ctx->r[6];
		dctx->r[8] = ctx->r[8];
		dctx->r[9] = ctx->r[9];
	}
	t->state = TS_RECV;
	t->recv_spec = from;
	dest->state = TS_READY;
	sched_handoff(t, dest);
slow:
	handle_syscall(ctx);
}

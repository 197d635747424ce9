/* fastpath.c - the IPC fast path: a register-only call or reply-and-wait
 * to a thread already waiting for us, at no lower priority, with nothing
 * queued for us and no timeouts to arm. Everything else takes sys_ipc. */
#include "ipc.h"
#include "irq.h"
#include "sched.h"

void fastpath_ipc(struct thread *t)
{
	struct context *ctx = &t->ctx;
	l4_tid_t to = ctx->r[0], from = ctx->r[1];
	if (to == L4_NILTHREAD || (from != to && from != L4_ANYTHREAD) ||
	    L4_TAG_WORDS(ctx->r[3]) >= L4_MR_IN_REGS || (ctx->r[2] >> 16) != L4_TIMEOUT_NEVER)
		return;
	if (from == L4_ANYTHREAD && t->sendq_head)
		return;
	struct thread *dest = thread_lookup(to);
	if (!dest || dest->state != TS_RECV || dest->fault_pending || dest->suspended ||
	    dest->sleeping || dest->prio < t->prio ||
	    (dest->recv_spec != L4_ANYTHREAD && dest->recv_spec != t->tid))
		return;
	if (from == L4_ANYTHREAD && irq_pending_for(t))
		return;

	struct context *dctx = &dest->ctx;
	dctx->r[0] = 0;
	dctx->r[1] = t->tid;
	dctx->r[3] = ctx->r[3];
	dctx->r[4] = ctx->r[4];
	dctx->r[5] = ctx->r[5];
	dctx->r[6] = ctx->r[6];
	dctx->r[8] = ctx->r[8];
	dctx->r[9] = ctx->r[9];
	t->state = TS_RECV;
	t->recv_spec = from;
	dest->state = TS_READY;
	sched_replace(t, dest);
	sched_switch_to(dest);
}

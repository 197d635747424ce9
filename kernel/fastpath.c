/* fastpath.c - the IPC fast path, entered straight from the svc vector: a
 * register-only call or reply-and-wait to a thread already waiting for us
 * (or for our reply to its fault; or for a sibling of ours in a worker
 * pool), at no lower priority, with nothing
 * queued for us and no timeout to arm; a register-only reply sent on its
 * own to a thread waiting for us at no higher priority; and a receive from
 * anyone that blocks.
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

/* MR0..MR5 of the sender's registers to a receiver, stamped with the sender. */
static inline __attribute__((always_inline)) void
copy_message(struct context *dctx, const struct context *ctx, l4_tid_t sender, uint32_t tag)
{
	dctx->r[0] = 0;
	dctx->r[1] = sender;
	dctx->r[3] = tag;
	dctx->r[4] = ctx->r[4];
	dctx->r[5] = ctx->r[5];
	dctx->r[6] = ctx->r[6];
	dctx->r[8] = ctx->r[8];
	dctx->r[9] = ctx->r[9];
}

/* fastpath_send's receiver waits for another thread: a sibling of ours in
 * a worker pool (a deferred reply handed on) takes the message as
 * fastpath_send would, anything else goes the slow way. Its own function,
 * with dest first (where fastpath_send keeps it for sched_enqueue), so the
 * common case keeps its registers. */
static void __attribute__((noinline, noreturn)) fastpath_send_pool(struct thread *dest,
								   struct context *ctx)
{
	struct thread *t = (struct thread *)ctx;
	if (!ipc_pool_sibling(dest->recv_spec, t))
		handle_syscall(ctx);
	copy_message(&dest->ctx, ctx, t->tid, ctx->r[3]);
	dest->fastpath_word = TS_READY;
	sched_enqueue(dest, false);
	ctx->r[0] = 0;
	ctx->r[1] = L4_NILTHREAD;
	return_to_user(ctx);
}

/* A reply sent on its own (send only, send timeout zero: a deferred reply)
 * to a thread waiting for it at no higher priority: the receiver is queued
 * behind its equals and the sender goes on, as the slow path does (ipc.c's
 * do_send). Its own function, so the call and reply-and-wait path keeps
 * its registers. */
static void __attribute__((noinline, noreturn)) fastpath_send(struct context *ctx)
{
	struct thread *t = (struct thread *)ctx;
	l4_tid_t to = ctx->r[0];
	uint32_t tag = ctx->r[3];
	if (unlikely((ctx->r[2] & 0xffffu) != L4_TIMEOUT_ZERO))
		goto slow;
	if (unlikely(ctx->r[1] != L4_NILTHREAD))
		goto slow;
	if (unlikely(L4_TAG_WORDS(tag) >= L4_MR_IN_REGS))
		goto slow;
	if (unlikely(tag >= L4_TAG(L4_LABEL_KERNEL_MIN, 0)))
		goto slow;
	struct thread *dest = thread_table[L4_TID_SLOT(to) % MAX_THREADS];
	if (unlikely(!dest))
		goto slow;
	if (unlikely(dest->tid != to))
		goto slow;
	if (unlikely(dest->prio > t->prio))
		goto slow;
	if (unlikely(dest->fastpath_word != FASTPATH_WORD_RECEIVING))
		goto slow;
	if (dest->recv_spec != L4_ANYTHREAD && unlikely(dest->recv_spec != t->tid))
		fastpath_send_pool(dest, ctx);
	copy_message(&dest->ctx, ctx, t->tid, tag);
	dest->fastpath_word = TS_READY;
	sched_enqueue(dest, false);
	ctx->r[0] = 0;
	ctx->r[1] = L4_NILTHREAD;
	return_to_user(ctx);
slow:
	handle_syscall(ctx);
}

/* A receive from anyone without a timeout (a server back in its loop with
 * no reply to send) by a thread with no sender queued and no interrupt
 * pending: it waits and the scheduler picks who runs, as after the slow
 * path's start_receive (ipc.c). Its own function, like fastpath_send. */
static void __attribute__((noinline, noreturn)) fastpath_wait(struct context *ctx)
{
	struct thread *t = (struct thread *)ctx;
	if (unlikely(ctx->r[1] != L4_ANYTHREAD))
		goto slow;
	if (unlikely(ctx->r[2] < RECV_NEVER_MIN))
		goto slow;
	/* Any interrupt pending (rare) goes the slow way, which delivers it
	 * if it is this thread's. */
	if (unlikely(t->sendq_head || irq_pending_count))
		goto slow;
	ctx->r[1] = L4_NILTHREAD;
	t->state = TS_RECV;
	t->recv_spec = L4_ANYTHREAD;
	sched_dequeue(t);
	sched_return_blocked();
slow:
	handle_syscall(ctx);
}

/* The vector saved the caller's registers where SP_svc pointed: just past
 * the running thread's context, as every return to user mode leaves it. So
 * ctx is current's, and the thread is found without a load. */
static inline __attribute__((always_inline, noreturn)) void fastpath(struct context *ctx, bool one_cpu)
{
	struct thread *t = (struct thread *)ctx;
	l4_tid_t to = ctx->r[0], from = ctx->r[1];
	uint32_t tag = ctx->r[3];
	/* A call names its partner twice; reply-and-wait receives from anyone. */
	if (from != to && unlikely(from != L4_ANYTHREAD))
		fastpath_send(ctx);
	/* The slot is masked into the table instead of range-checked: a tid
	 * whose slot lies past the table equals no thread's tid. Slot 0 is
	 * never used, so a receive only (to L4_NILTHREAD) finds no thread,
	 * before its tag (whatever MR0 held) is looked at. */
	struct thread *dest = thread_table[L4_TID_SLOT(to) % MAX_THREADS];
	if (unlikely(!dest)) {
		if (to == L4_NILTHREAD)
			fastpath_wait(ctx);
		goto slow;
	}
	if (unlikely(L4_TAG_WORDS(tag) >= L4_MR_IN_REGS))
		goto slow;
	/* Labels from L4_LABEL_KERNEL_MIN up are the kernel's; sys_ipc refuses them. */
	if (unlikely(tag >= L4_TAG(L4_LABEL_KERNEL_MIN, 0)))
		goto slow;
	if (unlikely(ctx->r[2] < RECV_NEVER_MIN))
		goto slow;
	if (unlikely(dest->tid != to))
		goto slow;
	if (unlikely(dest->prio < t->prio))
		goto slow;
	if (dest->recv_spec != L4_ANYTHREAD && unlikely(dest->recv_spec != t->tid) &&
	    !ipc_pool_sibling(dest->recv_spec, t))
		goto slow;
	/* Before a thread waits for anyone, queued senders and interrupts go first. */
	if (from != to && unlikely(t->sendq_head || irq_pending_for(t)))
		goto slow;

	uint32_t dest_word = dest->fastpath_word;
	if (__builtin_expect(dest_word == FASTPATH_WORD_RECEIVING, 1)) {
		copy_message(&dest->ctx, ctx, t->tid, tag);
	} else if (dest_word == FASTPATH_WORD_FAULTED && dest->fault_sent) {
		/* A pager's reply to a fault carries no data: the thread resumes
		 * as it was; the store of TS_READY below clears fault_pending. */
		dest->fault_sent = false;
	} else {
		goto slow;
	}
	t->state = TS_RECV;
	t->recv_spec = from;
	/* Its state and all three flags: the flags were clear, or only fault_pending. */
	dest->fastpath_word = TS_READY;
	sched_handoff(t, dest, one_cpu);
slow:
	handle_syscall(ctx);
}

/* Entered from the one-processor vectors only. */
void fastpath_ipc(struct context *ctx)
{
	fastpath(ctx, true);
}

void fastpath_ipc_smp(struct context *ctx)
{
	fastpath(ctx, false);
}

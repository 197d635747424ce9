/* ipc.c - the IPC slow path: send, receive, call and reply-and-wait with
 * timeouts, send queues, kernel-made fault messages, and aborts. */
#include "ipc.h"
#include "irq.h"
#include "sched.h"

enum { SEND_DONE, SEND_BLOCKED };

static void sendq_append(struct thread *dest, struct thread *t)
{
	t->sendq_next = NULL;
	t->sendq_prev = dest->sendq_tail;
	if (dest->sendq_tail)
		dest->sendq_tail->sendq_next = t;
	else
		dest->sendq_head = t;
	dest->sendq_tail = t;
}

static void sendq_remove(struct thread *dest, struct thread *t)
{
	if (t->sendq_prev)
		t->sendq_prev->sendq_next = t->sendq_next;
	else
		dest->sendq_head = t->sendq_next;
	if (t->sendq_next)
		t->sendq_next->sendq_prev = t->sendq_prev;
	else
		dest->sendq_tail = t->sendq_prev;
	t->sendq_next = t->sendq_prev = NULL;
}

/* Copies the message of s into r and stamps the sender. A thread waiting
 * for its pager's reply to a fault takes no data: it resumes unchanged. */
static void transfer(struct thread *s, struct thread *r)
{
	if (r->fault_pending && r->fault_sent) {
		r->fault_pending = r->fault_sent = false;
		return;
	}
	static const uint8_t reg_of_mr[L4_MR_IN_REGS] = { 3, 4, 5, 6, 8, 9 };
	if (s->fault_pending && !s->fault_sent) {
		for (unsigned i = 0; i <= L4_FAULT_WORDS; i++)
			r->ctx.r[reg_of_mr[i]] = s->fault_msg[i];
		s->fault_sent = true;
	} else {
		for (unsigned i = 0; i < L4_MR_IN_REGS; i++)
			r->ctx.r[reg_of_mr[i]] = s->ctx.r[reg_of_mr[i]];
		uint32_t words = L4_TAG_WORDS(s->ctx.r[3]);
		for (uint32_t i = L4_MR_IN_REGS; i <= words; i++)
			r->utcb->mr[i] = s->utcb->mr[i];
	}
	r->ctx.r[0] = 0;
	r->ctx.r[1] = s->tid;
}

static void start_receive(struct thread *t, l4_tid_t from, uint16_t timeout)
{
	t->state = TS_RECV;
	t->recv_spec = from;
	sched_dequeue(t);
	sleep_start(t, timeout);
}

/* A blocked sender's message was taken: it waits for the reply of a call,
 * or returns. */
static void sender_done(struct thread *s)
{
	if (s->recv_after_send) {
		s->recv_after_send = false;
		if (s->recv_timeout == L4_TIMEOUT_ZERO) {
			s->ctx.r[0] = (uint32_t)-L4_ETIMEOUT;
			sched_make_ready(s, false);
		} else {
			start_receive(s, s->recv_spec, s->recv_timeout);
		}
		return;
	}
	s->ctx.r[0] = 0;
	sched_make_ready(s, false);
}

static bool accepts(const struct thread *r, const struct thread *sender)
{
	return r->state == TS_RECV && (r->recv_spec == L4_ANYTHREAD || r->recv_spec == sender->tid ||
				       ipc_pool_sibling(r->recv_spec, sender));
}

static int do_send(struct thread *t, struct thread *dest, uint16_t send_timeout,
		   l4_tid_t from, uint16_t recv_timeout)
{
	if (accepts(dest, t)) {
		sleep_cancel(dest);
		transfer(t, dest);
		/* The receiver goes to the front of its priority's ring: it
		 * runs next when the sender blocks or is not above it. Except
		 * after a reply (a send only that must not wait: its receiver
		 * waits already): a server goes on serving and its client
		 * runs when the server next waits. */
		bool reply = from == L4_NILTHREAD && send_timeout == L4_TIMEOUT_ZERO;
		sched_make_ready(dest, !reply);
		return SEND_DONE;
	}
	if (send_timeout == L4_TIMEOUT_ZERO) {
		t->ctx.r[0] = (uint32_t)-L4_ETIMEOUT;
		return SEND_BLOCKED;
	}
	t->state = TS_SEND;
	t->send_dest = dest;
	t->recv_after_send = from != L4_NILTHREAD;
	t->recv_spec = from;
	t->recv_timeout = recv_timeout;
	sendq_append(dest, t);
	sched_dequeue(t);
	sleep_start(t, send_timeout);
	return SEND_BLOCKED;
}

static void do_receive(struct thread *t, l4_tid_t from, uint16_t timeout)
{
	if (irq_deliver_pending(t, from))
		return;
	struct thread *s = t->sendq_head;
	if (from != L4_ANYTHREAD)
		while (s && s->tid != from && !ipc_pool_sibling(from, s))
			s = s->sendq_next;
	if (s) {
		sendq_remove(t, s);
		sleep_cancel(s);
		transfer(s, t);
		sender_done(s);
		return;
	}
	if (timeout == L4_TIMEOUT_ZERO) {
		t->ctx.r[0] = (uint32_t)-L4_ETIMEOUT;
		return;
	}
	start_receive(t, from, timeout);
	/* t, the caller of the system call, blocks: sched_return need not
	 * test whether it goes on running. */
	sched_return_after_block();
}

void sys_ipc(struct thread *t)
{
	l4_tid_t to = t->ctx.r[0], from = t->ctx.r[1];
	uint16_t send_timeout = t->ctx.r[2] & 0xffff, recv_timeout = t->ctx.r[2] >> 16;
	t->ctx.r[1] = L4_NILTHREAD;
	/* A call to a vanished partner fails before anything is sent. */
	if (from != L4_ANYTHREAD && from != L4_NILTHREAD && L4_TID_VERSION(from) != 0 &&
	    !thread_lookup(from)) {
		t->ctx.r[0] = (uint32_t)-L4_ENOTHREAD;
		return;
	}
	if (to != L4_NILTHREAD) {
		/* Fault, exception and interrupt messages come only from the kernel. */
		if (L4_TAG_LABEL(t->ctx.r[3]) >= L4_LABEL_KERNEL_MIN) {
			t->ctx.r[0] = (uint32_t)-L4_EINVAL;
			return;
		}
		struct thread *dest = thread_lookup(to);
		if (!dest) {
			t->ctx.r[0] = (uint32_t)-L4_ENOTHREAD;
			return;
		}
		if (dest == t) {
			t->ctx.r[0] = (uint32_t)-L4_EINVAL;
			return;
		}
		if (do_send(t, dest, send_timeout, from, recv_timeout) == SEND_BLOCKED)
			return;
	}
	if (from == L4_NILTHREAD) {
		t->ctx.r[0] = 0;
		return;
	}
	do_receive(t, from, recv_timeout);
}

void ipc_kernel_call(struct thread *t, uint32_t label, const uint32_t words[L4_FAULT_WORDS])
{
	struct thread *pager = thread_lookup(t->pager);
	t->fault_msg[0] = L4_TAG(label, L4_FAULT_WORDS);
	for (unsigned i = 0; i < L4_FAULT_WORDS; i++)
		t->fault_msg[i + 1] = words[i];
	t->fault_pending = true;
	t->fault_sent = false;
	/* The pager usually waits already: hand over to it directly, as the IPC
	 * fast path does (the slow path below would pick it too), if it runs on
	 * this processor. */
	if (pager->fastpath_word == FASTPATH_WORD_RECEIVING && accepts(pager, t) &&
	    pager->prio >= t->prio && t == current && pager->home == t->home) {
		transfer(t, pager);
		t->state = TS_RECV;
		t->recv_spec = pager->tid;
		pager->state = TS_READY;
		sched_handoff(t, pager, false);
	}
	if (do_send(t, pager, L4_TIMEOUT_NEVER, pager->tid, L4_TIMEOUT_NEVER) == SEND_DONE)
		start_receive(t, pager->tid, L4_TIMEOUT_NEVER);
}

void ipc_abort(struct thread *t, int err)
{
	sleep_cancel(t);
	if (t->state == TS_READY)
		return;
	if (t->state == TS_SEND)
		sendq_remove(t->send_dest, t);
	t->recv_after_send = false;
	if (t->fault_pending) {
		/* The faulting instruction runs again and faults afresh. */
		t->fault_pending = t->fault_sent = false;
	} else {
		t->ctx.r[0] = (uint32_t)err;
	}
	sched_make_ready(t, false);
}

/* Another thread of t's space if that space is a worker pool, else NULL. */
static struct thread *pool_sibling_of(const struct thread *t)
{
	if (!t->space->worker_pool)
		return NULL;
	for (uint32_t slot = 1; slot < thread_slots_end; slot++) {
		struct thread *w = thread_table[slot];
		if (w && w != t && w->space == t->space)
			return w;
	}
	return NULL;
}

void ipc_abort_partners(struct thread *t)
{
	while (t->sendq_head)
		ipc_abort(t->sendq_head, -L4_EPARTNER);
	/* A reply a pool worker owed may be sent by any of its siblings (a
	 * deferred reply handed on), so its callers wait on while one lives. */
	struct thread *sibling = pool_sibling_of(t);
	for (uint32_t slot = 1; slot < thread_slots_end; slot++) {
		struct thread *w = thread_table[slot];
		if (!w || w == t || w->state != TS_RECV || w->recv_spec != t->tid)
			continue;
		if (sibling && w->space != t->space)
			w->recv_spec = sibling->tid;
		else
			ipc_abort(w, -L4_EPARTNER);
	}
}

/* l4_transport.c - the target transport's out-of-line part: deferred replies and the server loop. */
#include <stdbool.h>
#include <idlrt/idlrt.h>
#include <idlrt/serve.h>

/* One deferred reply that idlrt_serve_timed's loop sends in the send half of
 * its next receive instead of on its own: the client it answers (a reader a
 * pipe write woke) then runs at once, in one kernel fast path, where a send
 * would only queue it and the loop's receive would then block and call the
 * scheduler. Held only for the thread running that loop (holder_tid): a
 * server's other threads share this memory. A second deferred reply while
 * one is held goes out at once, as every deferred reply does elsewhere. */
static l4_tid_t holder_tid = L4_NILTHREAD;
l4_tid_t idlrt_held_client = L4_NILTHREAD;
static bool building_held;
static uint32_t held_mr[L4_MR_COUNT];

uint32_t *idlrt_deferred_begin(idlrt_token_t token)
{
	(void)token;
	building_held = idlrt_held_client == L4_NILTHREAD && l4_utcb()->my_tid == holder_tid;
	return building_held ? held_mr : l4_utcb()->mr;
}

/* The client is blocked in the receive half of its call, so do not wait. */
int idlrt_deferred_send(idlrt_token_t token)
{
	if (building_held) {
		building_held = false;
		idlrt_held_client = token.client;
		return 0;
	}
	int err = l4_send(token.client, L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_ZERO));
	return err < 0 ? idlrt_errno_of(err) : 0;
}

/* The held reply into the message registers: its tag and its words. */
static inline void load_held(void)
{
	uint32_t *mr = l4_utcb()->mr;
	uint32_t words = L4_TAG_WORDS(held_mr[0]);
	for (uint32_t i = 0; i <= words; i++)
		mr[i] = held_mr[i];
}

void idlrt_hold_deferred(void)
{
	holder_tid = l4_utcb()->my_tid;
}

void idlrt_deferred_flush(void)
{
	if (idlrt_held_client == L4_NILTHREAD)
		return;
	load_held();
	(void)l4_send(idlrt_held_client, L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_ZERO));
	idlrt_held_client = L4_NILTHREAD;
}

/* The held reply goes in the receive's send half: the loop's own reply (in
 * the message registers, to reply_to) first goes on its own, since its
 * client is blocked in its call's receive as well. Returns whom the
 * receive's send half answers. */
l4_tid_t idlrt_hand_over_held(l4_tid_t reply_to)
{
	if (reply_to != L4_NILTHREAD)
		(void)l4_send(reply_to, L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_ZERO));
	load_held();
	reply_to = idlrt_held_client;
	idlrt_held_client = L4_NILTHREAD;
	return reply_to;
}

/* The one loop behind the entry points, inlined into each, so that
 * idlrt_serve (on_kernel and timer_armed NULL) has no label test and no
 * timer test on its path. One IPC site:
 * a reply goes out in the send half of the next receive, and when there is
 * none (or it failed) the send half is skipped and the send timeout unused.
 * With hold set (idlrt_serve_timed), a held deferred reply takes that send
 * half (serve.h's idlrt_serve_held, as the generated X_serve_timed). */
static inline __attribute__((always_inline, noreturn)) void
serve_loop(idlrt_dispatch_fn dispatch, idlrt_dispatch_fn on_kernel, uint16_t (*receive_timeout)(void),
	   const volatile uint32_t *timer_armed, int trace, bool hold)
{
	struct idlrt_request rq = { .mr = l4_utcb()->mr, .trace = trace };
	l4_tid_t from = L4_NILTHREAD, reply_to = L4_NILTHREAD;
	int disposition;

	if (hold)
		idlrt_hold_deferred();
	for (;;) {
		uint32_t timeouts = L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_NEVER);
		int err;

		if (timer_armed)
			timeouts = idlrt_serve_timeouts(receive_timeout, timer_armed);
		if (hold)
			reply_to = idlrt_serve_held(reply_to);
		err = l4_ipc(reply_to, L4_ANYTHREAD, timeouts, &from);

		reply_to = L4_NILTHREAD;
		if (err < 0)
			continue;
		rq.client = from;
		if (on_kernel && L4_TAG_LABEL(rq.mr[0]) >= L4_LABEL_KERNEL_MIN)
			disposition = on_kernel(&rq);
		else
			disposition = dispatch(&rq);
		if (disposition == IDLRT_SEND_REPLY)
			reply_to = from;
	}
}

void idlrt_serve(idlrt_dispatch_fn dispatch, int trace)
{
	serve_loop(dispatch, NULL, NULL, NULL, trace, false);
}

void idlrt_serve_timed(idlrt_dispatch_fn dispatch, uint16_t (*receive_timeout)(void),
		       const volatile uint32_t *timer_armed, int trace)
{
	serve_loop(dispatch, NULL, receive_timeout, timer_armed, trace, true);
}

void idlrt_serve_with_kernel(idlrt_dispatch_fn dispatch, idlrt_dispatch_fn on_kernel, int trace)
{
	serve_loop(dispatch, on_kernel, NULL, NULL, trace, false);
}

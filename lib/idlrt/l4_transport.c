/* l4_transport.c - the target transport's out-of-line part: deferred replies and the server loop. */
#include <idlrt/idlrt.h>
#include <idlrt/serve.h>

uint32_t *idlrt_deferred_begin(idlrt_token_t token)
{
	(void)token;
	return l4_utcb()->mr;
}

/* The client is blocked in the receive half of its call, so do not wait. */
int idlrt_deferred_send(idlrt_token_t token)
{
	int err = l4_send(token.client, L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_ZERO));
	return err < 0 ? idlrt_errno_of(err) : 0;
}

/* The one loop behind the entry points, inlined into each, so that
 * idlrt_serve (on_kernel and timer_armed NULL) has no label test and no
 * timer test on its path. One IPC site:
 * a reply goes out in the send half of the next receive, and when there is
 * none (or it failed) the send half is skipped and the send timeout unused. */
static inline __attribute__((always_inline, noreturn)) void
serve_loop(idlrt_dispatch_fn dispatch, idlrt_dispatch_fn on_kernel, uint16_t (*receive_timeout)(void),
	   const volatile uint32_t *timer_armed, int trace)
{
	struct idlrt_request rq = { .mr = l4_utcb()->mr, .trace = trace };
	l4_tid_t from = L4_NILTHREAD, reply_to = L4_NILTHREAD;
	int disposition;

	for (;;) {
		uint32_t timeouts = L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_NEVER);
		int err;

		if (timer_armed && __builtin_expect(*timer_armed != 0, 0))
			timeouts = L4_TIMEOUTS(L4_TIMEOUT_ZERO, receive_timeout());
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
	serve_loop(dispatch, NULL, NULL, NULL, trace);
}

void idlrt_serve_timed(idlrt_dispatch_fn dispatch, uint16_t (*receive_timeout)(void),
		       const volatile uint32_t *timer_armed, int trace)
{
	serve_loop(dispatch, NULL, receive_timeout, timer_armed, trace);
}

void idlrt_serve_with_kernel(idlrt_dispatch_fn dispatch, idlrt_dispatch_fn on_kernel, int trace)
{
	serve_loop(dispatch, on_kernel, NULL, NULL, trace);
}

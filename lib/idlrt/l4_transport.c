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

void idlrt_serve(idlrt_dispatch_fn dispatch, int trace)
{
	struct idlrt_request rq = { .mr = l4_utcb()->mr, .trace = trace };
	l4_tid_t from = L4_NILTHREAD;
	int err = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
	for (;;) {
		if (err < 0) {
			err = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
			continue;
		}
		rq.client = from;
		if (dispatch(&rq) == IDLRT_SEND_REPLY)
			err = l4_reply_wait(from, &from);
		else
			err = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
	}
}

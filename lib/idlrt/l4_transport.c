/* l4_transport.c - the target transport: generated code over libl4 IPC, and the server loop. */
#include <errno.h>
#include <idlrt/idlrt.h>
#include <idlrt/serve.h>
#if __has_include(<l4/ipc.h>)
#include <l4/ipc.h>
#else
/* Exactly libl4's API, until lib/libl4/include/l4/ipc.h lands. */
struct l4_utcb *l4_utcb(void);
int l4_call(l4_tid_t to);
int l4_reply_wait(l4_tid_t to, l4_tid_t *from);
int l4_send(l4_tid_t to, uint32_t timeouts);
int l4_receive(l4_tid_t from_spec, uint32_t timeouts, l4_tid_t *from);
#endif

/* Kernel error codes (negative L4_E*) as the -errno values stubs return. */
static int errno_of(int l4_error)
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

uint32_t *idlrt_mr(void)
{
	return l4_utcb()->mr;
}

int idlrt_call(idlrt_dest_t to)
{
	int err = l4_call(to);
	return err < 0 ? errno_of(err) : 0;
}

int idlrt_send(idlrt_dest_t to)
{
	int err = l4_send(to, L4_TIMEOUTS_NEVER);
	return err < 0 ? errno_of(err) : 0;
}

uint32_t *idlrt_deferred_begin(idlrt_token_t token)
{
	(void)token;
	return l4_utcb()->mr;
}

/* The client is blocked in the receive half of its call, so do not wait. */
int idlrt_deferred_send(idlrt_token_t token)
{
	int err = l4_send(token.client, L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_ZERO));
	return err < 0 ? errno_of(err) : 0;
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

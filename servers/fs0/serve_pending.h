/* serve_pending.h - a blocking request's reply token: on the handler's stack
 * while the logic runs, and copied to the heap (fs0_reply_ops.keep) only
 * when the request waits (a pipe read or write, a record lock, a poll). */
#ifndef FS0_SERVE_PENDING_H
#define FS0_SERVE_PENDING_H

#include <idlrt/idlrt.h>
#include "fs0.h"

struct serve_pending {
	idlrt_token_t token;
	/* the generated reply function that answers it, through a wrapper
	 * that gives it the pending's own parts */
	int (*reply)(const struct serve_pending *pending, int result);
	/* A small read's or write's bytes (read_small, write_small): a request
	 * that waits keeps them with the token (fs0_reply_ops.keep). */
	uint8_t small[FS0_SMALL_IO_MAX];
};

#endif

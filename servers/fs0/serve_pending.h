/* serve_pending.h - a blocking request's reply token: on the handler's stack
 * while the logic runs, and copied to the heap (fs0_reply_ops.keep) only
 * when the request waits (a pipe read or write, a record lock, a poll). */
#ifndef FS0_SERVE_PENDING_H
#define FS0_SERVE_PENDING_H

#include <idlrt/idlrt.h>

struct serve_pending {
	idlrt_token_t token;
	int (*reply)(idlrt_token_t token, int result);	/* the generated reply function that answers it */
};


#endif

/* serve_pending.h - a blocking request's reply token while it waits (a pipe
 * read or write, a record lock). */
#ifndef FS0_SERVE_PENDING_H
#define FS0_SERVE_PENDING_H

#include <idlrt/idlrt.h>

struct serve_pending {
	idlrt_token_t token;
	int (*reply)(idlrt_token_t token, int result);	/* the generated reply function that answers it */
};

/* A deferred request's, answered through reply (fs0_read_reply, ...); NULL when out of memory. */
struct serve_pending *serve_pending_new(idlrt_token_t token, int (*reply)(idlrt_token_t token, int result));
/* Turns the logic's result into the handler's, freeing pending unless deferred. */
int serve_pending_result(struct serve_pending *pending, long result);

#endif

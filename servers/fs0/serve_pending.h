/* serve_pending.h - a blocking pipe request's reply token while it waits. */
#ifndef FS0_SERVE_PENDING_H
#define FS0_SERVE_PENDING_H

#include <stdbool.h>
#include <idlrt/idlrt.h>

struct serve_pending {
	idlrt_token_t token;
	bool is_write;		/* which generated reply function answers it */
};

/* NULL when out of memory. */
struct serve_pending *serve_pending_new(idlrt_token_t token, bool is_write);
/* Turns the logic's result into the handler's, freeing pending unless deferred. */
int serve_pending_result(struct serve_pending *pending, long result);

#endif

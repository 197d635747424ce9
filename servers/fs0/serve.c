/* serve.c - fs0's life on the wire: start-up, shutdown, the check that a
 * request comes from mm0, and deferred replies (pipes, record locks) sent
 * through the generated reply functions. */
#include <server/counted_alloc.h>
#include "fs0_server.h"
#include "serve.h"
#include "serve_pending.h"
#include "serve_state.h"

l4_tid_t serve_mm0_tid;
l4_tid_t serve_mm0_pager_tids[SERVE_MM0_THREADS_MAX];
uint8_t *serve_window;
uint32_t serve_window_size;

/* The client of a deferred reply may be gone already (its task exited, or
 * it was cancelled): then the send fails and there is nobody to tell. A
 * read's bytes are already where its token points: only the count goes. */
static void complete_pending(void *kept, long result)
{
	const struct serve_pending *pending = kept;
	(void)pending->reply(pending, (int)result);
}

/* A handler's pending reply is on its stack: a request that waits keeps a copy. */
static void keep_pending(const void *token, void *kept)
{
	*(struct serve_pending *)kept = *(const struct serve_pending *)token;
}

static const struct fs0_reply_ops idl_replies = {
	.token_size = sizeof(struct serve_pending),
	.keep = keep_pending,
	.complete = complete_pending,
};

int fs0_serve_init(l4_tid_t mm0_tid, void *window, uint32_t window_size)
{
	if (mm0_tid == L4_NILTHREAD || !window || window_size == 0)
		return -FS0_EINVAL;
	int error = fs_init(&idl_replies);
	if (error)
		return error;
	serve_mm0_tid = mm0_tid;
	serve_window = window;
	serve_window_size = window_size;
	return 0;
}

void fs0_serve_shutdown(void)
{
	fs_shutdown();
	idlrt_bulk_forget_all();
	(void)serve_set_workers(NULL, 0);
	serve_mm0_tid = L4_NILTHREAD;
	for (unsigned i = 0; i < SERVE_MM0_THREADS_MAX; i++)
		serve_mm0_pager_tids[i] = L4_NILTHREAD;
	serve_window = NULL;
	serve_window_size = 0;
}

int serve_require_mm0(const struct idlrt_request *rq)
{
	if (rq->client == serve_mm0_tid)
		return 0;
	/* mm0's pager thread reads file pages for faults, its workers make
	 * any mm_ call (mm_pager_thread); each uses the buffer mm0 registered
	 * for it. */
	for (unsigned i = 0; i < SERVE_MM0_THREADS_MAX; i++)
		if (rq->client == serve_mm0_pager_tids[i] && rq->client != L4_NILTHREAD)
			return 0;
	return -FS0_EPERM;
}


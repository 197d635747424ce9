/* handle_poll.c - the handlers of poll and poll_masked: the items and the
 * revents lie in the caller's shared buffer, where a waiter fills revents
 * before its later reply names them. */
#include "fs0_logic.h"
#include "fs0_server.h"
#include "serve_pending.h"

/* revents are already where the dispatch resolved them (the token keeps the
 * place and the caller's count of them). */
static int poll_reply(const struct serve_pending *pending, int result)
{
	idlrt_token_t token = pending->token;
	return fs0_poll_reply(token, result, token.bulk_at, result >= 0 ? token.bulk_capacity : 0);
}

static int poll_masked_reply(const struct serve_pending *pending, int result)
{
	idlrt_token_t token = pending->token;
	return fs0_poll_masked_reply(token, result, token.bulk_at,
				     result >= 0 ? token.bulk_capacity : 0);
}

/* The items checked and the wait begun; reply answers it later. */
static int start_poll(struct idlrt_request *idl_rq, idlrt_token_t idl_token, const void *items,
		      uint32_t items_len, int32_t timeout_ms, void *revents, uint32_t revents_len,
		      int (*reply)(const struct serve_pending *pending, int result))
{
	uint32_t count = items_len / sizeof(struct fs0_poll_item);
	if (items_len % sizeof(struct fs0_poll_item) || revents_len != count * sizeof(uint16_t))
		return -FS0_EINVAL;
	struct serve_pending pending = { .token = idl_token, .reply = reply };
	return (int)fs_poll(idl_rq->client, items, count, revents, timeout_ms, &pending);
}

int fs0_handle_poll(struct idlrt_request *idl_rq, idlrt_token_t idl_token, const void *items,
		    uint32_t items_len, int32_t timeout_ms, void *revents, uint32_t *revents_len)
{
	return start_poll(idl_rq, idl_token, items, items_len, timeout_ms, revents, *revents_len,
			  poll_reply);
}

int fs0_handle_poll_masked(struct idlrt_request *idl_rq, idlrt_token_t idl_token, const void *items,
			   uint32_t items_len, int32_t timeout_ms, uint32_t interrupted_at,
			   void *revents, uint32_t *revents_len)
{
	void *word;

	if (interrupted_at % sizeof(uint32_t) ||
	    idlrt_bulk_at(idl_rq, interrupted_at, sizeof(uint32_t), &word))
		return -FS0_EINVAL;
	if (*(volatile const uint32_t *)word)
		return -FS0_EINTR;
	return start_poll(idl_rq, idl_token, items, items_len, timeout_ms, revents, *revents_len,
			  poll_masked_reply);
}

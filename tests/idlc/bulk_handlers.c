/* bulk_handlers.c - the bulk_test server's handlers, run by check_bulk over the loopback. */
#include <string.h>
#include "test_bulk_server.h"

int bulk_test_handle_put(struct idlrt_request *idl_rq, uint32_t salt, const void *data, uint32_t data_len,
			 uint32_t *sum)
{
	(void)idl_rq;
	const uint8_t *bytes = data;
	uint32_t total = salt;
	for (uint32_t i = 0; i < data_len; i++)
		total += bytes[i];
	*sum = total;
	return (int)data_len;
}

int bulk_test_handle_get(struct idlrt_request *idl_rq, uint32_t seed, void *data, uint32_t *data_len)
{
	(void)idl_rq;
	uint8_t *bytes = data;
	for (uint32_t i = 0; i < *data_len; i++)
		bytes[i] = (uint8_t)(seed + i);
	return 0;
}

int bulk_test_handle_path(struct idlrt_request *idl_rq, const char *path, uint32_t *last)
{
	(void)idl_rq;
	size_t len = strlen(path);
	*last = len ? (uint8_t)path[len - 1] : 0;
	return (int)len;
}

int bulk_test_handle_join(struct idlrt_request *idl_rq, const char *path, const void *data, uint32_t data_len,
			  void *copy, uint32_t *copy_len)
{
	(void)idl_rq;
	size_t path_len = strlen(path);
	if (path_len + data_len > *copy_len)
		return -ENOSPC;
	memcpy(copy, path, path_len);
	if (data_len)
		memcpy((uint8_t *)copy + path_len, data, data_len);
	*copy_len = (uint32_t)(path_len + data_len);
	return 0;
}

/* The call hold keeps waiting: its token, and where its in bytes lie. */
static struct {
	int held;
	idlrt_token_t token;
	const uint8_t *data;
	uint32_t data_len;
} waiting;

int bulk_test_handle_hold(struct idlrt_request *idl_rq, idlrt_token_t idl_token, const void *data,
			  uint32_t data_len, void *back, uint32_t *back_len)
{
	(void)idl_rq;
	(void)back;
	if (data_len == 0) {
		*back_len = 0;
		return 0;
	}
	waiting.held = 1;
	waiting.token = idl_token;
	waiting.data = data;
	waiting.data_len = data_len;
	return IDLRT_DEFERRED;
}

/* The reversed bytes are built here, or straight in the client's buffer. */
int bulk_test_handle_release(struct idlrt_request *idl_rq, uint32_t count, bool in_place)
{
	static uint8_t reversed[BULK_TEST_DATA_MAX];
	(void)idl_rq;
	if (!waiting.held)
		return -ESRCH;
	waiting.held = 0;
	uint8_t *out = in_place ? waiting.token.bulk_at : reversed;
	uint32_t fill = count < waiting.token.bulk_capacity ? count : waiting.token.bulk_capacity;
	for (uint32_t i = 0; i < fill; i++)
		out[i] = waiting.data[(waiting.data_len - 1 - i % waiting.data_len)];
	return bulk_test_hold_reply(waiting.token, (int)count, out, count);
}

/* echo_handlers.c - the example echo server: real handler code behind the generated dispatch. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include "echo_handlers.h"
#include "test_types_server.h"

struct echo_state echo_state;

void echo_state_reset(void)
{
	memset(&echo_state, 0, sizeof(echo_state));
}

static void seen(struct idlrt_request *rq)
{
	echo_state.handler_calls++;
	echo_state.last_client = rq->client;
}

int echo_handle_add(struct idlrt_request *rq, int32_t a, int32_t b, int32_t *sum)
{
	seen(rq);
	*sum = a + b;
	return 0;
}

int echo_handle_scalars(struct idlrt_request *rq, int8_t i8, uint8_t u8, int16_t i16, uint16_t u16,
			int64_t i64, uint64_t u64, bool flag, uintptr_t addr, enum echo_color shade,
			uint64_t *sum, uintptr_t *addr_out)
{
	seen(rq);
	*sum = (uint64_t)(int64_t)i8 + u8 + (uint64_t)(int64_t)i16 + u16 + (uint64_t)i64 + u64 + flag +
	       (uint64_t)shade;
	*addr_out = addr;
	return flag ? 1 : 0;
}

int echo_handle_shapes(struct idlrt_request *rq, const struct echo_pixel *p, struct echo_pixel *q,
		       const echo_key k, echo_key k2, const uint32_t list[4], echo_ticket *t)
{
	seen(rq);
	int32_t x = q->at.x;
	q->at.x = q->at.y;
	q->at.y = x;
	q->shade = p->shade;
	q->lit = !q->lit;
	for (int i = 0; i < 3; i++)
		q->depth[i] = (int16_t)(p->depth[i] + q->depth[i]);
	for (int i = 0; i < 6; i++)
		k2[i] = k[5 - i];
	*t = list[0] + list[1] + list[2] + list[3];
	return 3;
}

int echo_handle_strings(struct idlrt_request *rq, const char *who, char *greeting, char *word)
{
	seen(rq);
	if (strcmp(who, "overflow") == 0) {
		memset(greeting, 'x', 41);
		return 0;
	}
	strcpy(greeting, "hello, ");
	strncat(greeting, who, 40 - strlen(greeting));
	size_t len = strlen(word);
	for (size_t i = 0; i < len / 2; i++) {
		char c = word[i];
		word[i] = word[len - 1 - i];
		word[len - 1 - i] = c;
	}
	return (int)strlen(greeting);
}

int echo_handle_relabel(struct idlrt_request *rq, const struct echo_label *given, struct echo_label *back)
{
	seen(rq);
	if (strcmp(given->text, "overflow") == 0) {
		memset(back->text, 'x', sizeof(back->text));
		return 0;
	}
	for (size_t i = 0; i < sizeof(back->text); i++)
		back->text[i] = (char)toupper((unsigned char)given->text[i]);
	back->serial = given->serial + 1;
	back->spare = !given->spare;
	return (int)strlen(back->text);
}

int echo_handle_buffers(struct idlrt_request *rq, const void *data, uint32_t data_len, void *copy,
			uint32_t *copy_len, void *acc, uint32_t *acc_len)
{
	seen(rq);
	if (*acc_len + data_len > 96)
		return -ENOSPC;
	memcpy(copy, data, data_len);
	*copy_len = data_len;
	memcpy((uint8_t *)acc + *acc_len, data, data_len);
	*acc_len += data_len;
	return (int)data_len;
}

int echo_handle_count(struct idlrt_request *rq)
{
	seen(rq);
	return (int)echo_state.handler_calls;
}

int echo_handle_notify(struct idlrt_request *rq, uint32_t code)
{
	seen(rq);
	echo_state.last_notify = code;
	return 0;
}

int echo_handle_wait(struct idlrt_request *rq, idlrt_token_t token, uint32_t event, int32_t *value)
{
	seen(rq);
	if (echo_state.posted && echo_state.posted_event == event) {
		echo_state.posted = 0;
		*value = echo_state.posted_value;
		return 0;
	}
	if (echo_state.waiting)
		return -EBUSY;
	echo_state.waiting = 1;
	echo_state.wait_event = event;
	echo_state.wait_token = token;
	return IDLRT_DEFERRED;
}

int echo_handle_post(struct idlrt_request *rq, uint32_t event, int32_t value)
{
	seen(rq);
	if (echo_state.waiting && echo_state.wait_event == event) {
		echo_state.waiting = 0;
		echo_state.reply_status = echo_wait_reply(echo_state.wait_token, 0, value);
		return 1;
	}
	echo_state.posted = 1;
	echo_state.posted_event = event;
	echo_state.posted_value = value;
	return 0;
}

int echo_log_handle_line(struct idlrt_request *rq, const char *text)
{
	seen(rq);
	strcpy(echo_state.log_line, text);
	return 0;
}

int echo_handle_total(struct idlrt_request *rq, mode_bits mode, int32_t a, int32_t b, int64_t c, int64_t *sum)
{
	seen(rq);
	*sum = (int64_t)a + b + c;
	return (int)mode;
}

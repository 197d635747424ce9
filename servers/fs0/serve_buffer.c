/* serve_buffer.c - each client thread's shared buffer: where it lies in fs0's
 * window (told by mm0), and the bounds check every bulk parameter's range
 * goes through before the generated dispatch runs a handler. */
#include <string.h>
#include <server/counted_alloc.h>
#include "serve.h"
#include "serve_state.h"

struct client_buffer {
	struct client_buffer *next;
	l4_tid_t tid;
	uint32_t window_off;
	uint32_t size;
};

static struct client_buffer *buffers;
static uint32_t live_buffers;

static struct client_buffer *buffer_find(l4_tid_t tid)
{
	for (struct client_buffer *buffer = buffers; buffer; buffer = buffer->next)
		if (buffer->tid == tid)
			return buffer;
	return NULL;
}

int buffer_set(l4_tid_t tid, uint32_t window_off, uint32_t size)
{
	if (tid == L4_NILTHREAD || window_off % 8 != 0)
		return -FS0_EINVAL;
	if (window_off > serve_window_size || size > serve_window_size - window_off)
		return -FS0_EINVAL;
	if (size == 0) {
		buffer_forget(tid);
		return 0;
	}
	struct client_buffer *buffer = buffer_find(tid);
	if (!buffer) {
		buffer = counted_alloc(sizeof(*buffer));
		if (!buffer)
			return -FS0_ENOMEM;
		buffer->tid = tid;
		buffer->next = buffers;
		buffers = buffer;
		live_buffers++;
	}
	buffer->window_off = window_off;
	buffer->size = size;
	return 0;
}

void buffer_forget(l4_tid_t tid)
{
	for (struct client_buffer **link = &buffers; *link; link = &(*link)->next) {
		struct client_buffer *buffer = *link;
		if (buffer->tid != tid)
			continue;
		*link = buffer->next;
		counted_free(buffer);
		live_buffers--;
		return;
	}
}

void buffer_forget_all(void)
{
	while (buffers)
		buffer_forget(buffers->tid);
}

uint32_t buffer_count(void)
{
	return live_buffers;
}

int buffer_at(l4_tid_t tid, uint32_t off, uint32_t len, void **data)
{
	const struct client_buffer *buffer = buffer_find(tid);
	if (!buffer || off > buffer->size || len > buffer->size - off)
		return -FS0_EFAULT;
	*data = serve_window + buffer->window_off + off;
	return 0;
}

int idlrt_bulk_at(const struct idlrt_request *rq, uint32_t offset, uint32_t len, void **at)
{
	return buffer_at(rq->client, offset, len, at);
}

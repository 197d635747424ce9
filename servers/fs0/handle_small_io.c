/* handle_small_io.c - the handlers of read_small and write_small: reads and
 * writes of at most FS0_SMALL_IO_MAX bytes whose bytes travel in the message
 * itself, kept in the request's pending record (serve_pending.h), so that one
 * that waits on a pipe takes them along. */
#include "fs0_server.h"
#include "serve.h"
#include "serve_pending.h"

static int read_small_reply(const struct serve_pending *pending, int result)
{
	return fs0_read_small_reply(pending->token, result, pending->small,
				    result > 0 ? (uint32_t)result : 0);
}

/* A larger max is cut to what the reply carries (a short read, as POSIX allows). */
int fs0_handle_read_small(struct idlrt_request *idl_rq, idlrt_token_t idl_token, int32_t fd,
			  uint32_t max, void *data, uint32_t *data_len)
{
	struct serve_pending pending = { .token = idl_token, .reply = read_small_reply };
	long result = fs_read(idl_rq->client, fd, pending.small,
			      max < FS0_SMALL_IO_MAX ? max : FS0_SMALL_IO_MAX, &pending);
	if (result > 0) {
		/* data has room for the whole bound: copied whole, the compiler's
		 * copy of a constant size is two words (fs0 is built freestanding,
		 * so a plain memcpy would be picolibc's call, dearer than the bytes). */
		__builtin_memcpy(data, pending.small, FS0_SMALL_IO_MAX);
		*data_len = (uint32_t)result;
	}
	return (int)result;
}

static int write_small_reply(const struct serve_pending *pending, int result)
{
	return fs0_write_small_reply(pending->token, result);
}

int fs0_handle_write_small(struct idlrt_request *idl_rq, idlrt_token_t idl_token, int32_t fd,
			   const void *data, uint32_t data_len)
{
	struct serve_pending pending = { .token = idl_token, .reply = write_small_reply };
	/* The generated decoder's data is an array of the whole bound, as an
	 * out buffer's is: copied whole, in two words (see read_small). */
	__builtin_memcpy(pending.small, data, FS0_SMALL_IO_MAX);
	return (int)fs_write(idl_rq->client, fd, pending.small, data_len, &pending);
}

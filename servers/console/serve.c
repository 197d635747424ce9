/* serve.c - the console's request handlers: each hands its request to the
 * terminal, and the terminal's waiting requests are answered through the
 * generated deferred replies. */
#include "console_server.h"
#include "serve.h"

_Static_assert(TTY_IO_MAX == CONSOLE_IO_MAX, "tty.h and console.idl disagree on IO_MAX");

struct tty console_tty;
uint32_t console_lost_replies;

static void read_done(idlrt_token_t token, int result, const void *data, uint32_t len)
{
	if (console_read_reply(token, result, data, len) < 0)
		console_lost_replies++;
}

static void write_done(idlrt_token_t token, int result)
{
	if (console_write_reply(token, result) < 0)
		console_lost_replies++;
}

static const struct tty_reply_ops deferred_replies = { read_done, write_done };

void console_serve_start(const struct uart_io *io)
{
	console_lost_replies = 0;
	tty_start(&console_tty, io, &deferred_replies);
}

int console_handle_read(struct idlrt_request *idl_rq, idlrt_token_t idl_token, uint32_t max,
			void *data, uint32_t *data_len)
{
	int result = tty_read(&console_tty, idl_token, max, data);

	(void)idl_rq;
	if (result >= 0)
		*data_len = (uint32_t)result;
	return result;
}

int console_handle_write(struct idlrt_request *idl_rq, idlrt_token_t idl_token, const void *data,
			 uint32_t data_len)
{
	(void)idl_rq;
	return tty_write(&console_tty, idl_token, data, data_len);
}

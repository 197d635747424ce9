/* serve.c - the console's request handlers: each hands its request to the
 * terminal, the terminal's waiting requests are answered through the
 * generated deferred replies, and Ctrl-C's SIGINT goes out through
 * console_signal_group. */
#include "console_server.h"
#include "serve.h"

_Static_assert(TTY_IO_MAX == CONSOLE_IO_MAX, "tty.h and console.idl disagree on IO_MAX");
_Static_assert(TTY_ICRNL == CONSOLE_ICRNL && TTY_ISIG == CONSOLE_ISIG &&
	       TTY_ICANON == CONSOLE_ICANON && TTY_ECHO == CONSOLE_ECHO,
	       "tty.h and console.idl disagree on the mode bits");

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

static const struct tty_reply_ops deferred_replies = { read_done, write_done,
						       console_signal_group };

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

int console_handle_read_now(struct idlrt_request *idl_rq, uint32_t max, void *data,
			    uint32_t *data_len)
{
	int result = tty_read_now(&console_tty, max, data);

	(void)idl_rq;
	if (result >= 0)
		*data_len = (uint32_t)result;
	return result;
}

int console_handle_get_mode(struct idlrt_request *idl_rq, struct console_mode *now)
{
	(void)idl_rq;
	now->iflag = console_tty.mode.iflag;
	now->lflag = console_tty.mode.lflag;
	now->vmin = console_tty.mode.vmin;
	now->vtime = console_tty.mode.vtime;
	return 0;
}

int console_handle_set_mode(struct idlrt_request *idl_rq, const struct console_mode *next)
{
	const struct tty_mode mode = { next->iflag, next->lflag, next->vmin, next->vtime };

	(void)idl_rq;
	tty_set_mode(&console_tty, &mode);
	return 0;
}

int console_handle_get_foreground(struct idlrt_request *idl_rq)
{
	(void)idl_rq;
	return console_tty.foreground;
}

int console_handle_set_foreground(struct idlrt_request *idl_rq, int32_t pgrp)
{
	(void)idl_rq;
	return tty_set_foreground(&console_tty, pgrp);
}

int console_handle_readable(struct idlrt_request *idl_rq)
{
	(void)idl_rq;
	return tty_readable(&console_tty);
}

/* tty.c - the terminal's buffers, modes and waiting requests. Input is kept
 * as segments (a line, a Ctrl-D push, an end of file, or raw bytes typed
 * without ICANON) so that one read never returns more than one line; output
 * is queued with "\n" turned into "\r\n". */
#include <errno.h>
#include <string.h>

#include "tty.h"

static void echo_to_output(void *ctx, const char *text, uint32_t len)
{
	struct tty *tty = ctx;

	for (uint32_t i = 0; i < len && byte_ring_put(&tty->out, (uint8_t)text[i]); i++)
		continue;
}

/* The line editor's echo, silent without ECHO (a password prompt). */
static void echo_if_wanted(void *ctx, const char *text, uint32_t len)
{
	struct tty *tty = ctx;

	if (tty->mode.lflag & TTY_ECHO)
		echo_to_output(tty, text, len);
}

void tty_start(struct tty *tty, const struct uart_io *io, const struct tty_reply_ops *reply)
{
	memset(tty, 0, sizeof(*tty));
	tty->io = io;
	tty->reply = reply;
	byte_ring_init(&tty->out, tty->out_bytes, TTY_OUT_BYTES);
	byte_ring_init(&tty->in, tty->in_bytes, TTY_IN_BYTES);
	line_init(&tty->line, echo_if_wanted, tty);
	tty->mode = (struct tty_mode){ TTY_ICRNL, TTY_ISIG | TTY_ICANON | TTY_ECHO, 1, 0 };
	pl011_start(io);
}

static void send_output(struct tty *tty)
{
	while (tty->out.count && pl011_send(tty->io, byte_ring_peek(&tty->out)))
		byte_ring_get(&tty->out);
	pl011_want_tx(tty->io, tty->out.count != 0);
}

/* Queues as many whole bytes as fit; returns how many were taken. */
static uint32_t queue_output(struct tty *tty, const uint8_t *data, uint32_t len)
{
	uint32_t taken;

	for (taken = 0; taken < len; taken++) {
		if (data[taken] == '\n') {
			if (byte_ring_space(&tty->out) < 2)
				break;
			byte_ring_put(&tty->out, '\r');
		}
		if (!byte_ring_put(&tty->out, data[taken]))
			break;
	}
	return taken;
}

static int add_segment(struct tty *tty, const char *text, uint32_t len)
{
	if (tty->segment_count == TTY_SEGMENTS || byte_ring_space(&tty->in) < len)
		return -ENOSPC;
	for (uint32_t i = 0; i < len; i++)
		byte_ring_put(&tty->in, (uint8_t)text[i]);
	tty->segment_len[(tty->segment_head + tty->segment_count) % TTY_SEGMENTS] = len;
	tty->segment_count++;
	tty->raw_open = false;
	return 0;
}

/* Takes up to max bytes of the oldest segment (there must be one). */
static uint32_t take_segment(struct tty *tty, uint32_t max, uint8_t *data)
{
	uint32_t *len = &tty->segment_len[tty->segment_head];
	uint32_t count = *len < max ? *len : max;

	for (uint32_t i = 0; i < count; i++)
		data[i] = byte_ring_get(&tty->in);
	*len -= count;
	if (*len == 0) {
		tty->segment_head = (tty->segment_head + 1) % TTY_SEGMENTS;
		if (--tty->segment_count == 0)
			tty->raw_open = false;
	}
	return count;
}

/* A read without ICANON and VMIN 0 does not wait: with nothing typed it reads 0. */
static bool read_waits(const struct tty *tty)
{
	return (tty->mode.lflag & TTY_ICANON) || tty->mode.vmin > 0;
}

static void answer_readers(struct tty *tty)
{
	uint8_t data[TTY_IO_MAX];

	while (tty->reader_count && (tty->segment_count || !read_waits(tty))) {
		struct tty_reader reader = tty->readers[0];
		uint32_t count = tty->segment_count ? take_segment(tty, reader.max, data) : 0;

		memmove(&tty->readers[0], &tty->readers[1], --tty->reader_count * sizeof(reader));
		tty->reply->read_done(reader.token, (int)count, data, count);
	}
}

static void answer_writers(struct tty *tty)
{
	while (tty->writer_count) {
		struct tty_writer *writer = &tty->writers[0];
		uint32_t taken = queue_output(tty, writer->data, writer->len);
		idlrt_token_t token = writer->token;

		if (taken == 0 && writer->len)
			break;
		memmove(&tty->writers[0], &tty->writers[1], --tty->writer_count * sizeof(*writer));
		tty->reply->write_done(token, (int)taken);
		send_output(tty);
	}
}

/* Ctrl-C: nothing typed so far is read, every waiting read ends, and the
 * foreground process group (once there is one) gets SIGINT. */
static void interrupt_input(struct tty *tty)
{
	byte_ring_clear(&tty->in);
	tty->segment_head = 0;
	tty->segment_count = 0;
	tty->raw_open = false;
	while (tty->reader_count)
		tty->reply->read_done(tty->readers[--tty->reader_count].token, -EINTR, NULL, 0);
	if (tty->foreground > 0)
		tty->reply->interrupt_group(tty->foreground);
}

/* Without ICANON a key is input at once: it joins the newest segment while
 * that is raw input, else starts one. */
static void take_raw_key(struct tty *tty, uint8_t key)
{
	char text;

	if (key == '\r' && (tty->mode.iflag & TTY_ICRNL))
		key = '\n';
	text = (char)key;

	if (key == KEY_CTRL_C && (tty->mode.lflag & TTY_ISIG)) {
		echo_if_wanted(tty, "^C\r\n", 4);
		interrupt_input(tty);
		return;
	}
	if (tty->raw_open && byte_ring_put(&tty->in, key)) {
		tty->segment_len[(tty->segment_head + tty->segment_count - 1) % TTY_SEGMENTS]++;
	} else if (add_segment(tty, &text, 1) == 0) {
		tty->raw_open = true;
	} else {
		tty->lines_dropped++;
		echo_to_output(tty, "\a", 1);
		return;
	}
	echo_if_wanted(tty, key == '\n' ? "\r\n" : &text, key == '\n' ? 2 : 1);
}

static void take_key(struct tty *tty, uint8_t key)
{
	if (!(tty->mode.lflag & TTY_ICANON)) {
		take_raw_key(tty, key);
		return;
	}
	/* Without ISIG, Ctrl-C is one more control key the editor ignores. */
	if (key == KEY_CTRL_C && !(tty->mode.lflag & TTY_ISIG))
		return;
	switch (line_key(&tty->line, key)) {
	case LINE_DONE:
	case LINE_PUSH:
	case LINE_EOF:
		if (add_segment(tty, tty->line.text, tty->line.len)) {
			tty->lines_dropped++;
			echo_to_output(tty, "\a", 1);
		}
		line_clear(&tty->line);
		break;
	case LINE_INTERRUPT:
		interrupt_input(tty);
		break;
	case LINE_EDITING:
		break;
	}
}

int tty_read(struct tty *tty, idlrt_token_t token, uint32_t max, void *data)
{
	if (max == 0 || max > TTY_IO_MAX)
		return -EINVAL;
	if (!tty->reader_count && (tty->segment_count || !read_waits(tty)))
		return tty->segment_count ? (int)take_segment(tty, max, data) : 0;
	if (tty->reader_count == TTY_MAX_READERS)
		return -EBUSY;
	tty->readers[tty->reader_count++] = (struct tty_reader){ token, max };
	return IDLRT_DEFERRED;
}

int tty_write(struct tty *tty, idlrt_token_t token, const void *data, uint32_t len)
{
	struct tty_writer *writer;
	uint32_t taken;

	if (len > TTY_IO_MAX || (len && !data))
		return -EINVAL;
	if (!tty->writer_count) {
		taken = queue_output(tty, data, len);
		send_output(tty);
		if (taken || !len)
			return (int)taken;
	}
	if (tty->writer_count == TTY_MAX_WRITERS)
		return -EBUSY;
	writer = &tty->writers[tty->writer_count++];
	writer->token = token;
	writer->len = len;
	memcpy(writer->data, data, len);
	return IDLRT_DEFERRED;
}

void tty_interrupt(struct tty *tty)
{
	uint8_t key;

	pl011_take_interrupts(tty->io);
	while (pl011_receive(tty->io, &key))
		take_key(tty, key);
	send_output(tty);
	answer_writers(tty);
	answer_readers(tty);
}

bool tty_readable(const struct tty *tty)
{
	return !tty->reader_count && (tty->segment_count || !read_waits(tty));
}

int tty_read_now(struct tty *tty, uint32_t max, void *data)
{
	if (max == 0 || max > TTY_IO_MAX)
		return -EINVAL;
	if (!tty_readable(tty))
		return -EAGAIN;
	return tty->segment_count ? (int)take_segment(tty, max, data) : 0;
}

/* Input typed raw stays as it is when ICANON comes back, and a line being
 * edited stays in the editor while ICANON is off. */
void tty_set_mode(struct tty *tty, const struct tty_mode *mode)
{
	tty->mode = *mode;
	if (mode->lflag & TTY_ICANON)
		tty->raw_open = false;
	answer_readers(tty);
	send_output(tty);
}

int tty_set_foreground(struct tty *tty, int32_t pgrp)
{
	if (pgrp < 1)
		return -EINVAL;
	tty->foreground = pgrp;
	return 0;
}

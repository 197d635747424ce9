/* tty.h - the terminal: output buffer, edited input, and the reads and writes
 * that wait for them. Plain C for the host tests and the target alike; the
 * UART is reached through struct uart_io, replies through struct tty_reply_ops. */
#ifndef CONSOLE_TTY_H
#define CONSOLE_TTY_H

#include <stdbool.h>
#include <stdint.h>

#include <idlrt/idlrt.h>

#include "line.h"
#include "pl011.h"
#include <server/byte_ring.h>

#define TTY_IO_MAX		240u	/* as CONSOLE_IO_MAX in idl/console.idl */
#define TTY_OUT_BYTES		4096u
#define TTY_IN_BYTES		1024u
#define TTY_SEGMENTS		32u	/* complete lines (or pushes, or ends of file) not yet read */
#define TTY_MAX_READERS		8u
#define TTY_MAX_WRITERS		8u

/* c_iflag and c_lflag bits (Linux's, as console.idl's ICRNL, ISIG, ICANON, ECHO). */
#define TTY_ICRNL		0x100u
#define TTY_ISIG		0x1u
#define TTY_ICANON		0x2u
#define TTY_ECHO		0x8u

/* How waiting requests are answered (the generated deferred replies), and
 * how Ctrl-C reaches the foreground process group (a SIGINT through mm0). */
struct tty_reply_ops {
	void (*read_done)(idlrt_token_t token, int result, const void *data, uint32_t len);
	void (*write_done)(idlrt_token_t token, int result);
	void (*interrupt_group)(int32_t pgrp);
};

/* The terminal's mode: c_iflag, c_lflag, and VMIN and VTIME for reads without ICANON. */
struct tty_mode {
	uint32_t iflag;
	uint32_t lflag;
	uint8_t vmin;
	uint8_t vtime;
};

struct tty_reader {
	idlrt_token_t token;
	uint32_t max;
};

struct tty_writer {
	idlrt_token_t token;
	uint32_t len;
	uint8_t data[TTY_IO_MAX];
};

struct tty {
	const struct uart_io *io;
	const struct tty_reply_ops *reply;
	struct line line;
	struct byte_ring out;
	uint8_t out_bytes[TTY_OUT_BYTES];
	struct byte_ring in;
	uint8_t in_bytes[TTY_IN_BYTES];
	/* Lengths of the input segments in `in`, oldest first; 0 is an end of file. */
	uint32_t segment_len[TTY_SEGMENTS];
	uint32_t segment_head, segment_count;
	struct tty_reader readers[TTY_MAX_READERS];
	uint32_t reader_count;
	struct tty_writer writers[TTY_MAX_WRITERS];
	uint32_t writer_count;
	uint32_t lines_dropped;		/* lines lost because the input buffer was full */
	struct tty_mode mode;
	bool raw_open;			/* the newest segment is raw input that may grow */
	int32_t foreground;		/* process group Ctrl-C signals; 0: none yet */
};

/* Sets up the buffers and starts the UART. */
void tty_start(struct tty *tty, const struct uart_io *io, const struct tty_reply_ops *reply);
/* Reads at most max (1..TTY_IO_MAX) bytes of the next segment into data:
 * the count, IDLRT_DEFERRED (answered later through read_done), -EINVAL, -EBUSY. */
int tty_read(struct tty *tty, idlrt_token_t token, uint32_t max, void *data);
/* Queues len (0..TTY_IO_MAX) bytes for output: how many were taken,
 * IDLRT_DEFERRED while the buffer is full (answered through write_done), -EINVAL, -EBUSY. */
int tty_write(struct tty *tty, idlrt_token_t token, const void *data, uint32_t len);
/* The UART interrupted: takes input, sends output, answers what can be answered. */
void tty_interrupt(struct tty *tty);
/* tty_read that never waits: -EAGAIN when nothing can be read now (and
 * without ICANON and with VMIN 0, 0 as tty_read gives). */
int tty_read_now(struct tty *tty, uint32_t max, void *data);
/* Whether tty_read would answer at once (poll's POLLIN). */
bool tty_readable(const struct tty *tty);
/* Changes the mode (ICRNL without ICANON, ICANON, ECHO and ISIG act; VMIN 0
 * reads do not wait; VTIME is kept but no read is timed). */
void tty_set_mode(struct tty *tty, const struct tty_mode *mode);
/* The foreground process group: -EINVAL below 1. */
int tty_set_foreground(struct tty *tty, int32_t pgrp);

#endif

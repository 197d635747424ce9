/* console_server.c - terminal descriptors through the console server, found
 * once per process as mm.service("console"): their bytes, in pieces of at
 * most CONSOLE_IO_MAX, their mode and the foreground process group. Images
 * without one (most test images and tools/l4run's) print through the kernel
 * debugger and read an empty input; they have no modes (EIO). */
#include <string.h>

#include <l4/syscalls.h>

#include "console.h"
#include "internal.h"
#include "mm0.h"

#define KDEBUG_PUTS_MAX	4096	/* the kernel's limit for one call */

static enum { SERVER_UNKNOWN, SERVER_ABSENT, SERVER_PRESENT } server_state;
static l4_tid_t server;

/* Asked once; a fork child inherits the answer with the memory. */
static int server_present(void)
{
	uint32_t tid = 0;

	if (server_state == SERVER_UNKNOWN) {
		if (mm_service(posix_mm0(), "console", &tid) == 0 && tid) {
			server = tid;
			server_state = SERVER_PRESENT;
		} else {
			server_state = SERVER_ABSENT;
		}
	}
	return server_state == SERVER_PRESENT;
}

/* One piece (at most CONSOLE_IO_MAX bytes) out whole: a lost server hands
 * the rest to the kernel. */
static void piece_output(const char *text, uint32_t length)
{
	while (length && server_present()) {
		int taken = console_write(server, text, length);

		if (taken == -EBUSY) {
			l4_yield();
			continue;
		}
		/* The server is gone (or broken): the kernel prints from here on. */
		if (taken <= 0 || (uint32_t)taken > length) {
			server_state = SERVER_ABSENT;
			break;
		}
		text += taken;
		length -= (uint32_t)taken;
	}
	if (length)
		l4_kdebug_puts(text, length);
}

/* The bytes pass through a buffer here, so a bad pointer is -EFAULT, not a
 * crash; the pieces before it have gone out. */
long terminal_write(const void *data, size_t length)
{
	const char *bytes = data;
	char piece[CONSOLE_IO_MAX];
	size_t written = 0;

	_Static_assert(CONSOLE_IO_MAX <= KDEBUG_PUTS_MAX, "a piece is one kernel print");
	while (written < length) {
		uint32_t size = length - written < sizeof(piece) ? (uint32_t)(length - written)
								 : (uint32_t)sizeof(piece);

		if (posix_copy(piece, bytes + written, size))
			return written ? (long)written : -EFAULT;
		piece_output(piece, size);
		written += size;
	}
	return (long)length;
}

long terminal_read(void *data, size_t length, int nonblocking)
{
	char line[CONSOLE_IO_MAX];
	uint32_t received = 0;
	int answer;

	if (posix_probe_write(data, length))
		return -EFAULT;
	posix_console_flush();
	if (!length || !server_present())
		return 0;
	if (length > CONSOLE_IO_MAX)
		length = CONSOLE_IO_MAX;
	if (nonblocking)
		answer = console_read_now(server, (uint32_t)length, line, &received);
	else
		answer = console_read(server, (uint32_t)length, line, &received);
	if (answer < 0)
		return answer;
	if (received > length)
		return -EIO;
	return posix_copy(data, line, received) ? -EFAULT : (long)received;
}

/* Without a server the input is empty, and a read answers 0 at once. */
long terminal_readable(void)
{
	return server_present() ? console_readable(server) : 1;
}

/* The kernel's debug output has no modes and no process groups. */
long terminal_get_mode(struct console_mode *mode)
{
	return server_present() ? console_get_mode(server, mode) : -EIO;
}

long terminal_set_mode(const struct console_mode *mode)
{
	return server_present() ? console_set_mode(server, mode) : -EIO;
}

long terminal_foreground(void)
{
	return server_present() ? console_get_foreground(server) : -EIO;
}

long terminal_set_foreground(pid_t pgrp)
{
	return server_present() ? console_set_foreground(server, pgrp) : -EIO;
}

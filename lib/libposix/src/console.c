/* console.c - the standard streams on the kernel console. Output is kept
 * per thread until a newline and then printed with one kdebug call, so the
 * lines of different tasks and threads never mix. There is no console
 * input yet: stdin is at end of file. */
#include <stdio.h>
#include <string.h>

#include <l4/syscalls.h>

#include "internal.h"

#define LINE_BYTES	120	/* longer lines are printed in pieces */
#define PUTS_MAX	4096	/* the kernel's limit for one call */

/* In thread-local storage: each thread fills its own line. */
static __thread struct {
	uint32_t used;
	char text[LINE_BYTES];
} line;

void console_flush(void)
{
	if (line.used) {
		l4_kdebug_puts(line.text, line.used);
		line.used = 0;
	}
}

static void line_append(const char *text, size_t length)
{
	while (length) {
		size_t take = LINE_BYTES - line.used;

		if (take > length)
			take = length;
		memcpy(line.text + line.used, text, take);
		line.used += take;
		text += take;
		length -= take;
		if (line.used == LINE_BYTES)
			console_flush();
	}
}

void console_write(const char *text, size_t length)
{
	while (length) {
		const char *newline = memchr(text, '\n', length);
		size_t part = newline ? (size_t)(newline - text) + 1 : length;

		if (newline && line.used == 0 && part <= PUTS_MAX) {
			l4_kdebug_puts(text, part);
		} else {
			line_append(text, part);
			if (newline)
				console_flush();
		}
		text += part;
		length -= part;
	}
}

static int console_put(char c, FILE *stream)
{
	(void)stream;
	console_write(&c, 1);
	return (unsigned char)c;
}

static int console_get(FILE *stream)
{
	(void)stream;
	return _FDEV_EOF;
}

static int console_flush_stream(FILE *stream)
{
	(void)stream;
	console_flush();
	return 0;
}

static FILE console_stream = FDEV_SETUP_STREAM(console_put, console_get, console_flush_stream,
					       _FDEV_SETUP_RW);
FILE *const stdin = &console_stream;
FILE *const stdout = &console_stream;
FILE *const stderr = &console_stream;

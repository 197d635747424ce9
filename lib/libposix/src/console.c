/* console.c - the standard streams. Output is kept per thread until a
 * newline and then goes out with one console write (console_server.c), so
 * the lines of different tasks and threads never mix. Input comes a line
 * at a time; stdio's stdin keeps what it has not handed out yet. */
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "internal.h"

/* One console write or read; longer lines go in pieces. */
#define LINE_BYTES	CONSOLE_IO_MAX
#define INPUT_BYTES	CONSOLE_IO_MAX

/* In thread-local storage: each thread fills its own line. */
static __thread struct {
	uint32_t used;
	char text[LINE_BYTES];
} line;

/* stdin's bytes read from the console but not yet taken. */
static struct {
	uint32_t used, taken;
	char text[INPUT_BYTES];
} input;

void posix_console_flush(void)
{
	if (line.used) {
		console_output(line.text, line.used);
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
			posix_console_flush();
	}
}

void posix_console_write(const char *text, size_t length)
{
	while (length) {
		const char *newline = memchr(text, '\n', length);
		size_t part = newline ? (size_t)(newline - text) + 1 : length;

		if (newline && line.used == 0) {
			console_output(text, part);
		} else {
			line_append(text, part);
			if (newline)
				posix_console_flush();
		}
		text += part;
		length -= part;
	}
}

long posix_console_read(void *data, size_t length)
{
	size_t left = input.used - input.taken;

	if (left) {
		if (length > left)
			length = left;
		memcpy(data, input.text + input.taken, length);
		input.taken += (uint32_t)length;
		return (long)length;
	}
	posix_console_flush();
	return console_input(data, length);
}

static int console_put(char c, FILE *stream)
{
	(void)stream;
	posix_console_write(&c, 1);
	return (unsigned char)c;
}

static int console_get(FILE *stream)
{
	long received;

	(void)stream;
	if (input.taken == input.used) {
		posix_console_flush();
		received = console_input(input.text, sizeof(input.text));
		if (received < 0) {
			errno = (int)-received;
			return _FDEV_ERR;
		}
		if (received == 0)
			return _FDEV_EOF;
		input.used = (uint32_t)received;
		input.taken = 0;
	}
	return (unsigned char)input.text[input.taken++];
}

static int console_flush_stream(FILE *stream)
{
	(void)stream;
	posix_console_flush();
	return 0;
}

static FILE console_stream = FDEV_SETUP_STREAM(console_put, console_get, console_flush_stream,
					       _FDEV_SETUP_RW);
FILE *const stdin = &console_stream;
FILE *const stdout = &console_stream;
FILE *const stderr = &console_stream;

/* console.c - the standard streams over descriptors 0, 1 and 2, wherever
 * those lead. Output is kept per thread until a newline (or a full buffer)
 * and then goes out with one write, so the lines of different tasks and
 * threads never mix on the terminal. One buffer serves stdout and stderr:
 * a byte for the other stream sends the kept ones first, so the two keep
 * their order. stdin keeps, for the process, what one read brought and it
 * has not handed out yet. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "console.h"
#include "internal.h"

/* One console write: a line up to this long reaches the terminal whole. */
#define LINE_BYTES	CONSOLE_IO_MAX
#define INPUT_BYTES	CONSOLE_IO_MAX

/* In thread-local storage: each thread fills its own line. */
static __thread struct {
	uint32_t used;
	int fd;			/* STDOUT_FILENO or STDERR_FILENO, while used */
	char text[LINE_BYTES];
} line;

/* stdin's bytes read but not yet taken. */
static struct {
	uint32_t used, taken;
	char text[INPUT_BYTES];
} input;

/* Writes the kept bytes to their descriptor; -1 with errno when they could
 * not all go (they are dropped: stdio has no way to keep them for a retry). */
static int line_flush(void)
{
	uint32_t sent = 0;

	while (sent < line.used) {
		ssize_t done = write(line.fd, line.text + sent, line.used - sent);

		if (done <= 0) {
			line.used = 0;
			return -1;
		}
		sent += (uint32_t)done;
	}
	line.used = 0;
	return 0;
}

void posix_stdio_flush_fd(int fd)
{
	if (line.used && line.fd == fd)
		line_flush();
}

void posix_console_flush(void)
{
	if (line.used)
		line_flush();
}

static int line_put(char c, int fd)
{
	if (line.used && line.fd != fd && line_flush() < 0)
		return _FDEV_ERR;
	line.fd = fd;
	line.text[line.used++] = c;
	if ((c == '\n' || line.used == LINE_BYTES) && line_flush() < 0)
		return _FDEV_ERR;
	return (unsigned char)c;
}

static int stdout_put(char c, FILE *stream)
{
	(void)stream;
	return line_put(c, STDOUT_FILENO);
}

static int stderr_put(char c, FILE *stream)
{
	(void)stream;
	return line_put(c, STDERR_FILENO);
}

static int stdin_get(FILE *stream)
{
	ssize_t received;

	(void)stream;
	if (input.taken == input.used) {
		posix_console_flush();
		received = read(STDIN_FILENO, input.text, sizeof(input.text));
		if (received < 0)
			return _FDEV_ERR;
		if (received == 0)
			return _FDEV_EOF;
		input.used = (uint32_t)received;
		input.taken = 0;
	}
	return (unsigned char)input.text[input.taken++];
}

static int stream_flush(int fd)
{
	return line.used && line.fd == fd && line_flush() < 0 ? EOF : 0;
}

static int stdout_flush(FILE *stream)
{
	(void)stream;
	return stream_flush(STDOUT_FILENO);
}

static int stderr_flush(FILE *stream)
{
	(void)stream;
	return stream_flush(STDERR_FILENO);
}

static FILE input_stream = FDEV_SETUP_STREAM(NULL, stdin_get, NULL, _FDEV_SETUP_READ);
static FILE output_stream = FDEV_SETUP_STREAM(stdout_put, NULL, stdout_flush, _FDEV_SETUP_WRITE);
static FILE error_stream = FDEV_SETUP_STREAM(stderr_put, NULL, stderr_flush, _FDEV_SETUP_WRITE);
FILE *const stdin = &input_stream;
FILE *const stdout = &output_stream;
FILE *const stderr = &error_stream;

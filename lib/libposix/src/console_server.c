/* console_server.c - standard input and output through the console server,
 * found once per process as mm.service("console"), in pieces of at most
 * CONSOLE_IO_MAX bytes. Images without one (mm0 and init only) print
 * through the kernel debugger and read an empty input. */
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

static void kdebug_output(const char *text, size_t length)
{
	while (length) {
		uint32_t piece = length < KDEBUG_PUTS_MAX ? (uint32_t)length : KDEBUG_PUTS_MAX;

		l4_kdebug_puts(text, piece);
		text += piece;
		length -= piece;
	}
}

void console_output(const char *text, size_t length)
{
	while (length && server_present()) {
		uint32_t piece = length < CONSOLE_IO_MAX ? (uint32_t)length : CONSOLE_IO_MAX;
		int taken = console_write(server, text, piece);

		if (taken == -EBUSY) {
			l4_yield();
			continue;
		}
		/* The server is gone (or broken): the kernel prints from here on. */
		if (taken <= 0 || (uint32_t)taken > piece) {
			server_state = SERVER_ABSENT;
			break;
		}
		text += taken;
		length -= (size_t)taken;
	}
	kdebug_output(text, length);
}

long console_input(void *data, size_t length)
{
	char line[CONSOLE_IO_MAX];
	uint32_t received = 0;
	int answer;

	if (!length || !server_present())
		return 0;
	if (length > CONSOLE_IO_MAX)
		length = CONSOLE_IO_MAX;
	answer = console_read(server, (uint32_t)length, line, &received);
	if (answer < 0)
		return answer;
	if (received > length)
		return -EIO;
	memcpy(data, line, received);
	return (long)received;
}

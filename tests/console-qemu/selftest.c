/* selftest.c - the console server on QEMU as the root task, with a client
 * thread in its own space that reads lines through the generated stubs and
 * writes back what it got; console.test types the keys on the serial line. */
#include <stdio.h>
#include <string.h>

#include <l4/ipc.h>
#include <l4/syscalls.h>

#include "console_run.h"
#include "console.h"

#define CLIENT_PRIORITY	100u

static l4_tid_t server;
static uint64_t client_stack[1024];

static void say(const char *text, uint32_t len)
{
	while (len) {
		int taken = console_write(server, text, len);

		if (taken <= 0) {
			static const char failed[] = "console-test: write failed\n";

			l4_kdebug_puts(failed, sizeof(failed) - 1);
			l4_poweroff(1);
		}
		text += taken;
		len -= (uint32_t)taken;
	}
}

/* Reports every read until the line "quit". */
static void client(void)
{
	char data[CONSOLE_IO_MAX], report[CONSOLE_IO_MAX + 32];
	uint32_t len;
	int result, length;

	say("console-test: type lines\n", 25);
	for (;;) {
		len = 0;
		result = console_read(server, CONSOLE_IO_MAX, data, &len);
		if (result > 0)
			length = snprintf(report, sizeof(report), "got %d [%.*s]\n", result,
					  (int)(data[len - 1] == '\n' ? len - 1 : len), data);
		else
			length = snprintf(report, sizeof(report), "got %d\n", result);
		say(report, (uint32_t)length);
		if (result == 5 && memcmp(data, "quit\n", 5) == 0)
			l4_poweroff(0);
	}
}

int main(void)
{
	l4_tid_t client_tid;
	int err;

	server = l4_myself();
	err = console_start();
	if (!err)
		err = l4_thread_create(server, L4_NILTHREAD, CLIENT_PRIORITY, &client_tid);
	if (!err)
		err = l4_thread_start(client_tid, client, client_stack + 1024);
	if (err) {
		static const char failed[] = "console-test: cannot start\n";

		l4_kdebug_puts(failed, sizeof(failed) - 1);
		return 1;
	}
	console_loop();
}

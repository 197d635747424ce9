/* main.c - the console server: started by mm0 with the UART's page granted
 * and a privileged space, it serves the tasks' standard input and output. */
#include <l4/syscalls.h>

#include "console_run.h"

int main(void)
{
	static const char cannot_start[] = "console: cannot take the PL011 (not granted by mm0?)\n";
	int err = console_start();

	if (err) {
		l4_kdebug_puts(cannot_start, sizeof(cannot_start) - 1);
		return -err;
	}
	console_loop();
}

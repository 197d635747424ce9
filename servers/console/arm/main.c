/* main.c - the console server: started by mm0 with the UART's page granted
 * and a privileged space, it serves the tasks' standard input and output. */
#include <l4/syscalls.h>

#include "console_run.h"
#ifdef CONSOLE_TRACE
#include <idlrt/trace_console.h>

#include "mm0.h"

/* The console knows its callers by thread only; mm0 (its pager), which
 * never calls the console, says which process each one belongs to. */
static int caller_pid(l4_tid_t tid)
{
	return mm_pid_of(l4_utcb()->pager, tid);
}
#endif

int main(void)
{
	static const char cannot_start[] = "console: cannot take the PL011 (not granted by mm0?)\n";
	int err = console_start();

	if (err) {
		l4_kdebug_puts(cannot_start, sizeof(cannot_start) - 1);
		return -err;
	}
#ifdef CONSOLE_TRACE
	idlrt_trace_to_console_asking(caller_pid);
#endif
	console_loop();
}

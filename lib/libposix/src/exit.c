/* exit.c - the end of a process or of one thread, reported to mm0, which
 * passes the status to the parent's wait. */
#include <unistd.h>

#include <l4/syscalls.h>

#include "internal.h"
#include "mm0.h"

/* Reached only if mm0 refused: a task without a pager is the root task,
 * which may stop the machine; anything else removes itself. */
__attribute__((noreturn)) static void exit_without_mm0(int code)
{
	l4_poweroff(code);
	for (;;)
		l4_thread_destroy(l4_myself());
}

void _exit(int code)
{
	posix_console_flush();
	mm_exit(posix_mm0(), code);
	exit_without_mm0(code);
}

void posix_thread_exit(int code)
{
	posix_console_flush();
	mm_thread_exit(posix_mm0(), code);
	exit_without_mm0(code);
}

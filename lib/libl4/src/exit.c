/* exit.c - the default l4_exit used by crt0 when main returns. */
#include <l4/ipc.h>
#include <l4/syscalls.h>

__attribute__((weak, noreturn)) void l4_exit(int status)
{
	l4_poweroff(status);
	for (;;)
		l4_thread_destroy(l4_myself());
}

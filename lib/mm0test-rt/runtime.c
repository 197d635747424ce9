/* runtime.c - start-up, console output and exit for programs started by mm0. */
#include <stdio.h>
#include <stdlib.h>

#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>

#include "mm0test_rt.h"

int mm0c_argc;
char **mm0c_argv;
char **mm0c_environ;

int main(int argc, char **argv);

idlrt_dest_t mm0c_server(void)
{
	return l4_kip()->root_tid;
}

/* The page holds argc, argv[], NULL, envp[], NULL, then the strings. */
void mm0c_start(uint32_t *env_page) __attribute__((noreturn));
void mm0c_start(uint32_t *env_page)
{
	mm0c_argc = (int)env_page[0];
	mm0c_argv = (char **)&env_page[1];
	mm0c_environ = mm0c_argv + mm0c_argc + 1;
	exit(main(mm0c_argc, mm0c_argv));
}

void _exit(int code)
{
	for (;;)
		mm_exit(mm0c_server(), code);
}

void mm0c_thread_exit(int code)
{
	for (;;)
		mm_thread_exit(mm0c_server(), code);
}

int mm0c_waitpid(int pid, int *status)
{
	int32_t wait_status = 0;
	int result = mm_waitpid(mm0c_server(), pid, 0, &wait_status);

	if (result >= 0 && status)
		*status = wait_status;
	return result;
}

void mm0c_thread_entry(void);

int mm0c_thread_start(int (*fn)(void *), void *arg, void *stack, uint32_t size)
{
	uint32_t top = ((uint32_t)stack + size) & ~7u;
	uint32_t *sp = (uint32_t *)top - 2;

	sp[0] = (uint32_t)fn;
	sp[1] = (uint32_t)arg;
	return mm_clone(mm0c_server(), MM0_CLONE_VM | MM0_CLONE_FILES | MM0_CLONE_THREAD, (uintptr_t)sp,
			(uintptr_t)mm0c_thread_entry);
}

/* stdout: characters gather into a line that goes out through kdebug. */
static char line[128];
static uint32_t line_length;

static int console_putc(char c, FILE *file)
{
	(void)file;
	line[line_length++] = c;
	if (c == '\n' || line_length == sizeof(line)) {
		l4_kdebug_puts(line, line_length);
		line_length = 0;
	}
	return (unsigned char)c;
}

static FILE console = FDEV_SETUP_STREAM(console_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdout = &console;
FILE *const stderr = &console;
FILE *const stdin = NULL;

/* start.c - a program's start in C: thread-local storage, argc/argv/envp
 * from mm0's environment page, static constructors, then main and exit. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "mm0.h"

extern char **environ;
extern void __libc_init_array(void);
int main(int argc, char **argv, char **envp);

/* Arguments built into the image (tools/l4run links them in for the program
 * it boots as init); they replace the argv that mm0 boots init with, and
 * only that one: the same program started by execve keeps its own. */
extern char *const posix_boot_argv[] __attribute__((weak));

/* mm0 (pid 1) starts init with argv { "init" }. */
static int booted_as_init(int argc, char **argv)
{
	return argc == 1 && strcmp(argv[0], "init") == 0 && getppid() == 1;
}

/* posix.ld gathers user_copy.S's {faulting pc, fix-up pc} pairs here. */
extern const uint32_t __ex_table_start[], __ex_table_end[];

/* mm0 keeps its own copy of the table for this image (a fork's child inherits it, execve
 * drops it). Should mm0 refuse it, a bad pointer crashes the caller as it would without. */
static void fault_fixups_register(void)
{
	(void)mm_set_fault_fixups(posix_mm0(), __ex_table_start,
				  (uint32_t)((const char *)__ex_table_end -
					     (const char *)__ex_table_start));
}

/* The C library calls these around the constructor and destructor arrays;
 * posix.ld keeps everything in the arrays, so there is nothing else to run. */
void _init(void)
{
}

void _fini(void)
{
}

__attribute__((noreturn)) static void start_main(int argc, char **argv, char **envp)
{
	environ = envp;
	__libc_init_array();
	exit(main(argc, argv, envp));
}

/* The page holds argc, argv[argc] and NULL, envp[] and NULL, then the
 * strings. */
__attribute__((noreturn)) void posix_start(uint32_t *env_page)
{
	static char *no_strings[] = { NULL };
	int argc = 0;
	char **argv = no_strings, **envp = no_strings;

	posix_tls_init();
	fault_fixups_register();
	if (env_page) {
		argc = (int)env_page[0];
		argv = (char **)&env_page[1];
		envp = argv + argc + 1;
	}
	if (posix_boot_argv && booted_as_init(argc, argv)) {
		/* The built-in strings are read-only data, and POSIX lets a program
		 * write its arguments: it gets copies on this stack, which lasts as
		 * long as the program (nothing here returns). */
		size_t bytes = 1;

		for (argc = 0; posix_boot_argv[argc]; argc++)
			bytes += strlen(posix_boot_argv[argc]) + 1;
		char *writable[argc + 1], strings[bytes], *next = strings;

		for (int i = 0; i < argc; i++) {
			writable[i] = next;
			next = stpcpy(next, posix_boot_argv[i]) + 1;
		}
		writable[argc] = NULL;
		start_main(argc, writable, envp);
	}
	start_main(argc, argv, envp);
}

/* t_environment.c - arguments and environment: argv as the image passes it
 * (see Makefile.am), writable, the initial environment mm0 gives init,
 * setenv/getenv, and the environment across fork. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test0.h"

extern char **environ;

static int child_reads_environment(void *arg)
{
	const char *value = getenv("TEST0_COLOUR");

	(void)arg;
	return value && strcmp(value, "green") == 0 ? 0 : 1;
}

void test_environment(int argc, char **argv)
{
	int status;

	CHECK_EQ("argc counts the program and its arguments", 3, argc);
	CHECK("argv[0] names the program", argc > 0 && strcmp(argv[0], "test0") == 0);
	CHECK("argv[1] and argv[2] arrive intact, spaces and all",
	      argc == 3 && strcmp(argv[1], "alpha") == 0 && strcmp(argv[2], "beta gamma") == 0);
	CHECK("argv ends with NULL", argv[argc] == NULL);
	CHECK("environ is set", environ != NULL);
	CHECK("the initial environment has PATH=/bin:/boot",
	      getenv("PATH") && strcmp(getenv("PATH"), "/bin:/boot") == 0);
	CHECK("... HOME=/root, PWD=/ and TERM=vt100",
	      getenv("HOME") && strcmp(getenv("HOME"), "/root") == 0 && getenv("PWD") &&
	      strcmp(getenv("PWD"), "/") == 0 && getenv("TERM") && strcmp(getenv("TERM"), "vt100") == 0);
	if (argc == 3) {
		argv[1][0] = 'A';
		CHECK("argv strings are writable", strcmp(argv[1], "Alpha") == 0);
		argv[1][0] = 'a';
	}
	if (environ && environ[0]) {
		char first = environ[0][0];

		environ[0][0] = '_';
		CHECK("environment strings are writable", environ[0][0] == '_');
		environ[0][0] = first;
	}
	CHECK("an unset variable is absent", getenv("TEST0_COLOUR") == NULL);
	CHECK_EQ("setenv", 0, setenv("TEST0_COLOUR", "green", 1));
	CHECK("getenv sees it", getenv("TEST0_COLOUR") && strcmp(getenv("TEST0_COLOUR"), "green") == 0);
	status = run_in_child(child_reads_environment, NULL);
	CHECK("a forked child inherits the environment",
	      status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* t_popen.c - popen, pclose and system: what they answer without a shell,
 * the shell's installation at /bin/sh (from /boot/bin/sh) and system(NULL)
 * finding it, commands run both ways through `sh -c` with their statuses,
 * and the argument errors. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test0.h"

/* Copies /boot/bin/sh to /bin/sh; 0 or the errno that stopped it. */
static int shell_install(void)
{
	char block[4096];
	ssize_t got;
	int from, to, error = 0;

	if (mkdir("/bin", 0755) < 0 && errno != EEXIST)
		return errno;
	from = open("/boot/bin/sh", O_RDONLY);
	if (from < 0)
		return errno;
	to = open("/bin/sh", O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (to < 0) {
		error = errno;
		close(from);
		return error;
	}
	while ((got = read(from, block, sizeof(block))) > 0)
		if (write(to, block, (size_t)got) != got) {
			error = errno ? errno : EIO;
			break;
		}
	if (got < 0)
		error = errno;
	close(from);
	close(to);
	return error;
}

/* A command's output read through popen, and a command fed through it; the
 * copier is exec_probe's "stdio" mode (exit 40), test0's image has no cat. */
static void test_popen_commands(void)
{
	char line[64] = "";
	FILE *pipe_end = popen("echo through a pipe | /boot/exec_probe stdio 2>/dev/null", "r");

	CHECK("popen(\"r\") reads the command's output",
	      pipe_end && fgets(line, sizeof(line), pipe_end) && strcmp(line, "through a pipe\n") == 0);
	CHECK("after it, end of file", pipe_end && fgets(line, sizeof(line), pipe_end) == NULL);
	CHECK_EQ("pclose gives the command's status", 40 << 8, pipe_end ? pclose(pipe_end) : -1);
	pipe_end = popen("/boot/exec_probe stdio >/tmp/popen.txt 2>/dev/null; exit 5", "w");
	CHECK("popen(\"w\") feeds the command", pipe_end && fputs("fed\n", pipe_end) >= 0);
	CHECK_EQ("pclose waits and gives exit 5", 5 << 8, pipe_end ? pclose(pipe_end) : -1);
	pipe_end = fopen("/tmp/popen.txt", "r");
	line[0] = '\0';
	CHECK("the command wrote what it was fed",
	      pipe_end && fgets(line, sizeof(line), pipe_end) && strcmp(line, "fed\n") == 0);
	if (pipe_end)
		fclose(pipe_end);
	unlink("/tmp/popen.txt");
}

void test_popen(void)
{
	FILE *file;

	CHECK_EQ("system(NULL) is 0 while there is no /bin/sh", 0, system(NULL));
	CHECK_EQ("the shell installs at /bin/sh", 0, shell_install());
	CHECK_EQ("system(NULL) is 1 once /bin/sh is there", 1, system(NULL));
	CHECK_EQ("system runs a command and gives its wait status", 3 << 8, system("exit 3"));
	CHECK_EQ("system of a missing program is the shell's 127", 127 << 8,
		 system("/no/such/program 2>/dev/null"));
	test_popen_commands();
	errno = 0;
	CHECK("popen with mode \"rw\" is EINVAL", popen("true", "rw") == NULL && errno == EINVAL);
	errno = 0;
	CHECK("popen with mode \"x\" is EINVAL", popen("true", "x") == NULL && errno == EINVAL);
	errno = 0;
	CHECK("popen of no command is EINVAL", popen(NULL, "r") == NULL && errno == EINVAL);
	file = fopen("/boot/hello.txt", "r");
	errno = 0;
	CHECK("pclose of a stream popen did not make is ECHILD",
	      file && pclose(file) == -1 && errno == ECHILD);
	if (file)
		fclose(file);
}

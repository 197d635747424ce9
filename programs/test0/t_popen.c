/* t_popen.c - popen, pclose and system: what they answer without a shell,
 * the shell's installation at /bin/sh (from /boot/bin/sh) and system(NULL)
 * finding it, and the argument errors. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
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

void test_popen(void)
{
	FILE *file;

	CHECK_EQ("system(NULL) is 0 while there is no /bin/sh", 0, system(NULL));
	CHECK_EQ("the shell installs at /bin/sh", 0, shell_install());
	CHECK_EQ("system(NULL) is 1 once /bin/sh is there", 1, system(NULL));
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

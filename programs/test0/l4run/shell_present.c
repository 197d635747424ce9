/* shell_present.c - l4run.test: /bin/sh must be the image's shell
 * (/boot/bin/sh, programs/sh), byte for byte, and executable; exits with 3
 * when there is no /bin/sh (l4run --no-sh). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int same_bytes(int left, int right)
{
	static char left_block[4096], right_block[4096];
	ssize_t got;

	do {
		got = read(left, left_block, sizeof(left_block));
		if (got < 0 || read(right, right_block, sizeof(right_block)) != got)
			return 0;
	} while (got > 0 && memcmp(left_block, right_block, (size_t)got) == 0);
	return got == 0;
}

int main(void)
{
	struct stat shell;
	int installed, original;

	if (stat("/bin/sh", &shell) < 0) {
		perror("shell_present: /bin/sh");
		return 3;
	}
	installed = open("/bin/sh", O_RDONLY);
	original = open("/boot/bin/sh", O_RDONLY);
	if (installed < 0 || original < 0 || !same_bytes(installed, original)) {
		printf("/bin/sh is not the image's shell\n");
		return 1;
	}
	if (!S_ISREG(shell.st_mode) || !(shell.st_mode & S_IXUSR)) {
		printf("/bin/sh is not an executable file (mode %o)\n", (unsigned)shell.st_mode);
		return 1;
	}
	printf("/bin/sh is the image's shell, %ld bytes\n", (long)shell.st_size);
	return 0;
}

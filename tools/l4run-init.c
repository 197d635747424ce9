/* l4run-init.c - init of the images tools/l4run makes: puts the image's shell
 * (/boot/bin/sh) at /bin/sh, where system() and popen() look for it, then
 * becomes the program with the arguments l4run compiles in (posix_boot_argv:
 * the program's path in /boot, then the user's arguments). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHELL_IN_BOOTFS	"/boot/bin/sh"
#define SHELL_DIR	"/bin"
#define SHELL_PATH	"/bin/sh"

/* As large as fs0's window for one request, so the copy takes few. */
static char copy_block[256 * 1024];

static int copy_file(int from, int to)
{
	ssize_t got, put;

	while ((got = read(from, copy_block, sizeof(copy_block))) > 0) {
		for (ssize_t done = 0; done < got; done += put) {
			put = write(to, copy_block + done, (size_t)(got - done));
			if (put < 0)
				return -1;
		}
	}
	return got < 0 ? -1 : 0;
}

/* A file system without links (EPERM) gets a copy. */
static int shell_copy(void)
{
	int from, to, result, saved_errno;

	from = open(SHELL_IN_BOOTFS, O_RDONLY);
	if (from < 0)
		return -1;
	to = open(SHELL_PATH, O_WRONLY | O_CREAT | O_EXCL, 0755);
	result = to < 0 ? -1 : copy_file(from, to);
	saved_errno = errno;
	if (to >= 0 && close(to) < 0 && result == 0) {
		result = -1;
		saved_errno = errno;
	}
	close(from);
	errno = saved_errno;
	return result;
}

/* 0 when /bin/sh is in place (now, or already by the file system) or the
 * image has no shell (l4run --no-sh); -1 with errno when it cannot be. */
static int shell_install(void)
{
	struct stat shell;

	if (stat(SHELL_IN_BOOTFS, &shell) < 0)
		return errno == ENOENT ? 0 : -1;
	if (mkdir(SHELL_DIR, 0755) < 0 && errno != EEXIST)
		return -1;
	if (symlink(SHELL_IN_BOOTFS, SHELL_PATH) == 0 || errno == EEXIST)
		return 0;
	return errno == EPERM ? shell_copy() : -1;
}

int main(int argc, char **argv)
{
	(void)argc;
	if (shell_install() < 0) {
		fprintf(stderr, "l4run: cannot put the shell at %s: %s\n", SHELL_PATH,
			strerror(errno));
		return 126;
	}
	execv(argv[0], argv);
	fprintf(stderr, "l4run: cannot start %s: %s\n", argv[0], strerror(errno));
	return 126;
}

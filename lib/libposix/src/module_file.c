/* module_file.c - open and close for the boot modules under /boot, which
 * mm0 hands out as read-only files for mmap until fs0 serves files.
 * Descriptors 0-2 are the console, so mm0's descriptor n is n + 3 here. */
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "mm0.h"

#define BOOT_PREFIX	"/boot/"

int posix_mm0_fd(int fd)
{
	return fd >= MODULE_FD_BASE ? fd - MODULE_FD_BASE : -1;
}

int open(const char *path, int flags, ...)
{
	long answer;

	if (!path)
		return posix_error(EFAULT);
	if (strncmp(path, BOOT_PREFIX, strlen(BOOT_PREFIX)) != 0)
		return posix_error(ENOENT);
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)))
		return posix_error(EROFS);
	path += strlen(BOOT_PREFIX);
	if (strlen(path) > MM_NAME_MAX)
		return posix_error(ENAMETOOLONG);
	answer = mm_open_module(posix_mm0(), path);
	if (answer < 0)
		return (int)posix_result(answer);
	return (int)answer + MODULE_FD_BASE;
}

int close(int fd)
{
	if (fd >= 0 && fd < MODULE_FD_BASE)
		return 0;
	if (fd < 0)
		return posix_error(EBADF);
	return (int)posix_result(mm_close(posix_mm0(), posix_mm0_fd(fd)));
}

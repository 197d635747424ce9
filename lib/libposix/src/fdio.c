/* fdio.c - read and write on descriptors. The standard descriptors are the
 * console (see console.c); files and pipes belong to fs0 once it serves them. */
#include <unistd.h>

#include "internal.h"

ssize_t write(int fd, const void *data, size_t length)
{
	if (fd != STDOUT_FILENO && fd != STDERR_FILENO)
		return posix_error(EBADF);
	if (length && !data)
		return posix_error(EFAULT);
	console_write(data, length);
	return (ssize_t)length;
}

ssize_t read(int fd, void *data, size_t length)
{
	(void)data;
	(void)length;
	if (fd != STDIN_FILENO)
		return posix_error(EBADF);
	return 0;
}

/* syncfs.c - syncfs(fd): fs0 writes back the disk file system fd is on and
 * flushes the device before it answers (fs0.syncfs); on RAM, and for an
 * mm0 descriptor, there is nothing to write back. */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"

int syncfs(int fd)
{
	const struct fs0_channel *channel;
	struct stat status;

	if (fd < 0)
		return posix_error(EBADF);
	if (is_mm0_fd(fd))
		return fstat(fd, &status);
	channel = fs0_channel();
	if (!channel)
		return -1;
	return (int)posix_result(fs0_syncfs(channel->server, fd));
}

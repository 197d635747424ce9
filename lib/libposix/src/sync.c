/* sync.c - fsync, fdatasync and sync: fs0 writes a disk file system's
 * blocks back and flushes the device before it answers (a file on RAM, or
 * an mm0 descriptor, has nothing to write back). */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"

static int sync_file(int fd, uint32_t data_only)
{
	const struct fs0_channel *channel;
	struct stat status;

	posix_cancellation_point();
	if (fd < 0)
		return posix_error(EBADF);
	if (is_mm0_fd(fd))
		return fstat(fd, &status);
	channel = fs0_channel();
	if (!channel)
		return -1;
	return (int)posix_result(fs0_fsync(channel->server, fd, data_only));
}

int fsync(int fd)
{
	return sync_file(fd, 0);
}

int fdatasync(int fd)
{
	return sync_file(fd, 1);
}

/* sync has no way to report: a disk's write error shows at its next fsync. */
void sync(void)
{
	const struct fs0_channel *channel = fs0_channel();

	if (channel)
		(void)fs0_sync(channel->server);
}

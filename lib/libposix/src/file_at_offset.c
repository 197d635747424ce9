/* file_at_offset.c - pread and pwrite: one fs0 request each (fs0.pread,
 * fs0.pwrite) at the offset they name, leaving the open file's offset alone,
 * through file_io.c's loops. */
#include <unistd.h>

#include "fs0.h"
#include "internal.h"

static long read_request(l4_tid_t server, int fd, int64_t offset, void *data, uint32_t *len)
{
	return fs0_pread(server, fd, offset, data, len);
}

static long write_request(l4_tid_t server, int fd, int64_t offset, const void *data, uint32_t len)
{
	return fs0_pwrite(server, fd, offset, data, len);
}

/* A terminal has no offset to read at. */
static int positioned_kind(int fd, off_t offset)
{
	int kind = posix_fd_kind(fd);

	if (kind < 0)
		return posix_error(-kind);
	if (kind == POSIX_FD_TERMINAL)
		return posix_error(ESPIPE);
	if (offset < 0)
		return posix_error(EINVAL);
	return 0;
}

ssize_t pread(int fd, void *data, size_t length, off_t offset)
{
	if (positioned_kind(fd, offset))
		return -1;
	return posix_fs0_receive(fd, data, length, offset, read_request);
}

ssize_t pwrite(int fd, const void *data, size_t length, off_t offset)
{
	if (positioned_kind(fd, offset))
		return -1;
	return posix_fs0_send(fd, data, length, offset, write_request);
}

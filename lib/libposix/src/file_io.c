/* file_io.c - read, write, pread, pwrite and lseek. A terminal descriptor's
 * bytes go to the console server (console_server.c); the others are fs0's,
 * and their bytes travel as fs0's bulk parameters, through the thread's
 * shared buffer one buffer-full per request. Each request to a server is a
 * cancellation point (posix_cancel_begin/end, pthread_cancel.c). */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"

/* One read request: at most one buffer-full, so a pipe read waits at most
 * once (POSIX allows the short count). The destination is probed first: bytes
 * taken from a pipe could not be put back. */
ssize_t read(int fd, void *data, size_t length)
{
	const struct fs0_channel *channel;
	int kind = posix_fd_kind(fd);
	uint32_t got;
	long answer;

	if (kind < 0)
		return posix_error(-kind);
	if (kind == POSIX_FD_TERMINAL) {
		int nonblocking = posix_fd_nonblocking(fd);

		if (nonblocking < 0)
			return posix_error(-nonblocking);
		posix_cancel_begin();
		return (ssize_t)posix_result(posix_cancel_end(terminal_read(data, length,
									   nonblocking)));
	}
	channel = fs0_channel();
	if (!channel)
		return -1;
	if (length > channel->size)
		length = channel->size;
	if (length > FS0_PIECE_MAX)
		length = FS0_PIECE_MAX;
	if (posix_probe_write(data, length))
		return posix_error(EFAULT);
	got = (uint32_t)length;
	/* -EFAULT too when another thread unmapped data meanwhile (idlrt_bulk_copy). */
	posix_cancel_begin();
	answer = posix_cancel_end(fs0_read(channel->server, fd, data, &got));
	return (ssize_t)posix_result(answer);
}

/* Writes go out a buffer-full at a time until all are in or one stops
 * short; an error after some bytes went out reports those bytes. */
ssize_t write(int fd, const void *data, size_t length)
{
	const struct fs0_channel *channel;
	const char *bytes = data;
	size_t written = 0, most;
	int kind = posix_fd_kind(fd);

	if (kind < 0)
		return posix_error(-kind);
	if (kind == POSIX_FD_TERMINAL) {
		posix_cancel_begin();
		return (ssize_t)posix_result(posix_cancel_end(terminal_write(data, length)));
	}
	channel = fs0_channel();
	if (!channel)
		return -1;
	most = channel->size < FS0_PIECE_MAX ? channel->size : FS0_PIECE_MAX;
	do {
		size_t piece = length - written < most ? length - written : most;
		/* -EFAULT from the stub's copy when bytes + written is bad. */
		long answer;

		posix_cancel_begin();
		answer = posix_cancel_end(fs0_write(channel->server, fd, bytes + written,
						    (uint32_t)piece));

		if (answer < 0 && written)
			return (ssize_t)written;
		/* No reader: SIGPIPE first (by default the writer dies of it), then
		 * EPIPE for a writer that ignores or catches it. */
		if (answer == -EPIPE)
			raise(SIGPIPE);
		if (answer < 0)
			return (ssize_t)posix_result(answer);
		written += (size_t)answer;
		if ((size_t)answer < piece)
			break;
	} while (written < length);
	return (ssize_t)written;
}

off_t lseek(int fd, off_t offset, int whence)
{
	const struct fs0_channel *channel;
	int64_t new_offset = 0;
	long answer;

	if (fd < 0)
		return posix_error(EBADF);
	channel = fs0_channel();
	if (!channel)
		return -1;
	answer = fs0_lseek(channel->server, fd, offset, whence, &new_offset);
	if (answer < 0)
		return (off_t)posix_result(answer);
	if (new_offset != (off_t)new_offset)
		return posix_error(EOVERFLOW);
	return (off_t)new_offset;
}

/* fs0 has one offset per open file: pread and pwrite move it and put it
 * back, so they are not atomic against another user of the same open file. */
static ssize_t at_offset(int fd, void *data, size_t length, off_t offset, int writing)
{
	off_t saved = lseek(fd, 0, SEEK_CUR);
	ssize_t done;
	int error;

	if (saved < 0)
		return -1;
	if (offset < 0)
		return posix_error(EINVAL);
	if (lseek(fd, offset, SEEK_SET) < 0)
		return -1;
	done = writing ? write(fd, data, length) : read(fd, data, length);
	error = errno;
	if (lseek(fd, saved, SEEK_SET) < 0)
		return -1;
	errno = error;
	return done;
}

ssize_t pread(int fd, void *data, size_t length, off_t offset)
{
	return at_offset(fd, data, length, offset, 0);
}

ssize_t pwrite(int fd, const void *data, size_t length, off_t offset)
{
	return at_offset(fd, (void *)data, length, offset, 1);
}

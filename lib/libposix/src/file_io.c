/* file_io.c - read, write and lseek. A terminal descriptor's
 * bytes go to the console server (console_server.c); the others are fs0's,
 * and their bytes travel as fs0's bulk parameters, through the thread's
 * shared buffer one buffer-full per request, or in the messages themselves
 * for a few bytes (small_io.c, where read and write are). Each request to a server is a
 * cancellation point (posix_cancel_begin/end, pthread_cancel.c). pread and
 * pwrite (file_at_offset.c) share the loops through fs0's requests here, so a
 * program that never calls them links no stub of theirs. */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"

/* The bytes of one fs0 read request: at most one buffer-full, so a pipe read
 * waits at most once (POSIX allows the short count). The destination is
 * probed first: bytes taken from a pipe could not be put back. */
ssize_t posix_fs0_receive(int fd, void *data, size_t length, off_t offset,
			  posix_fs0_reader request)
{
	const struct fs0_channel *channel = fs0_channel();
	uint32_t got;
	long answer;

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
	answer = request(channel->server, fd, offset, data, &got);
	return (ssize_t)posix_result(posix_cancel_end(answer));
}

/* Writes go out a buffer-full at a time until all are in or one stops
 * short; an error after some bytes went out reports those bytes. */
ssize_t posix_fs0_send(int fd, const char *bytes, size_t length, off_t offset,
		       posix_fs0_writer request)
{
	const struct fs0_channel *channel = fs0_channel();
	size_t written = 0, most;

	if (!channel)
		return -1;
	most = channel->size < FS0_PIECE_MAX ? channel->size : FS0_PIECE_MAX;
	do {
		size_t piece = length - written < most ? length - written : most;
		/* -EFAULT from the stub's copy when bytes + written is bad. */
		long answer;

		posix_cancel_begin();
		answer = posix_cancel_end(request(channel->server, fd,
						  (int64_t)offset + (int64_t)written,
						  bytes + written, (uint32_t)piece));

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

/* read and write go at the open file's offset, which fs0 keeps: theirs is unused. */
static long read_request(l4_tid_t server, int fd, int64_t offset, void *data, uint32_t *len)
{
	(void)offset;
	return fs0_read(server, fd, data, len);
}

static long write_request(l4_tid_t server, int fd, int64_t offset, const void *data, uint32_t len)
{
	(void)offset;
	return fs0_write(server, fd, data, len);
}

/* A descriptor whose kind must be asked, the terminal, or an error: out of
 * line, so that more bytes on fs0's descriptors, the usual case here, are
 * only calls of the loops above. A few bytes on fs0's descriptor are
 * POSIX_IO_SMALL: read and write (small_io.c) send them in the message. */
static ssize_t __attribute__((noinline)) read_any(int fd, void *data, size_t length)
{
	int kind = posix_fd_kind(fd);

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
	if (length - 1 < FS0_SMALL_IO_MAX)
		return POSIX_IO_SMALL;
	return posix_fs0_receive(fd, data, length, 0, read_request);
}

static ssize_t __attribute__((noinline)) write_any(int fd, const void *data, size_t length)
{
	int kind = posix_fd_kind(fd);

	if (kind < 0)
		return posix_error(-kind);
	if (kind == POSIX_FD_TERMINAL) {
		posix_cancel_begin();
		return (ssize_t)posix_result(posix_cancel_end(terminal_write(data, length)));
	}
	if (length - 1 < FS0_SMALL_IO_MAX)
		return POSIX_IO_SMALL;
	return posix_fs0_send(fd, data, length, 0, write_request);
}

/* read and write (small_io.c) of what they do not take in their own body. */
ssize_t posix_read_other(int fd, void *data, size_t length)
{
	if (posix_fd_kind_kept(fd) == POSIX_FD_SERVER && length - 1 >= FS0_SMALL_IO_MAX)
		return posix_fs0_receive(fd, data, length, 0, read_request);
	return read_any(fd, data, length);
}

ssize_t posix_write_other(int fd, const void *data, size_t length)
{
	if (posix_fd_kind_kept(fd) == POSIX_FD_SERVER && length - 1 >= FS0_SMALL_IO_MAX)
		return posix_fs0_send(fd, data, length, 0, write_request);
	return write_any(fd, data, length);
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

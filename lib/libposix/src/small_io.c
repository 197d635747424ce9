/* small_io.c - read and write of at most FS0_SMALL_IO_MAX bytes on fs0's
 * descriptors: the bytes travel in the request's or the reply's message
 * registers (fs0.read_small, fs0.write_small) instead of through the
 * thread's shared buffer, so a byte through a pipe costs no buffer look-up
 * and no copies through it. They go through the caller's pointer with
 * posix_copy, as the stubs' copies do, so a bad one is EFAULT. */
#include <signal.h>

#include "fs0.h"
#include "internal.h"

/* As posix_fs0_receive: the destination is probed first, since bytes taken
 * from a pipe could not be put back. */
ssize_t posix_fs0_receive_small(int fd, void *data, size_t length)
{
	const struct fs0_channel *channel = fs0_channel();
	uint8_t bytes[FS0_SMALL_IO_MAX];
	uint32_t got = 0;
	long answer;

	if (!channel)
		return -1;
	if (posix_probe_write(data, length))
		return posix_error(EFAULT);
	posix_cancel_begin();
	answer = posix_cancel_end(fs0_read_small(channel->server, fd, (uint32_t)length, bytes,
						 &got));
	if (answer > 0 && posix_copy(data, bytes, got))
		return posix_error(EFAULT);
	return (ssize_t)posix_result(answer);
}

/* As posix_fs0_send with one piece: EPIPE raises SIGPIPE first. */
ssize_t posix_fs0_send_small(int fd, const void *data, size_t length)
{
	const struct fs0_channel *channel = fs0_channel();
	uint8_t bytes[FS0_SMALL_IO_MAX];
	long answer;

	if (!channel)
		return -1;
	if (posix_copy(bytes, data, length))
		return posix_error(EFAULT);
	posix_cancel_begin();
	answer = posix_cancel_end(fs0_write_small(channel->server, fd, bytes, (uint32_t)length));
	if (answer == -EPIPE)
		raise(SIGPIPE);
	return (ssize_t)posix_result(answer);
}

/* small_io.c - read and write, and their usual case: at most
 * FS0_SMALL_IO_MAX bytes on fs0's descriptors, whose bytes travel in the
 * request's or the reply's message registers (fs0.read_small,
 * fs0.write_small) instead of through the thread's shared buffer, so a byte
 * through a pipe costs no buffer look-up and no copies through it. They go
 * through the caller's pointer with posix_copy, as the stubs' copies do, so
 * a bad one is EFAULT; the stub moves them between a word-aligned array here
 * and the message words. read and write do this in their own body, with no
 * call on the way when the descriptor's kind is kept (one frame); anything
 * else is file_io.c's posix_read_other and posix_write_other first, which
 * answer POSIX_IO_SMALL for the few bytes of fs0's descriptor once asked. */
#include <signal.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"

#define SMALL_IO_WORDS ((FS0_SMALL_IO_MAX + 3) / 4)

/* As posix_fs0_receive: the destination is probed first, since bytes taken
 * from a pipe could not be put back. */
static inline ssize_t receive_small(int fd, void *data, size_t length)
{
	const struct fs0_channel *channel = fs0_channel();
	uint32_t words[SMALL_IO_WORDS];
	uint32_t got;	/* set by the stub whenever it answers a count */
	long answer;

	if (!channel)
		return -1;
	if (posix_probe_write(data, length))
		return posix_error(EFAULT);
	posix_cancel_begin();
	answer = posix_cancel_end(fs0_read_small(channel->server, fd, (uint32_t)length, words,
						 &got));
	if (answer > 0 && posix_copy(data, words, got))
		return posix_error(EFAULT);
	return (ssize_t)posix_result(answer);
}

/* As posix_fs0_send with one piece: EPIPE raises SIGPIPE first. */
static inline ssize_t send_small(int fd, const void *data, size_t length)
{
	const struct fs0_channel *channel = fs0_channel();
	uint32_t words[SMALL_IO_WORDS];
	long answer;

	if (!channel)
		return -1;
	if (posix_copy(words, data, length))
		return posix_error(EFAULT);
	posix_cancel_begin();
	answer = posix_cancel_end(fs0_write_small(channel->server, fd, words, (uint32_t)length));
	if (answer == -EPIPE)
		raise(SIGPIPE);
	return (ssize_t)posix_result(answer);
}

ssize_t read(int fd, void *data, size_t length)
{
	if (length - 1 >= FS0_SMALL_IO_MAX)
		return posix_read_other(fd, data, length);
	if (__builtin_expect(posix_fd_kind_kept(fd) != POSIX_FD_SERVER, 0)) {
		ssize_t answer = posix_read_other(fd, data, length);

		if (answer != POSIX_IO_SMALL)
			return answer;
	}
	return receive_small(fd, data, length);
}

ssize_t write(int fd, const void *data, size_t length)
{
	if (length - 1 >= FS0_SMALL_IO_MAX)
		return posix_write_other(fd, data, length);
	if (__builtin_expect(posix_fd_kind_kept(fd) != POSIX_FD_SERVER, 0)) {
		ssize_t answer = posix_write_other(fd, data, length);

		if (answer != POSIX_IO_SMALL)
			return answer;
	}
	return send_small(fd, data, length);
}

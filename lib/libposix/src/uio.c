/* uio.c - readv, writev, preadv and pwritev over read and write. A small
 * gathered write (up to PIPE_BUF) goes out as one write, so a pipe keeps it
 * whole among other writers as POSIX asks; larger ones, and every read, go a
 * vector element at a time and stop at the first short count, so a read
 * never waits again after some bytes came. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "internal.h"

#define GATHER_MAX	4096	/* PIPE_BUF: what must reach a pipe in one piece */
#define RESULT_MAX	((size_t)-1 >> 1)	/* SSIZE_MAX, which picolibc's limits.h lacks */

/* Copies the caller's vector (EFAULT instead of a crash) and checks it:
 * 1..IOV_MAX elements whose lengths add up to at most SSIZE_MAX (RESULT_MAX). */
static int take_vector(const struct iovec *iov, int iovcnt, struct iovec *copy, size_t *total)
{
	*total = 0;
	if (iovcnt <= 0 || iovcnt > IOV_MAX)
		return -EINVAL;
	if (posix_copy(copy, iov, (size_t)iovcnt * sizeof(*iov)))
		return -EFAULT;
	for (int i = 0; i < iovcnt; i++) {
		if (copy[i].iov_len > RESULT_MAX - *total)
			return -EINVAL;
		*total += copy[i].iov_len;
	}
	return 0;
}

/* One element at a time, stopping at the first short count; an error after
 * some bytes moved reports those bytes. */
static ssize_t each_element(int fd, const struct iovec *vector, int iovcnt, int writing)
{
	ssize_t done = 0;

	for (int i = 0; i < iovcnt; i++) {
		ssize_t moved;

		if (!vector[i].iov_len)
			continue;
		moved = writing ? write(fd, vector[i].iov_base, vector[i].iov_len)
				: read(fd, vector[i].iov_base, vector[i].iov_len);
		if (moved < 0)
			return done ? done : -1;
		done += moved;
		if ((size_t)moved < vector[i].iov_len)
			break;
	}
	return done;
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	struct iovec vector[iovcnt > 0 && iovcnt <= IOV_MAX ? iovcnt : 1];
	size_t total;
	int error = take_vector(iov, iovcnt, vector, &total);

	if (error)
		return posix_error(-error);
	return each_element(fd, vector, iovcnt, 0);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	struct iovec vector[iovcnt > 0 && iovcnt <= IOV_MAX ? iovcnt : 1];
	size_t total;
	int error = take_vector(iov, iovcnt, vector, &total);

	if (error)
		return posix_error(-error);
	if (total <= GATHER_MAX) {
		char gathered[GATHER_MAX];
		size_t at = 0;

		for (int i = 0; i < iovcnt; i++) {
			if (posix_copy(gathered + at, vector[i].iov_base, vector[i].iov_len))
				return posix_error(EFAULT);
			at += vector[i].iov_len;
		}
		return write(fd, gathered, total);
	}
	return each_element(fd, vector, iovcnt, 1);
}

/* The open file's offset is moved and put back around readv or writev (pread
 * and pwrite are one fs0 request each), so not atomic against another user
 * of the same open file. */
static ssize_t at_offset(int fd, const struct iovec *iov, int iovcnt, off_t offset, int writing)
{
	off_t saved;
	ssize_t done;
	int error;

	if (offset < 0)
		return posix_error(EINVAL);
	saved = lseek(fd, 0, SEEK_CUR);
	if (saved < 0 || lseek(fd, offset, SEEK_SET) < 0)
		return -1;
	done = writing ? writev(fd, iov, iovcnt) : readv(fd, iov, iovcnt);
	error = errno;
	if (lseek(fd, saved, SEEK_SET) < 0)
		return -1;
	errno = error;
	return done;
}

ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t offset)
{
	return at_offset(fd, iov, iovcnt, offset, 0);
}

ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset)
{
	return at_offset(fd, iov, iovcnt, offset, 1);
}

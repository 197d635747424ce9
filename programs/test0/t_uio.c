/* t_uio.c - readv, writev, preadv and pwritev: scattering and gathering
 * across elements, a short read stopping early, a small gathered write
 * reaching a pipe in one piece, and the argument errors. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test0.h"

void test_uio(void)
{
	char a[4] = "", b[8] = "", c[16] = "";
	struct iovec out[3] = { { "one,", 4 }, { "", 0 }, { "two,three", 9 } };
	struct iovec in[3] = { { a, 4 }, { b, 3 }, { c, sizeof(c) } };
	int fds[2], fd = open("/tmp/uio.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK_EQ("writev gathers every element", 13, writev(fd, out, 3));
	CHECK_EQ("preadv reads from an offset", 13, preadv(fd, in, 3, 0));
	CHECK("preadv scattered the bytes in order",
	      memcmp(a, "one,", 4) == 0 && memcmp(b, "two", 3) == 0 && memcmp(c, ",three", 6) == 0);
	CHECK_EQ("preadv left the offset where it was", 13, lseek(fd, 0, SEEK_CUR));
	CHECK_EQ("pwritev writes at an offset", 4, pwritev(fd, out, 1, 9));
	lseek(fd, 0, SEEK_SET);
	memset(c, 0, sizeof(c));
	CHECK_EQ("readv stops at the end of the file", 13, readv(fd, in, 3));
	CHECK("pwritev's bytes are in the file", memcmp(c, ",tone,", 6) == 0);
	errno = 0;
	CHECK("readv with no elements is EINVAL", readv(fd, in, 0) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("writev with more than IOV_MAX elements is EINVAL",
	      writev(fd, out, IOV_MAX + 1) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("readv of a bad vector is EFAULT",
	      readv(fd, (const struct iovec *)8, 1) == -1 && errno == EFAULT);
	close(fd);
	unlink("/tmp/uio.txt");
	errno = 0;
	CHECK("writev on a closed descriptor is EBADF", writev(fd, out, 3) == -1 && errno == EBADF);
	if (pipe(fds) == 0) {
		CHECK_EQ("a gathered write into a pipe", 13, writev(fds[1], out, 3));
		memset(c, 0, sizeof(c));
		CHECK_EQ("one read takes it whole", 13, read(fds[0], c, sizeof(c)));
		CHECK("in order", memcmp(c, "one,two,three", 13) == 0);
		close(fds[0]);
		close(fds[1]);
	}
}

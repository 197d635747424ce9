/* sys/uio.h - scattered and gathered I/O (picolibc ships no such header):
 * struct iovec as Linux lays it out, readv/writev and their positioned
 * forms. IOV_MAX comes from <limits.h> (1024, as on Linux). */
#ifndef _LIBPOSIX_SYS_UIO_H
#define _LIBPOSIX_SYS_UIO_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct iovec {
	void *iov_base;
	size_t iov_len;
};

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t offset);
ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset);

#ifdef __cplusplus
}
#endif

#endif

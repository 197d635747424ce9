/* io_all.h - whole-buffer pread and pwrite for the file and disk rows:
 * each call moves at most one shared-buffer-full, as read and write do, so
 * a program loops until all bytes are through. */
#ifndef BENCH_IO_ALL_H
#define BENCH_IO_ALL_H

#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

static inline int read_all(int fd, uint8_t *data, size_t length)
{
	for (size_t done = 0; done < length;) {
		ssize_t got = pread(fd, data + done, length - done, (off_t)done);
		if (got <= 0)
			return -1;
		done += (size_t)got;
	}
	return 0;
}

static inline int write_all(int fd, const uint8_t *data, size_t length)
{
	for (size_t done = 0; done < length;) {
		ssize_t put = pwrite(fd, data + done, length - done, (off_t)done);
		if (put <= 0)
			return -1;
		done += (size_t)put;
	}
	return 0;
}

#endif

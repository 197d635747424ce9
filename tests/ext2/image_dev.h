/* image_dev.h - struct ext2_dev for the tests: a disk image file (pread and
 * pwrite) or a buffer in memory, counting the requests made. */
#ifndef TESTS_EXT2_IMAGE_DEV_H
#define TESTS_EXT2_IMAGE_DEV_H

#include <stddef.h>
#include <stdint.h>

#include "ext2.h"

struct image_dev {
	struct ext2_dev dev;
	int fd;				/* the image file, or -1 */
	uint8_t *memory;		/* the image in memory, or NULL */
	uint64_t reads, writes, flushes;
	uint64_t sectors_read, sectors_written;
	int64_t clock;			/* what now() answers */
	/* The device's own buffer (dev.buffer, a DMA window's stand-in) or
	 * NULL, and the requests that named it as their memory. */
	uint8_t *buffer;
	uint64_t buffer_reads, buffer_writes;
};

/* 0, or -errno when the file cannot be opened. */
int image_open(struct image_dev *img, const char *path);
/* A device over bytes[0..size) (not copied; size a multiple of 512). */
void image_in_memory(struct image_dev *img, uint8_t *bytes, size_t size);
/* Gives the device a buffer of size bytes as its dev.buffer, before the
 * mount: a request naming it that does not fit in it fails with -EIO. */
void image_give_buffer(struct image_dev *img, size_t size);
/* Closes the file and frees the buffer. */
void image_close(struct image_dev *img);

#endif

/* image_dev.c - the tests' block devices: an image file or memory. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image_dev.h"

/* Counts a request naming the device's buffer; false when it overruns it
 * (the target's window would be overrun). */
static bool buffer_use_fits(struct image_dev *img, const void *buf, uint32_t count,
			    uint64_t *uses)
{
	if (!img->buffer || buf != img->buffer)
		return true;
	(*uses)++;
	return (uint64_t)count * 512 <= img->dev.buffer_bytes;
}

static int file_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
	struct image_dev *img = ctx;
	size_t len = (size_t)count * 512;
	if (!buffer_use_fits(img, buf, count, &img->buffer_reads))
		return -EIO;
	img->reads++;
	img->sectors_read += count;
	ssize_t got = pread(img->fd, buf, len, (off_t)(sector * 512));
	return got == (ssize_t)len ? 0 : -EIO;
}

static int file_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
	struct image_dev *img = ctx;
	size_t len = (size_t)count * 512;
	if (!buffer_use_fits(img, buf, count, &img->buffer_writes))
		return -EIO;
	img->writes++;
	img->sectors_written += count;
	ssize_t put = pwrite(img->fd, buf, len, (off_t)(sector * 512));
	return put == (ssize_t)len ? 0 : -EIO;
}

static int file_flush(void *ctx)
{
	struct image_dev *img = ctx;
	img->flushes++;
	return fdatasync(img->fd) ? -EIO : 0;
}

static int memory_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
	struct image_dev *img = ctx;
	if (sector + count > img->dev.sectors ||
	    !buffer_use_fits(img, buf, count, &img->buffer_reads))
		return -EIO;
	img->reads++;
	img->sectors_read += count;
	memcpy(buf, img->memory + sector * 512, (size_t)count * 512);
	return 0;
}

static int memory_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
	struct image_dev *img = ctx;
	if (sector + count > img->dev.sectors ||
	    !buffer_use_fits(img, buf, count, &img->buffer_writes))
		return -EIO;
	img->writes++;
	img->sectors_written += count;
	memcpy(img->memory + sector * 512, buf, (size_t)count * 512);
	return 0;
}

static int memory_flush(void *ctx)
{
	struct image_dev *img = ctx;
	img->flushes++;
	return 0;
}

static int64_t image_now(void *ctx)
{
	struct image_dev *img = ctx;
	return img->clock;
}

int image_open(struct image_dev *img, const char *path)
{
	memset(img, 0, sizeof(*img));
	img->fd = open(path, O_RDWR);
	if (img->fd < 0)
		return -errno;
	struct stat st;
	if (fstat(img->fd, &st)) {
		close(img->fd);
		return -EIO;
	}
	img->clock = 1700000000;
	img->dev = (struct ext2_dev){
		.ctx = img, .sectors = (uint64_t)st.st_size / 512,
		.read = file_read, .write = file_write, .flush = file_flush, .now = image_now,
	};
	return 0;
}

void image_in_memory(struct image_dev *img, uint8_t *bytes, size_t size)
{
	memset(img, 0, sizeof(*img));
	img->fd = -1;
	img->memory = bytes;
	img->clock = 1700000000;
	img->dev = (struct ext2_dev){
		.ctx = img, .sectors = size / 512,
		.read = memory_read, .write = memory_write, .flush = memory_flush, .now = image_now,
	};
}

void image_give_buffer(struct image_dev *img, size_t size)
{
	img->buffer = malloc(size);
	img->dev.buffer = img->buffer;
	img->dev.buffer_bytes = img->buffer ? (uint32_t)size : 0;
}

void image_close(struct image_dev *img)
{
	if (img->fd >= 0)
		close(img->fd);
	img->fd = -1;
	free(img->buffer);
	img->buffer = NULL;
}

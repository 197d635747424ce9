/* image_dev.c - the tests' block devices: an image file or memory. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image_dev.h"

static int file_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
	struct image_dev *img = ctx;
	size_t len = (size_t)count * 512;
	img->reads++;
	img->sectors_read += count;
	ssize_t got = pread(img->fd, buf, len, (off_t)(sector * 512));
	return got == (ssize_t)len ? 0 : -EIO;
}

static int file_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
	struct image_dev *img = ctx;
	size_t len = (size_t)count * 512;
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
	if (sector + count > img->dev.sectors)
		return -EIO;
	img->reads++;
	img->sectors_read += count;
	memcpy(buf, img->memory + sector * 512, (size_t)count * 512);
	return 0;
}

static int memory_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
	struct image_dev *img = ctx;
	if (sector + count > img->dev.sectors)
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

void image_close(struct image_dev *img)
{
	if (img->fd >= 0)
		close(img->fd);
	img->fd = -1;
}

/* directory.c - directory streams: opendir, fdopendir, readdir, rewinddir,
 * telldir, seekdir, dirfd, closedir, over fs0's getdents records
 * (struct fs0_dirent). */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"

DIR *fdopendir(int fd)
{
	struct stat status;
	DIR *directory;

	if (fstat(fd, &status) < 0)
		return NULL;
	if (!S_ISDIR(status.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	directory = calloc(1, sizeof(*directory));
	if (!directory) {
		errno = ENOMEM;
		return NULL;
	}
	directory->fd = fd;
	return directory;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	DIR *directory;
	int error;

	if (fd < 0)
		return NULL;
	directory = fdopendir(fd);
	if (!directory) {
		error = errno;
		close(fd);
		errno = error;
	}
	return directory;
}

/* Refills the read-ahead buffer; returns its bytes (0 at the end) or -1. */
static int refill(DIR *directory)
{
	const struct fs0_channel *channel = fs0_channel();
	uint32_t room = sizeof(directory->buffer);
	long answer;

	if (!channel)
		return -1;
	if (room > channel->size)
		room = channel->size;
	answer = fs0_getdents(channel->server, directory->fd, 0, room);
	if (answer < 0)
		return (int)posix_result(answer);
	memcpy(directory->buffer, channel->buffer, (size_t)answer);
	directory->buffered = (int)answer;
	directory->position = 0;
	return (int)answer;
}

struct dirent *readdir(DIR *directory)
{
	const struct fs0_dirent *record;
	const char *name;
	size_t name_room, name_length;

	if (!directory) {
		errno = EBADF;
		return NULL;
	}
	if (directory->position >= directory->buffered && refill(directory) <= 0)
		return NULL;
	record = (const struct fs0_dirent *)((const char *)directory->buffer + directory->position);
	if (record->d_reclen <= FS0_DIRENT_NAME_OFFSET ||
	    record->d_reclen > directory->buffered - directory->position) {
		errno = EIO;
		return NULL;
	}
	name = (const char *)record + FS0_DIRENT_NAME_OFFSET;
	name_room = record->d_reclen - FS0_DIRENT_NAME_OFFSET;
	name_length = strnlen(name, name_room);
	if (name_length == name_room || name_length >= sizeof(directory->entry.d_name)) {
		errno = EIO;
		return NULL;
	}
	directory->position += record->d_reclen;
	directory->cookie = record->d_off;
	directory->entry.d_ino = (ino_t)record->d_ino;
	directory->entry.d_type = record->d_type;
	memcpy(directory->entry.d_name, name, name_length + 1);
	return &directory->entry;
}

/* fs0's cookies are lseek positions of the directory: 0 is its start,
 * a record's d_off the place after it. */
void seekdir(DIR *directory, long cookie)
{
	if (!directory || lseek(directory->fd, cookie, SEEK_SET) < 0)
		return;
	directory->buffered = 0;
	directory->position = 0;
	directory->cookie = cookie;
}

void rewinddir(DIR *directory)
{
	seekdir(directory, 0);
}

long telldir(DIR *directory)
{
	if (!directory)
		return posix_error(EBADF);
	return (long)directory->cookie;
}

int dirfd(DIR *directory)
{
	if (!directory)
		return posix_error(EINVAL);
	return directory->fd;
}

int closedir(DIR *directory)
{
	int answer;

	if (!directory)
		return posix_error(EBADF);
	answer = close(directory->fd);
	free(directory);
	return answer;
}

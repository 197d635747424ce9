/* path_ops.c - calls that name a path: stat, unlink, mkdir, rmdir,
 * rename, chdir, getcwd, access. The path goes to fs0 through the thread's
 * shared buffer. */
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"

_Static_assert(FILENAME_MAX == FS0_PATH_MAX, "stdio.h's FILENAME_MAX is fs0's longest path");

long fs0_put_path(const struct fs0_channel *channel, uint32_t offset, const char *path)
{
	size_t length;

	if (!path)
		return -EFAULT;
	length = strnlen(path, FS0_PATH_MAX);
	if (length >= FS0_PATH_MAX || length > channel->size - offset)
		return -ENAMETOOLONG;
	memcpy(channel->buffer + offset, path, length);
	return (long)length;
}

/* The calling thread's channel with path at offset 0, or NULL with errno
 * set; *length is the path's length. */
static const struct fs0_channel *channel_with_path(const char *path, uint32_t *length)
{
	const struct fs0_channel *channel = fs0_channel();
	long answer;

	if (!channel)
		return NULL;
	answer = fs0_put_path(channel, 0, path);
	if (answer < 0) {
		errno = (int)-answer;
		return NULL;
	}
	*length = (uint32_t)answer;
	return channel;
}

int stat(const char *path, struct stat *status)
{
	struct fs0_stat_info info;
	const struct fs0_channel *channel;
	uint32_t length;
	long answer;

	if (!status)
		return posix_error(EFAULT);
	channel = channel_with_path(path, &length);
	if (!channel)
		return -1;
	answer = fs0_stat(channel->server, 0, length, &info);
	if (answer < 0)
		return (int)posix_result(answer);
	return posix_stat_out(status, &info);
}

/* fs0 has no symbolic links. */
int lstat(const char *path, struct stat *status)
{
	return stat(path, status);
}

/* Everyone may do everything: there are no users. */
int access(const char *path, int mode)
{
	struct stat status;

	if (mode & ~(R_OK | W_OK | X_OK))
		return posix_error(EINVAL);
	return stat(path, &status);
}

int unlink(const char *path)
{
	const struct fs0_channel *channel;
	uint32_t length;

	channel = channel_with_path(path, &length);
	if (!channel)
		return -1;
	return (int)posix_result(fs0_unlink(channel->server, 0, length));
}

int mkdir(const char *path, mode_t mode)
{
	const struct fs0_channel *channel;
	uint32_t length;

	channel = channel_with_path(path, &length);
	if (!channel)
		return -1;
	return (int)posix_result(fs0_mkdir(channel->server, 0, length,
						   posix_creation_mode(mode) & FS0_S_PERM_MASK));
}

int rmdir(const char *path)
{
	const struct fs0_channel *channel;
	uint32_t length;

	channel = channel_with_path(path, &length);
	if (!channel)
		return -1;
	return (int)posix_result(fs0_rmdir(channel->server, 0, length));
}

int rename(const char *old_path, const char *new_path)
{
	const struct fs0_channel *channel;
	uint32_t old_length;
	long new_length;

	channel = channel_with_path(old_path, &old_length);
	if (!channel)
		return -1;
	new_length = fs0_put_path(channel, old_length, new_path);
	if (new_length < 0)
		return posix_error((int)-new_length);
	return (int)posix_result(fs0_rename(channel->server, 0, old_length, old_length,
					    (uint32_t)new_length));
}

int chdir(const char *path)
{
	const struct fs0_channel *channel;
	uint32_t length;

	channel = channel_with_path(path, &length);
	if (!channel)
		return -1;
	return (int)posix_result(fs0_chdir(channel->server, 0, length));
}

/* getcwd(NULL, 0) allocates, as glibc and the BSDs do. */
char *getcwd(char *buffer, size_t size)
{
	const struct fs0_channel *channel;
	char own[FS0_PATH_MAX];
	uint32_t room = buffer && size < FS0_PATH_MAX ? (uint32_t)size : FS0_PATH_MAX;
	long answer;

	if (buffer && size == 0) {
		errno = EINVAL;
		return NULL;
	}
	channel = fs0_channel();
	if (!channel)
		return NULL;
	answer = fs0_getcwd(channel->server, buffer ? buffer : own, &room);
	if (answer < 0) {
		errno = (int)-answer;
		return NULL;
	}
	if (!buffer) {
		buffer = malloc((size_t)answer);
		if (!buffer) {
			errno = ENOMEM;
			return NULL;
		}
		memcpy(buffer, own, (size_t)answer);
	}
	return buffer;
}

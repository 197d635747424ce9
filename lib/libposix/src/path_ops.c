/* path_ops.c - calls that name a path: stat, lstat, unlink, mkdir, rmdir,
 * rename, access (the *at calls with AT_FDCWD), chdir, fchdir and getcwd. */
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"
#include "path_at.h"

_Static_assert(FILENAME_MAX == FS0_PATH_MAX, "stdio.h's FILENAME_MAX is fs0's longest path");

int stat(const char *path, struct stat *status)
{
	return fstatat(AT_FDCWD, path, status, 0);
}

int lstat(const char *path, struct stat *status)
{
	return fstatat(AT_FDCWD, path, status, AT_SYMLINK_NOFOLLOW);
}

int access(const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, 0);
}

int unlink(const char *path)
{
	return unlinkat(AT_FDCWD, path, 0);
}

int mkdir(const char *path, mode_t mode)
{
	return mkdirat(AT_FDCWD, path, mode);
}

int rmdir(const char *path)
{
	return unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

int rename(const char *old_path, const char *new_path)
{
	return renameat(AT_FDCWD, old_path, AT_FDCWD, new_path);
}

int chdir(const char *path)
{
	l4_tid_t server;

	if (posix_path_ok(path) || posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_chdir(server, path));
}

int fchdir(int fd)
{
	l4_tid_t server;

	if (fd < 0)
		return posix_error(EBADF);
	if (posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_fchdir(server, fd));
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

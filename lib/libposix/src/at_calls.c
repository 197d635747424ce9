/* at_calls.c - the *at family: each call names a path relative to a
 * directory descriptor (or AT_FDCWD), and the plain calls are these with
 * AT_FDCWD. The path goes to fs0 as a bulk string. */
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"
#include "path_at.h"

int openat(int dirfd, const char *path, int flags, ...)
{
	uint32_t fs0_flags, mode = 0;
	l4_tid_t server;
	int err;

	if (flags & O_CREAT) {
		va_list args;

		va_start(args, flags);
		mode = (uint32_t)posix_creation_mode((mode_t)va_arg(args, int)) & FS0_S_PERM_MASK;
		va_end(args);
	}
	err = posix_open_flags(flags, &fs0_flags);
	if (err)
		return posix_error(-err);
	if (posix_path_ok(path) || posix_fs0(&server))
		return -1;
	posix_cancel_begin();
	return posix_fd_result(posix_cancel_end(fs0_open(server, posix_at_dirfd(dirfd), path,
							 fs0_flags, mode)));
}

int fstatat(int dirfd, const char *path, struct stat *status, int flags)
{
	struct fs0_stat_info info;
	uint32_t at_flags;
	l4_tid_t server;
	long answer;

	if (posix_at_flags(flags, AT_SYMLINK_NOFOLLOW, &at_flags) || posix_path_ok(path) ||
	    posix_fs0(&server))
		return -1;
	if (!status)
		return posix_error(EFAULT);
	answer = fs0_stat(server, posix_at_dirfd(dirfd), path, at_flags, &info);
	if (answer < 0)
		return (int)posix_result(answer);
	return posix_stat_out(status, &info);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	l4_tid_t server;

	if (posix_path_ok(path) || posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_mkdir(server, posix_at_dirfd(dirfd), path,
					   posix_creation_mode(mode) & FS0_S_PERM_MASK));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	uint32_t at_flags;
	l4_tid_t server;

	if (posix_at_flags(flags, AT_REMOVEDIR, &at_flags) || posix_path_ok(path) ||
	    posix_fs0(&server))
		return -1;
	if (at_flags & FS0_AT_REMOVEDIR)
		return (int)posix_result(fs0_rmdir(server, posix_at_dirfd(dirfd), path));
	return (int)posix_result(fs0_unlink(server, posix_at_dirfd(dirfd), path));
}

int renameat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path)
{
	l4_tid_t server;

	if (posix_path_ok(old_path) || posix_path_ok(new_path) || posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_rename(server, posix_at_dirfd(old_dirfd), old_path,
					    posix_at_dirfd(new_dirfd), new_path));
}

/* Real and effective ids are one and the same here, so AT_EACCESS changes nothing. */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	uint32_t at_flags;
	l4_tid_t server;

	if (mode & ~(R_OK | W_OK | X_OK))
		return posix_error(EINVAL);
	if (posix_at_flags(flags, AT_EACCESS | AT_SYMLINK_NOFOLLOW, &at_flags) ||
	    posix_path_ok(path) || posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_access(server, posix_at_dirfd(dirfd), path,
					    (mode & R_OK ? FS0_R_OK : 0) | (mode & W_OK ? FS0_W_OK : 0) |
					    (mode & X_OK ? FS0_X_OK : 0),
					    at_flags & FS0_AT_SYMLINK_NOFOLLOW));
}

ssize_t readlinkat(int dirfd, const char *path, char *buffer, size_t size)
{
	char target[FS0_PATH_MAX];
	uint32_t length = sizeof(target);
	l4_tid_t server;
	long answer;

	if (posix_path_ok(path) || posix_fs0(&server))
		return -1;
	if (size == 0)
		return posix_error(EINVAL);
	answer = fs0_readlink(server, posix_at_dirfd(dirfd), path, target, &length);
	if (answer < 0)
		return posix_result(answer);
	if (length > size)
		length = (uint32_t)size;
	if (posix_copy(buffer, target, length))
		return posix_error(EFAULT);
	return (ssize_t)length;
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	uint32_t at_flags;
	l4_tid_t server;

	if (posix_at_flags(flags, AT_SYMLINK_NOFOLLOW, &at_flags) || posix_path_ok(path) ||
	    posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_chmod(server, posix_at_dirfd(dirfd), path,
					   (uint32_t)mode & FS0_S_PERM_MASK, at_flags));
}

int fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags)
{
	uint32_t at_flags;
	l4_tid_t server;

	if (posix_at_flags(flags, AT_SYMLINK_NOFOLLOW, &at_flags) || posix_path_ok(path) ||
	    posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_chown(server, posix_at_dirfd(dirfd), path,
					   posix_owner_id(owner, (uid_t)-1),
					   posix_owner_id(group, (gid_t)-1), at_flags));
}

int linkat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path, int flags)
{
	uint32_t at_flags;
	l4_tid_t server;

	if (posix_at_flags(flags, AT_SYMLINK_FOLLOW, &at_flags) || posix_path_ok(old_path) ||
	    posix_path_ok(new_path) || posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_link(server, posix_at_dirfd(old_dirfd), old_path,
					  posix_at_dirfd(new_dirfd), new_path, at_flags));
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	l4_tid_t server;

	if (posix_path_ok(target) || posix_path_ok(path) || posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_symlink(server, target, posix_at_dirfd(dirfd), path));
}

/* times NULL: both now. UTIME_NOW and UTIME_OMIT are Linux's numbers, as fs0's. */
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
	struct fs0_file_times wire;
	uint32_t at_flags;
	l4_tid_t server;

	if (posix_at_flags(flags, AT_SYMLINK_NOFOLLOW, &at_flags) || posix_path_ok(path) ||
	    posix_fs0(&server) || posix_file_times(times, &wire))
		return -1;
	return (int)posix_result(fs0_utimens(server, posix_at_dirfd(dirfd), path, &wire, at_flags));
}

/* Regular files and named pipes; Linux gives EPERM for devices to a user
 * without the right, and there are no device numbers here to give. */
int mknodat(int dirfd, const char *path, mode_t mode, dev_t device)
{
	l4_tid_t server;
	int fd;

	(void)device;
	if ((mode & S_IFMT) == 0 || S_ISREG(mode)) {
		fd = openat(dirfd, path, O_WRONLY | O_CREAT | O_EXCL, mode & 07777);
		return fd < 0 ? -1 : close(fd);
	}
	if (!S_ISFIFO(mode))
		return posix_error(EPERM);
	if (posix_path_ok(path) || posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_mknod(server, posix_at_dirfd(dirfd), path,
					   FS0_S_IFIFO | (posix_creation_mode(mode) & FS0_S_PERM_MASK)));
}

int mkfifoat(int dirfd, const char *path, mode_t mode)
{
	return mknodat(dirfd, path, S_IFIFO | (mode & 07777), 0);
}

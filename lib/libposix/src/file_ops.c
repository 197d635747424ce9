/* file_ops.c - descriptor calls on fs0: open, close, ftruncate, fstat,
 * dup, dup2, pipe and isatty. The console's 0-2 answer here as a
 * character device that cannot be closed, duplicated or replaced. */
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"

/* The C library's open flags in fs0's numbering (docs/fs0.md says what
 * each means on a RAM file system). Flags fs0 has no use for pass as
 * nothing, and unknown bits are ignored, as Linux ignores them. */
static const struct {
	int posix;
	uint32_t fs0;
} open_flags[] = {
	{ O_CREAT, FS0_O_CREAT }, { O_EXCL, FS0_O_EXCL }, { O_TRUNC, FS0_O_TRUNC },
	{ O_APPEND, FS0_O_APPEND }, { O_NONBLOCK, FS0_O_NONBLOCK },
	{ O_DIRECTORY, FS0_O_DIRECTORY }, { O_CLOEXEC, FS0_O_CLOEXEC }, { O_NOCTTY, FS0_O_NOCTTY },
	{ O_SYNC, FS0_O_SYNC }, { O_NOFOLLOW, FS0_O_NOFOLLOW }, { O_NOATIME, FS0_O_NOATIME },
};

/* O_TMPFILE answers EOPNOTSUPP, as on Linux's file systems without it. */
int posix_open_flags(int flags, uint32_t *fs0_flags)
{
	if ((flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return -EOPNOTSUPP;
	*fs0_flags = (uint32_t)(flags & O_ACCMODE);
	for (size_t i = 0; i < sizeof(open_flags) / sizeof(open_flags[0]); i++)
		if (flags & open_flags[i].posix)
			*fs0_flags |= open_flags[i].fs0;
	return 0;
}

int posix_stat_out(struct stat *out, const struct fs0_stat_info *in)
{
	struct stat status = { 0 };

	status.st_dev = in->dev;
	status.st_ino = in->ino;
	status.st_mode = in->mode;
	status.st_nlink = in->nlink;
	status.st_size = (off_t)in->size;
	status.st_blksize = in->blksize;
	status.st_blocks = in->blocks;
	status.st_uid = in->uid;
	status.st_gid = in->gid;
	status.st_atim.tv_sec = in->atime_sec;
	status.st_atim.tv_nsec = in->atime_nsec;
	status.st_mtim.tv_sec = in->mtime_sec;
	status.st_mtim.tv_nsec = in->mtime_nsec;
	status.st_ctim.tv_sec = in->ctime_sec;
	status.st_ctim.tv_nsec = in->ctime_nsec;
	return posix_copy(out, &status, sizeof(status)) ? posix_error(EFAULT) : 0;
}

/* An answer of fs0 that is a descriptor, as ours. */
static int descriptor_result(long answer)
{
	return answer < 0 ? (int)posix_result(answer) : (int)answer + POSIX_CONSOLE_FDS;
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list args;

		va_start(args, flags);
		mode = (mode_t)va_arg(args, int);
		va_end(args);
	}
	return openat(AT_FDCWD, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int close(int fd)
{
	const struct fs0_channel *channel;

	if (is_console_fd(fd))
		return 0;
	if (fd < 0)
		return posix_error(EBADF);
	if (is_mm0_fd(fd))
		return posix_mm0_close(fd);
	channel = fs0_channel();
	if (!channel)
		return -1;
	return (int)posix_result(fs0_close(channel->server, fs0_fd(fd)));
}

int ftruncate(int fd, off_t length)
{
	const struct fs0_channel *channel;

	if (is_console_fd(fd))
		return posix_error(EINVAL);
	if (fd < 0)
		return posix_error(EBADF);
	if (is_mm0_fd(fd))
		return posix_mm0_ftruncate(fd, length);
	channel = fs0_channel();
	if (!channel)
		return -1;
	return (int)posix_result(fs0_ftruncate(channel->server, fs0_fd(fd), length));
}

int fstat(int fd, struct stat *status)
{
	const struct fs0_channel *channel;
	struct fs0_stat_info info;
	long answer;

	if (fd < 0)
		return posix_error(EBADF);
	if (is_console_fd(fd)) {
		const struct fs0_stat_info console = { .mode = S_IFCHR | 0620, .nlink = 1 };

		return posix_stat_out(status, &console);
	}
	channel = fs0_channel();
	if (!channel)
		return -1;
	answer = fs0_fstat(channel->server, fs0_fd(fd), &info);
	if (answer < 0)
		return (int)posix_result(answer);
	return posix_stat_out(status, &info);
}

int isatty(int fd)
{
	struct stat status;

	if (fstat(fd, &status) < 0)
		return 0;
	if (S_ISCHR(status.st_mode))
		return 1;
	errno = ENOTTY;
	return 0;
}

int dup(int fd)
{
	const struct fs0_channel *channel;

	if (is_console_fd(fd))
		return posix_error(EINVAL);
	if (fd < 0)
		return posix_error(EBADF);
	channel = fs0_channel();
	if (!channel)
		return -1;
	return descriptor_result(fs0_dup(channel->server, fs0_fd(fd)));
}

int dup2(int fd, int new_fd)
{
	const struct fs0_channel *channel;

	if (fd < 0 || new_fd < 0)
		return posix_error(EBADF);
	if (is_console_fd(fd) || is_console_fd(new_fd))
		return fd == new_fd ? new_fd : posix_error(EINVAL);
	channel = fs0_channel();
	if (!channel)
		return -1;
	return descriptor_result(fs0_dup2(channel->server, fs0_fd(fd), fs0_fd(new_fd)));
}

/* flags: O_NONBLOCK and O_CLOEXEC, for both ends. */
int pipe2(int fds[2], int flags)
{
	const struct fs0_channel *channel;
	int32_t ends[2];
	uint32_t fs0_flags = 0;
	long answer;

	if (flags & ~(O_NONBLOCK | O_CLOEXEC))
		return posix_error(EINVAL);
	if (flags & O_NONBLOCK)
		fs0_flags |= FS0_O_NONBLOCK;
	if (flags & O_CLOEXEC)
		fs0_flags |= FS0_O_CLOEXEC;
	/* Probed first: descriptors made for an array that cannot take them would stay open. */
	if (posix_probe_write(fds, 2 * sizeof(fds[0])))
		return posix_error(EFAULT);
	channel = fs0_channel();
	if (!channel)
		return -1;
	answer = fs0_pipe(channel->server, fs0_flags, ends);
	if (answer < 0)
		return (int)posix_result(answer);
	ends[0] += POSIX_CONSOLE_FDS;
	ends[1] += POSIX_CONSOLE_FDS;
	if (posix_copy(fds, ends, sizeof(ends))) {
		close(ends[0]);
		close(ends[1]);
		return posix_error(EFAULT);
	}
	return 0;
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

/* file_ops.c - descriptor calls on fs0: open, close, ftruncate, fstat,
 * dup, dup2, pipe and isatty. The terminal is a device node of fs0's like
 * any other file here; only isatty asks what a descriptor is. */
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

/* stdout's and stderr's lines buffered so far go to the file they were
 * written for, not to what the number names next. */
int close(int fd)
{
	const struct fs0_channel *channel;
	long answer;

	posix_cancellation_point();
	if (fd < 0)
		return posix_error(EBADF);
	if (is_mm0_fd(fd))
		return posix_mm0_close(fd);
	channel = fs0_channel();
	if (!channel)
		return -1;
	posix_stdio_flush_fd(fd);
	posix_cancel_begin();
	answer = posix_cancel_end(fs0_close(channel->server, fd));
	posix_fd_changed(fd);
	return (int)posix_result(answer);
}

int ftruncate(int fd, off_t length)
{
	const struct fs0_channel *channel;

	if (fd < 0)
		return posix_error(EBADF);
	if (is_mm0_fd(fd))
		return posix_mm0_ftruncate(fd, length);
	channel = fs0_channel();
	if (!channel)
		return -1;
	return (int)posix_result(fs0_ftruncate(channel->server, fd, length));
}

int fstat(int fd, struct stat *status)
{
	const struct fs0_channel *channel;
	struct fs0_stat_info info;
	long answer;

	if (fd < 0)
		return posix_error(EBADF);
	channel = fs0_channel();
	if (!channel)
		return -1;
	answer = fs0_fstat(channel->server, fd, &info);
	if (answer < 0)
		return (int)posix_result(answer);
	return posix_stat_out(status, &info);
}

int isatty(int fd)
{
	int kind = posix_fd_kind(fd);

	if (kind == POSIX_FD_TERMINAL)
		return 1;
	errno = kind < 0 ? -kind : ENOTTY;
	return 0;
}

int dup(int fd)
{
	const struct fs0_channel *channel;

	if (fd < 0)
		return posix_error(EBADF);
	channel = fs0_channel();
	if (!channel)
		return -1;
	return (int)posix_result(fs0_dup(channel->server, fd));
}

/* As close, a replaced stdout or stderr gets the lines buffered for it first. */
int dup2(int fd, int new_fd)
{
	const struct fs0_channel *channel;
	long answer;

	if (fd < 0 || new_fd < 0)
		return posix_error(EBADF);
	channel = fs0_channel();
	if (!channel)
		return -1;
	if (fd != new_fd)
		posix_stdio_flush_fd(new_fd);
	answer = fs0_dup2(channel->server, fd, new_fd);
	if (answer >= 0 && fd != new_fd)
		posix_fd_changed(new_fd);
	return (int)posix_result(answer);
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

/* statvfs.c - statvfs and fstatvfs: the file system's figures as fs0 gives them. */
#include <fcntl.h>
#include <sys/statvfs.h>

#include "fs0.h"
#include "internal.h"
#include "path_at.h"

static int statvfs_out(struct statvfs *out, const struct fs0_vfs_info *in)
{
	struct statvfs figures = {
		.f_bsize = in->bsize, .f_frsize = in->frsize, .f_blocks = in->blocks,
		.f_bfree = in->bfree, .f_bavail = in->bavail, .f_files = in->files,
		.f_ffree = in->ffree, .f_favail = in->ffree, .f_fsid = in->fsid,
		.f_flag = (in->flags & FS0_ST_RDONLY) ? ST_RDONLY : 0, .f_namemax = in->namemax,
	};

	return posix_copy(out, &figures, sizeof(figures)) ? posix_error(EFAULT) : 0;
}

int statvfs(const char *path, struct statvfs *buffer)
{
	struct fs0_vfs_info info;
	l4_tid_t server;
	long answer;

	if (posix_path_ok(path) || posix_fs0(&server))
		return -1;
	answer = fs0_statvfs(server, FS0_AT_FDCWD, path, &info);
	return answer < 0 ? (int)posix_result(answer) : statvfs_out(buffer, &info);
}

int fstatvfs(int fd, struct statvfs *buffer)
{
	struct fs0_vfs_info info;
	l4_tid_t server;
	long answer;

	if (fd < 0 || is_mm0_fd(fd))
		return posix_error(EBADF);
	if (posix_fs0(&server))
		return -1;
	answer = fs0_fstatvfs(server, fd, &info);
	return answer < 0 ? (int)posix_result(answer) : statvfs_out(buffer, &info);
}

/* path_at.c - the shared steps of every call that names a path. */
#include <fcntl.h>
#include <string.h>
#include <time.h>

#include "fs0.h"
#include "internal.h"
#include "path_at.h"

int posix_fs0(l4_tid_t *server)
{
	const struct fs0_channel *channel = fs0_channel();

	if (!channel)
		return -1;
	*server = channel->server;
	return 0;
}

int posix_path_ok(const char *path)
{
	if (!path)
		return posix_error(EFAULT);
	if (strnlen(path, FS0_PATH_MAX) == FS0_PATH_MAX)
		return posix_error(ENAMETOOLONG);
	return 0;
}

int32_t posix_at_dirfd(int dirfd)
{
	if (dirfd == AT_FDCWD)
		return FS0_AT_FDCWD;
	return dirfd < 0 ? -1 : dirfd;
}

static const struct {
	int posix;
	uint32_t fs0;
} at_flags[] = {
	{ AT_SYMLINK_NOFOLLOW, FS0_AT_SYMLINK_NOFOLLOW },
	{ AT_SYMLINK_FOLLOW, FS0_AT_SYMLINK_FOLLOW },
	{ AT_REMOVEDIR, FS0_AT_REMOVEDIR },
	{ AT_EACCESS, FS0_AT_EACCESS },
};

int posix_at_flags(int flags, int allowed, uint32_t *fs0_flags)
{
	if (flags & ~allowed)
		return posix_error(EINVAL);
	*fs0_flags = 0;
	for (size_t i = 0; i < sizeof(at_flags) / sizeof(at_flags[0]); i++)
		if (flags & at_flags[i].posix)
			*fs0_flags |= at_flags[i].fs0;
	return 0;
}

int posix_fd_result(long answer)
{
	return answer < 0 ? (int)posix_result(answer) : (int)answer;
}

int posix_file_times(const struct timespec times[2], struct fs0_file_times *wire)
{
	struct timespec pair[2];

	if (!times) {
		pair[0].tv_sec = pair[1].tv_sec = 0;
		pair[0].tv_nsec = pair[1].tv_nsec = FS0_UTIME_NOW;
	} else if (posix_copy(pair, times, sizeof(pair))) {
		return posix_error(EFAULT);
	}
	wire->atime_sec = pair[0].tv_sec;
	wire->atime_nsec = (int32_t)pair[0].tv_nsec;
	wire->mtime_sec = pair[1].tv_sec;
	wire->mtime_nsec = (int32_t)pair[1].tv_nsec;
	return 0;
}

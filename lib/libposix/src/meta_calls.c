/* meta_calls.c - a file's status by path or descriptor: chmod, fchmod,
 * chown, fchown, lchown, utime, utimes, futimes, lutimes, futimens, mkfifo
 * and mknod (the path forms are the *at calls with AT_FDCWD). */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include <utime.h>

#include "fs0.h"
#include "internal.h"
#include "path_at.h"

#define NSEC_PER_USEC	1000

int chmod(const char *path, mode_t mode)
{
	return fchmodat(AT_FDCWD, path, mode, 0);
}

int fchmod(int fd, mode_t mode)
{
	l4_tid_t server;

	if (fd < 0)
		return posix_error(EBADF);
	if (posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_fchmod(server, fd, (uint32_t)mode & FS0_S_PERM_MASK));
}

int chown(const char *path, uid_t owner, gid_t group)
{
	return fchownat(AT_FDCWD, path, owner, group, 0);
}

int lchown(const char *path, uid_t owner, gid_t group)
{
	return fchownat(AT_FDCWD, path, owner, group, AT_SYMLINK_NOFOLLOW);
}

/* uid_t is 16 bits in picolibc: its -1 is fs0's "unchanged". */
uint32_t posix_owner_id(unsigned long id, unsigned long unchanged)
{
	return id == unchanged ? FS0_ID_UNCHANGED : (uint32_t)id;
}

int fchown(int fd, uid_t owner, gid_t group)
{
	l4_tid_t server;

	if (fd < 0)
		return posix_error(EBADF);
	if (posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_fchown(server, fd, posix_owner_id(owner, (uid_t)-1),
					    posix_owner_id(group, (gid_t)-1)));
}

int futimens(int fd, const struct timespec times[2])
{
	struct fs0_file_times wire;
	l4_tid_t server;

	if (fd < 0)
		return posix_error(EBADF);
	if (posix_file_times(times, &wire) || posix_fs0(&server))
		return -1;
	return (int)posix_result(fs0_futimens(server, fd, &wire));
}

/* utimes' microseconds as utimensat's nanoseconds; NULL stays "now". */
static const struct timespec *times_of(const struct timeval times[2], struct timespec pair[2])
{
	if (!times)
		return NULL;
	for (int i = 0; i < 2; i++) {
		if (times[i].tv_usec < 0 || times[i].tv_usec >= 1000000)
			return &pair[2];
		pair[i].tv_sec = times[i].tv_sec;
		pair[i].tv_nsec = times[i].tv_usec * NSEC_PER_USEC;
	}
	return pair;
}

static int utimes_at(int dirfd, const char *path, const struct timeval times[2], int flags)
{
	struct timespec pair[3];
	const struct timespec *converted = times_of(times, pair);

	if (converted == &pair[2])
		return posix_error(EINVAL);
	return utimensat(dirfd, path, converted, flags);
}

int utimes(const char *path, const struct timeval times[2])
{
	return utimes_at(AT_FDCWD, path, times, 0);
}

int lutimes(const char *path, const struct timeval times[2])
{
	return utimes_at(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW);
}

int futimes(int fd, const struct timeval times[2])
{
	struct timespec pair[3];
	const struct timespec *converted = times_of(times, pair);

	if (converted == &pair[2])
		return posix_error(EINVAL);
	return futimens(fd, converted);
}

int utime(const char *path, const struct utimbuf *times)
{
	struct timespec pair[2];

	if (!times)
		return utimensat(AT_FDCWD, path, NULL, 0);
	pair[0].tv_sec = times->actime;
	pair[0].tv_nsec = 0;
	pair[1].tv_sec = times->modtime;
	pair[1].tv_nsec = 0;
	return utimensat(AT_FDCWD, path, pair, 0);
}

int mkfifo(const char *path, mode_t mode)
{
	return mkfifoat(AT_FDCWD, path, mode);
}

int mknod(const char *path, mode_t mode, dev_t device)
{
	return mknodat(AT_FDCWD, path, mode, device);
}

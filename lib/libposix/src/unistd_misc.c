/* unistd_misc.c - the rest of what portable programs expect from unistd
 * and friends, on a system with one user and a RAM file system: ids,
 * umask, gettimeofday, truncate, link, symlink, readlink, realpath,
 * gethostname and ttyname. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"
#include "path_at.h"

#define HOST_NAME	"larch"
#define CONSOLE_NAME	"/dev/console"

/* Everything runs as the one user, root. */
uid_t getuid(void)
{
	return 0;
}

uid_t geteuid(void)
{
	return 0;
}

gid_t getgid(void)
{
	return 0;
}

gid_t getegid(void)
{
	return 0;
}

/* Per process: a fork child starts with a copy, as the variable is in
 * the copied data; open and mkdir apply it. */
static mode_t creation_mask = 022;

mode_t umask(mode_t mask)
{
	mode_t old = creation_mask;

	creation_mask = mask & 0777;
	return old;
}

mode_t posix_creation_mode(mode_t mode)
{
	return mode & ~creation_mask;
}

int gettimeofday(struct timeval *now, void *zone)
{
	struct timespec clock_now;
	struct timeval reading;

	(void)zone;
	if (!now)
		return 0;
	if (clock_gettime(CLOCK_REALTIME, &clock_now) < 0)
		return -1;
	reading.tv_sec = clock_now.tv_sec;
	reading.tv_usec = clock_now.tv_nsec / 1000;
	return posix_copy(now, &reading, sizeof(reading)) ? posix_error(EFAULT) : 0;
}

int truncate(const char *path, off_t length)
{
	int fd = open(path, O_WRONLY), result, error;

	if (fd < 0)
		return -1;
	result = ftruncate(fd, length);
	error = errno;
	close(fd);
	errno = error;
	return result;
}

int link(const char *old_path, const char *new_path)
{
	return linkat(AT_FDCWD, old_path, AT_FDCWD, new_path, 0);
}

int symlink(const char *target, const char *link_path)
{
	return symlinkat(target, AT_FDCWD, link_path);
}

ssize_t readlink(const char *path, char *buffer, size_t size)
{
	return readlinkat(AT_FDCWD, path, buffer, size);
}

/* fs0 resolves the path, links included; resolved NULL: the answer is
 * malloc'ed, as POSIX 2008 allows. */
char *realpath(const char *path, char *resolved)
{
	char answer[FS0_PATH_MAX];
	uint32_t length = sizeof(answer);
	l4_tid_t server;
	long result;

	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	if (posix_path_ok(path) || posix_fs0(&server))
		return NULL;
	result = fs0_realpath(server, FS0_AT_FDCWD, path, answer, &length);
	if (result < 0) {
		errno = (int)-result;
		return NULL;
	}
	if (length == 0 || answer[length - 1] != '\0') {
		errno = EIO;
		return NULL;
	}
	if (!resolved) {
		resolved = malloc(length);
		if (!resolved) {
			errno = ENOMEM;
			return NULL;
		}
	}
	if (posix_copy(resolved, answer, length)) {
		errno = EFAULT;
		return NULL;
	}
	return resolved;
}

int gethostname(char *name, size_t size)
{
	if (!name)
		return posix_error(EFAULT);
	if (size < sizeof(HOST_NAME))
		return posix_error(ENAMETOOLONG);
	memcpy(name, HOST_NAME, sizeof(HOST_NAME));
	return 0;
}

char *ttyname(int fd)
{
	static char console_name[] = CONSOLE_NAME;

	if (!isatty(fd))
		return NULL;
	return console_name;
}

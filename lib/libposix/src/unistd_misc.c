/* unistd_misc.c - the rest of what portable programs expect from unistd
 * and friends, on a system with one user, no links and a RAM file system:
 * ids, umask, gettimeofday, fsync, truncate, realpath, link and symlink
 * (refused), gethostname and ttyname. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"

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

/* fs0 keeps files in RAM: once write returns, the data is where fsync
 * would put it. */
int fsync(int fd)
{
	struct stat status;

	return fstat(fd, &status);
}

int fdatasync(int fd)
{
	return fsync(fd);
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

/* fs0 has neither hard nor symbolic links (Linux says EPERM for a file
 * system without them). */
int link(const char *old_path, const char *new_path)
{
	(void)old_path;
	(void)new_path;
	return posix_error(EPERM);
}

int symlink(const char *target, const char *link_path)
{
	(void)target;
	(void)link_path;
	return posix_error(EPERM);
}

/* Without symbolic links, the canonical path is the lexical one: the
 * working directory in front of a relative path, "." dropped, ".." taking
 * off the component before it; the result must exist. */
char *realpath(const char *path, char *resolved)
{
	char joined[FS0_PATH_MAX], result[FS0_PATH_MAX], *save;
	size_t length = 0;
	struct stat status;

	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	if (path[0] != '/') {
		if (!getcwd(joined, sizeof(joined)))
			return NULL;
		if (strlen(joined) + 1 + strlen(path) >= sizeof(joined)) {
			errno = ENAMETOOLONG;
			return NULL;
		}
		strcat(strcat(joined, "/"), path);
	} else if (strlen(path) >= sizeof(joined)) {
		errno = ENAMETOOLONG;
		return NULL;
	} else {
		strcpy(joined, path);
	}
	for (char *part = strtok_r(joined, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
		if (strcmp(part, ".") == 0)
			continue;
		if (strcmp(part, "..") == 0) {
			while (length > 0 && result[--length] != '/')
				continue;
			continue;
		}
		result[length++] = '/';
		strcpy(result + length, part);
		length += strlen(part);
	}
	if (length == 0)
		result[length++] = '/';
	result[length] = '\0';
	if (stat(result, &status) < 0)
		return NULL;
	if (!resolved) {
		resolved = malloc(length + 1);
		if (!resolved) {
			errno = ENOMEM;
			return NULL;
		}
	}
	return memcpy(resolved, result, length + 1);
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

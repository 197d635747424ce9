/* posix_shm.c - shm_open and shm_unlink: a POSIX shared memory object is a
 * file in fs0's RAM file system under /dev/shm, as on Linux's tmpfs, so
 * ftruncate sizes it, mmap(MAP_SHARED) maps mm0's one page cache of it in
 * every process, and it lasts until shm_unlink and the last close. */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs0_types.h"
#include "internal.h"

#define SHM_DIRECTORY	"/dev/shm"

/* "/name": one leading slash and no other; the file's path in *path. */
static int shm_path(const char *name, char path[FS0_PATH_MAX])
{
	size_t length;

	if (!name)
		return -EFAULT;
	if (name[0] != '/' || !name[1] || strchr(name + 1, '/'))
		return -EINVAL;
	length = strnlen(name, FS0_NAME_MAX + 2);
	if (length > FS0_NAME_MAX + 1 || strlen(SHM_DIRECTORY) + length >= FS0_PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(path, SHM_DIRECTORY, strlen(SHM_DIRECTORY));
	memcpy(path + strlen(SHM_DIRECTORY), name, length + 1);
	return 0;
}

/* mkdir -p /dev/shm, once it is needed. */
static int shm_directory(void)
{
	if (mkdir("/dev", 0755) < 0 && errno != EEXIST)
		return -1;
	if (mkdir(SHM_DIRECTORY, 01777) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

int shm_open(const char *name, int oflag, mode_t mode)
{
	char path[FS0_PATH_MAX];
	int err = shm_path(name, path);

	if (err)
		return posix_error(-err);
	if ((oflag & O_ACCMODE) == O_WRONLY || (oflag & ~(O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC)))
		return posix_error(EINVAL);
	if ((oflag & O_CREAT) && shm_directory() < 0)
		return -1;
	return open(path, oflag, mode);
}

int shm_unlink(const char *name)
{
	char path[FS0_PATH_MAX];
	int err = shm_path(name, path);

	if (err)
		return posix_error(-err);
	return unlink(path);
}

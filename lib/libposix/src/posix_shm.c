/* posix_shm.c - shm_open and shm_unlink on mm0's POSIX shared memory
 * objects. mm0 numbers its descriptors from 64 (MM0_FD_BASE), above fs0's,
 * and an shm descriptor is mm0's number here like any other (internal.h):
 * mmap, ftruncate and close send it to mm0. */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <stdint.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"
#include "mm0.h"

/* posix_open_flags gives fs0's numbers, which shm_open takes too. */
_Static_assert(FS0_O_ACCMODE == MM0_O_ACCMODE && FS0_O_CREAT == MM0_O_CREAT &&
	       FS0_O_EXCL == MM0_O_EXCL && FS0_O_TRUNC == MM0_O_TRUNC, "shm_open flags");

/* "/name": one leading slash, no other, at most MM0_SHM_NAME_MAX bytes. */
static int shm_name_check(const char *name)
{
	if (!name)
		return -EFAULT;
	if (name[0] != '/' || !name[1] || strchr(name + 1, '/'))
		return -EINVAL;
	if (strnlen(name, MM0_SHM_NAME_MAX + 1) > MM0_SHM_NAME_MAX)
		return -ENAMETOOLONG;
	return 0;
}

int shm_open(const char *name, int oflag, mode_t mode)
{
	uint32_t mm0_flags;
	int err = shm_name_check(name);
	long answer;

	if (!err && ((oflag & O_ACCMODE) == O_WRONLY ||
		     (oflag & ~(O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC))))
		err = -EINVAL;
	if (!err)
		err = posix_open_flags(oflag, &mm0_flags);
	if (err)
		return posix_error(-err);
	answer = mm_shm_open(posix_mm0(), name, (int32_t)mm0_flags, mode & 07777);
	return (int)posix_result(answer);
}

int shm_unlink(const char *name)
{
	int err = shm_name_check(name);

	if (err)
		return posix_error(-err);
	return (int)posix_result(mm_shm_unlink(posix_mm0(), name));
}

int posix_mm0_ftruncate(int fd, off_t length)
{
	if (length < 0 || (uint64_t)length > UINT32_MAX)
		return posix_error(EINVAL);
	return (int)posix_result(mm_shm_truncate(posix_mm0(), fd, (uint32_t)length));
}

int posix_mm0_close(int fd)
{
	return (int)posix_result(mm_close(posix_mm0(), fd));
}

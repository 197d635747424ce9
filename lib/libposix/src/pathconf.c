/* pathconf.c - pathconf and fpathconf: the limits fs0 enforces (idl/fs0.idl)
 * for any file it serves, after checking that the file is there. A limit
 * without a fixed value, or an option the system lacks, is -1 with errno
 * unchanged, as POSIX says. */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"

/* A signed size up to FS0_FILE_SIZE_MAX (2^30) takes 32 bits. */
#define FILE_SIZE_BITS	32

static long file_limit(int name)
{
	switch (name) {
	case _PC_NAME_MAX:
		return FS0_NAME_MAX;
	case _PC_PATH_MAX:
		return FS0_PATH_MAX;
	case _PC_PIPE_BUF:
		return FS0_PIPE_BUF;
	case _PC_FILESIZEBITS:
		return FILE_SIZE_BITS;
	/* Only root changes owners; a long name is refused, never cut. */
	case _PC_CHOWN_RESTRICTED:
	case _PC_NO_TRUNC:
		return 1;
	case _PC_LINK_MAX:
		return FS0_LINK_MAX;
	/* Symbolic links are fs0's; a target is bounded only by PATH_MAX. */
	case _PC_2_SYMLINKS:
		return 1;
	case _PC_SYMLINK_MAX:
	case _PC_ASYNC_IO:
	case _PC_PRIO_IO:
	case _PC_SYNC_IO:
	case _PC_REC_INCR_XFER_SIZE:
	case _PC_REC_MAX_XFER_SIZE:
	case _PC_REC_MIN_XFER_SIZE:
	case _PC_REC_XFER_ALIGN:
	case _PC_ALLOC_SIZE_MIN:
		return -1;
	default:
		return posix_error(EINVAL);
	}
}

long pathconf(const char *path, int name)
{
	struct stat status;

	if (stat(path, &status) < 0)
		return -1;
	return file_limit(name);
}

long fpathconf(int fd, int name)
{
	struct stat status;

	if (fstat(fd, &status) < 0)
		return -1;
	return file_limit(name);
}

/* fs0_local.h - fs0's own spellings on top of its wire ABI (the generated
 * fs0.h, from idl/fs0.idl): st_mode tests and errno names. Private to the
 * server and its tests; clients use the generated header alone. */
#ifndef FS0_LOCAL_H
#define FS0_LOCAL_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include "fs0.h"

#define FS0_S_ISDIR(m)		(((m) & FS0_S_IFMT) == FS0_S_IFDIR)
#define FS0_S_ISREG(m)		(((m) & FS0_S_IFMT) == FS0_S_IFREG)
#define FS0_S_ISFIFO(m)		(((m) & FS0_S_IFMT) == FS0_S_IFIFO)
#define FS0_S_ISCHR(m)		(((m) & FS0_S_IFMT) == FS0_S_IFCHR)

/* ---- errno ---------------------------------------------------------------
 * The C library's own numbers: every task and server of the system links
 * the same C library, so a -errno on the wire means the same on both ends
 * (picolibc on the target, the host's libc in host tests). */
#define FS0_EPERM		EPERM
#define FS0_ENOENT		ENOENT
#define FS0_ESRCH		ESRCH
#define FS0_EINTR		EINTR
#define FS0_EIO			EIO
#define FS0_EBADF		EBADF
#define FS0_EAGAIN		EAGAIN
#define FS0_ENOMEM		ENOMEM
#define FS0_EACCES		EACCES
#define FS0_EFAULT		EFAULT
#define FS0_EBUSY		EBUSY
#define FS0_EEXIST		EEXIST
#define FS0_EXDEV		EXDEV
#define FS0_ENODEV		ENODEV
#define FS0_ENOTDIR		ENOTDIR
#define FS0_EISDIR		EISDIR
#define FS0_EINVAL		EINVAL
#define FS0_EMFILE		EMFILE
#define FS0_EFBIG		EFBIG
#define FS0_ENOSPC		ENOSPC
#define FS0_ESPIPE		ESPIPE
#define FS0_EROFS		EROFS
#define FS0_EPIPE		EPIPE
#define FS0_ERANGE		ERANGE
#define FS0_ENAMETOOLONG	ENAMETOOLONG
#define FS0_ENOTEMPTY		ENOTEMPTY
#define FS0_ELOOP		ELOOP
#define FS0_EMLINK		EMLINK
#define FS0_ENXIO		ENXIO
#define FS0_EOPNOTSUPP		EOPNOTSUPP
#define FS0_ENOLCK		ENOLCK
#define FS0_EDEADLK		EDEADLK
#define FS0_EOVERFLOW		EOVERFLOW

/* getdents records are raw bytes in the caller's buffer: the layout must be
 * the same on ARM EABI and on the hosts the tests run on. */
_Static_assert(offsetof(struct fs0_dirent, d_type) + 1 == FS0_DIRENT_NAME_OFFSET,
	       "a dirent's name follows d_type");
_Static_assert(offsetof(struct fs0_dirent, d_reclen) == 16, "fs0_dirent layout");

#endif

/* fs0_types.h - the numeric ABI of fs0 shared by the server, the IDL and
 * libposix: open flags, errno values, stat and dirent layouts, limits.
 * Values match Linux on ARM EABI so libposix passes them through; they carry
 * an FS0_ prefix because the C library's own headers may number them
 * differently (newlib does). Only fixed-width types, no padding surprises. */
#ifndef FS0_TYPES_H
#define FS0_TYPES_H

#include <errno.h>
#include <stdint.h>

/* ---- Limits ------------------------------------------------------------ */
#define FS0_PATH_MAX		256	/* bytes, including the terminating NUL */
#define FS0_NAME_MAX		255	/* bytes of one path component */
#define FS0_OPEN_MAX		64	/* descriptors per table */
#define FS0_PIPE_BUF		4096	/* bytes a pipe holds; writes up to this are atomic */
#define FS0_PAGE_SIZE		4096	/* unit of mm0's page reads and writes */
#define FS0_FILE_SIZE_MAX	(INT64_C(1) << 30)	/* larger files get EFBIG */
#define FS0_IO_MAX		0x7ffff000u	/* one read or write moves at most this */

/* ---- open() flags (octal, as Linux/ARM) -------------------------------- */
#define FS0_O_RDONLY		00
#define FS0_O_WRONLY		01
#define FS0_O_RDWR		02
#define FS0_O_ACCMODE		03
#define FS0_O_CREAT		0100
#define FS0_O_EXCL		0200
#define FS0_O_TRUNC		01000
#define FS0_O_APPEND		02000
#define FS0_O_NONBLOCK		04000
#define FS0_O_DIRECTORY		040000
#define FS0_O_CLOEXEC		02000000

/* fcntl commands and the descriptor flag (Linux's numbers). */
#define FS0_F_DUPFD		0
#define FS0_F_GETFD		1
#define FS0_F_SETFD		2
#define FS0_F_GETFL		3
#define FS0_F_SETFL		4
#define FS0_F_DUPFD_CLOEXEC	1030
#define FS0_FD_CLOEXEC		1

/* ---- lseek() whence ---------------------------------------------------- */
#define FS0_SEEK_SET		0
#define FS0_SEEK_CUR		1
#define FS0_SEEK_END		2

/* ---- st_mode ----------------------------------------------------------- */
#define FS0_S_IFMT		0170000
#define FS0_S_IFIFO		0010000
#define FS0_S_IFDIR		0040000
#define FS0_S_IFREG		0100000
#define FS0_S_PERM_MASK		07777
#define FS0_S_ISDIR(m)		(((m) & FS0_S_IFMT) == FS0_S_IFDIR)
#define FS0_S_ISREG(m)		(((m) & FS0_S_IFMT) == FS0_S_IFREG)
#define FS0_S_ISFIFO(m)		(((m) & FS0_S_IFMT) == FS0_S_IFIFO)

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

/* ---- stat() ------------------------------------------------------------ */
struct fs0_stat {
	uint32_t st_dev;	/* mount number */
	uint32_t st_ino;	/* vnode id, unique while fs0 runs */
	uint32_t st_mode;	/* FS0_S_IF* | permission bits */
	uint32_t st_nlink;
	int64_t st_size;	/* bytes; for a pipe, bytes waiting */
	uint32_t st_blksize;	/* preferred I/O size */
	uint32_t st_blocks;	/* 512-byte blocks holding data */
};

/* ---- getdents() records ------------------------------------------------
 * Packed back to back in the caller's buffer, each d_reclen bytes long
 * (a multiple of 8), d_name NUL-terminated. d_off is the cookie of the
 * next record: lseek(fd, d_off, SEEK_SET) resumes after this one. */
struct fs0_dirent {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

/* The layouts above are the same on ARM EABI and on the hosts the tests run on. */
_Static_assert(sizeof(struct fs0_stat) == 32, "fs0_stat layout");
_Static_assert(sizeof(struct fs0_dirent) == 24, "fs0_dirent layout");

#define FS0_DT_FIFO		1
#define FS0_DT_DIR		4
#define FS0_DT_REG		8

#endif

/* sys/statvfs.h - statvfs and fstatvfs, which picolibc does not have;
 * libposix answers with fs0's figures (src/statvfs.c). */
#ifndef LIBPOSIX_SYS_STATVFS_H
#define LIBPOSIX_SYS_STATVFS_H

#include <sys/types.h>

struct statvfs {
	unsigned long f_bsize;
	unsigned long f_frsize;
	fsblkcnt_t f_blocks;
	fsblkcnt_t f_bfree;
	fsblkcnt_t f_bavail;
	fsfilcnt_t f_files;
	fsfilcnt_t f_ffree;
	fsfilcnt_t f_favail;
	unsigned long f_fsid;
	unsigned long f_flag;
	unsigned long f_namemax;
};

/* f_flag bits (Linux's numbers). */
#define ST_RDONLY	1
#define ST_NOSUID	2

int statvfs(const char *restrict path, struct statvfs *restrict buffer);
int fstatvfs(int fd, struct statvfs *buffer);

#endif

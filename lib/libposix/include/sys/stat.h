/* sys/stat.h - picolibc's sys/stat.h, which declares lstat and mknod only
 * for a few other systems and UTIME_NOW/UTIME_OMIT only for Cygwin and
 * RTEMS; POSIX puts them here, and libposix has them (src/path_ops.c,
 * src/meta_calls.c), with Linux's numbers (fs0's). */
#ifndef LIBPOSIX_SYS_STAT_H
#define LIBPOSIX_SYS_STAT_H

#include_next <sys/stat.h>

int lstat(const char *restrict path, struct stat *restrict buffer);
int mknod(const char *path, mode_t mode, dev_t device);

#ifndef UTIME_NOW
#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)
#endif

#endif

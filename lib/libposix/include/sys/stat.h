/* sys/stat.h - picolibc's sys/stat.h, which declares lstat only for a few
 * other systems; POSIX puts it here, and libposix has it (src/path_ops.c). */
#ifndef LIBPOSIX_SYS_STAT_H
#define LIBPOSIX_SYS_STAT_H

#include_next <sys/stat.h>

int lstat(const char *restrict path, struct stat *restrict buffer);

#endif

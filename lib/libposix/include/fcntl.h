/* fcntl.h - picolibc's fcntl.h plus the open flags Linux has and picolibc
 * declares only for Cygwin (O_DSYNC, O_RSYNC, O_NOATIME, O_PATH, O_TMPFILE),
 * numbered as picolibc numbers them there; libposix maps every flag to
 * fs0's (src/file_ops.c). */
#ifndef LIBPOSIX_FCNTL_H
#define LIBPOSIX_FCNTL_H

#include_next <fcntl.h>

#ifndef O_DSYNC
#define O_DSYNC		O_SYNC
#define O_RSYNC		O_SYNC
#endif
#ifndef O_NOATIME
#define O_NOATIME	0x1000000
#define O_PATH		0x2000000
/* As on Linux, O_TMPFILE carries O_DIRECTORY. */
#define O_TMPFILE	(0x800000 | O_DIRECTORY)
#endif

#endif

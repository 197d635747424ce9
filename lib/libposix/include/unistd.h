/* unistd.h - picolibc's unistd.h plus what Linux adds there and picolibc
 * leaves out: syncfs. */
#ifndef LIBPOSIX_UNISTD_H
#define LIBPOSIX_UNISTD_H

#include_next <unistd.h>

/* The file system fd is on written back to its disk and the disk flushed
 * (src/syncfs.c); 0 at once for a file in RAM. */
int syncfs(int fd);

#endif

/* path_at.h - what libposix's path calls share (path_at.c): the fs0 server
 * to ask, an *at call's directory and flags in fs0's numbering, and the
 * checks a path passes before it goes out as a bulk string. */
#ifndef LIBPOSIX_PATH_AT_H
#define LIBPOSIX_PATH_AT_H

#include <stdint.h>
#include <l4/ipc.h>

/* The calling thread's fs0, with its shared buffer ready for the stubs'
 * bulk parameters: 0, or -1 with errno set. */
int posix_fs0(l4_tid_t *server);
/* path may go to fs0: 0, or -1 with errno EFAULT (NULL) or ENAMETOOLONG
 * (FS0_PATH_MAX bytes or more, no room for the NUL). */
int posix_path_ok(const char *path);
/* An *at call's dirfd as fs0 numbers it: FS0_AT_FDCWD for AT_FDCWD, -1 for
 * any other negative one (fs0 answers EBADF unless the path is absolute). */
int32_t posix_at_dirfd(int dirfd);
/* The C library's AT_* flags as fs0's, where each is one of allowed: 0, or
 * -1 with errno EINVAL for any other. */
int posix_at_flags(int flags, int allowed, uint32_t *fs0_flags);
struct timespec;
struct fs0_file_times;
/* utimensat's times (NULL: both now) as fs0's: 0, or -1 with errno EFAULT. */
int posix_file_times(const struct timespec times[2], struct fs0_file_times *wire);
/* A chown id as fs0's: FS0_ID_UNCHANGED for the type's -1 (unchanged). */
uint32_t posix_owner_id(unsigned long id, unsigned long unchanged);
/* fs0's answer that is a descriptor, as the caller numbers it. */
int posix_fd_result(long answer);

#endif

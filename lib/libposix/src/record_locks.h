/* record_locks.h - fcntl's record-lock commands (record_locks.c). */
#ifndef LIBPOSIX_RECORD_LOCKS_H
#define LIBPOSIX_RECORD_LOCKS_H

struct flock;

/* F_GETLK, F_SETLK or F_SETLKW on fd: 0, or -1 with errno set. */
int posix_record_lock(int fd, int command, struct flock *lock);

#endif

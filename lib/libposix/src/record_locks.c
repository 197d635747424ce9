/* record_locks.c - fcntl's F_GETLK, F_SETLK and F_SETLKW: struct flock in
 * the C library's numbers on the outside, fs0's lock requests (Linux's
 * numbers) on the wire. fs0 keeps the locks per process, by our pid. */
#include <fcntl.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"
#include "path_at.h"
#include "record_locks.h"

static int type_to_fs0(short type)
{
	return type == F_RDLCK ? FS0_F_RDLCK : type == F_WRLCK ? FS0_F_WRLCK : type == F_UNLCK ? FS0_F_UNLCK : -1;
}

static short type_from_fs0(int32_t type)
{
	return type == FS0_F_RDLCK ? F_RDLCK : type == FS0_F_WRLCK ? F_WRLCK : F_UNLCK;
}

int posix_record_lock(int fd, int command, struct flock *lock)
{
	struct fs0_lock_range want, held;
	struct flock asked;
	l4_tid_t server;
	long answer;

	if (fd < 0 || is_mm0_fd(fd))
		return posix_error(EBADF);
	if (posix_copy(&asked, lock, sizeof(asked)))
		return posix_error(EFAULT);
	want.type = type_to_fs0(asked.l_type);
	if (want.type < 0)
		return posix_error(EINVAL);
	want.whence = asked.l_whence;
	want.start = asked.l_start;
	want.len = asked.l_len;
	want.pid = getpid();
	if (posix_fs0(&server))
		return -1;
	if (command == F_SETLKW) {
		posix_cancel_begin();
		return (int)posix_result(posix_cancel_end(fs0_setlk(server, fd, true, &want)));
	}
	if (command == F_SETLK)
		return (int)posix_result(fs0_setlk(server, fd, false, &want));
	answer = fs0_getlk(server, fd, &want, &held);
	if (answer < 0)
		return (int)posix_result(answer);
	asked.l_type = type_from_fs0(held.type);
	if (held.type != FS0_F_UNLCK) {
		asked.l_whence = SEEK_SET;
		asked.l_start = (off_t)held.start;
		asked.l_len = (off_t)held.len;
		asked.l_pid = (short)held.pid;
	}
	return posix_copy(lock, &asked, sizeof(asked)) ? posix_error(EFAULT) : 0;
}

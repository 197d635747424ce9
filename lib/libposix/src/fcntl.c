/* fcntl.c - fcntl: duplication at or above a number, the close-on-exec
 * flag and the open file's status flags, in the C library's numbers on the
 * outside and fs0's (Linux's) on the wire; record locks go to
 * record_locks.c. */
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"
#include "record_locks.h"

/* The status flags F_GETFL reports and F_SETFL changes besides the access
 * mode, which has the same numbers on both sides. */
static const struct {
	int posix;
	uint32_t fs0;
} status_flags[] = {
	{ O_APPEND, FS0_O_APPEND }, { O_NONBLOCK, FS0_O_NONBLOCK },
};

#define STATUS_FLAG_COUNT (sizeof(status_flags) / sizeof(status_flags[0]))

/* Flags F_SETFL cannot change are ignored, as Linux does. */
static uint32_t status_to_fs0(int flags)
{
	uint32_t out = 0;

	for (size_t i = 0; i < STATUS_FLAG_COUNT; i++)
		if (flags & status_flags[i].posix)
			out |= status_flags[i].fs0;
	return out;
}

static int status_from_fs0(uint32_t flags)
{
	int out = (int)(flags & FS0_O_ACCMODE);

	for (size_t i = 0; i < STATUS_FLAG_COUNT; i++)
		if (flags & status_flags[i].fs0)
			out |= status_flags[i].posix;
	return out;
}

/* The fs0 request for command with argument, or -errno. */
static long fs0_command(l4_tid_t server, int32_t fd, int command, int argument)
{
	switch (command) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (argument < 0)
			return -EINVAL;
		return fs0_fcntl(server, fd, command == F_DUPFD ? FS0_F_DUPFD : FS0_F_DUPFD_CLOEXEC,
				 (uint32_t)argument);
	case F_GETFD: {
		long answer = fs0_fcntl(server, fd, FS0_F_GETFD, 0);

		return answer < 0 ? answer : (answer & FS0_FD_CLOEXEC) ? FD_CLOEXEC : 0;
	}
	case F_SETFD:
		return fs0_fcntl(server, fd, FS0_F_SETFD, (argument & FD_CLOEXEC) ? FS0_FD_CLOEXEC : 0);
	case F_GETFL: {
		long answer = fs0_fcntl(server, fd, FS0_F_GETFL, 0);

		return answer < 0 ? answer : status_from_fs0((uint32_t)answer);
	}
	case F_SETFL:
		return fs0_fcntl(server, fd, FS0_F_SETFL, status_to_fs0(argument));
	default:
		return -EINVAL;
	}
}

int fcntl(int fd, int command, ...)
{
	const struct fs0_channel *channel;
	int argument = 0;

	if (command == F_GETLK || command == F_SETLK || command == F_SETLKW) {
		va_list args;
		struct flock *lock;

		va_start(args, command);
		lock = va_arg(args, struct flock *);
		va_end(args);
		return posix_record_lock(fd, command, lock);
	}
	if (command == F_DUPFD || command == F_DUPFD_CLOEXEC || command == F_SETFD ||
	    command == F_SETFL) {
		va_list args;

		va_start(args, command);
		argument = va_arg(args, int);
		va_end(args);
	}
	if (fd < 0 || is_mm0_fd(fd))
		return posix_error(EBADF);
	channel = fs0_channel();
	if (!channel)
		return -1;
	return (int)posix_result(fs0_command(channel->server, fd, command, argument));
}

/* ioctl.c - ioctl's terminal requests as the termios calls (termios.c), and
 * FIONBIO on any descriptor; other requests give ENOTTY, as Linux answers a
 * request a file does not know. */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "internal.h"

/* A serial line has no size: both 0, as Linux's serial driver reports until one is set. */
static int window_size(int fd, struct winsize *size)
{
	const struct winsize none = { 0, 0, 0, 0 };

	if (!isatty(fd))
		return -1;
	return posix_copy(size, &none, sizeof(none)) ? posix_error(EFAULT) : 0;
}

static int set_nonblocking(int fd, const int *on)
{
	int value, flags;

	if (posix_copy(&value, on, sizeof(value)))
		return posix_error(EFAULT);
	flags = fcntl(fd, F_GETFL);
	if (flags < 0)
		return -1;
	return fcntl(fd, F_SETFL, value ? flags | O_NONBLOCK : flags & ~O_NONBLOCK);
}

static int foreground_out(int fd, pid_t *out)
{
	pid_t group = tcgetpgrp(fd);

	if (group < 0)
		return -1;
	return posix_copy(out, &group, sizeof(group)) ? posix_error(EFAULT) : 0;
}

static int foreground_in(int fd, const pid_t *in)
{
	pid_t group;

	if (posix_copy(&group, in, sizeof(group)))
		return posix_error(EFAULT);
	return tcsetpgrp(fd, group);
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list args;
	void *argument;

	va_start(args, request);
	argument = va_arg(args, void *);
	va_end(args);
	switch (request) {
	case TCGETS:
		return tcgetattr(fd, argument);
	case TCSETS:
		return tcsetattr(fd, TCSANOW, argument);
	case TCSETSW:
		return tcsetattr(fd, TCSADRAIN, argument);
	case TCSETSF:
		return tcsetattr(fd, TCSAFLUSH, argument);
	case TIOCGPGRP:
		return foreground_out(fd, argument);
	case TIOCSPGRP:
		return foreground_in(fd, argument);
	case TIOCGWINSZ:
		return window_size(fd, argument);
	case FIONBIO:
		return set_nonblocking(fd, argument);
	default:
		return fcntl(fd, F_GETFD) < 0 ? -1 : posix_error(ENOTTY);
	}
}

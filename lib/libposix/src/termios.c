/* termios.c - the terminal interface on the console server: tcgetattr and
 * tcsetattr carry c_iflag's ICRNL, c_lflag and VMIN/VTIME to the console
 * (which acts on ICRNL, ISIG, ICANON and ECHO) and answer the rest with what
 * the console does (output with NL as CR-NL, 8 bits at 115200, its fixed
 * editing keys); the foreground process group, which Ctrl-C signals. Every
 * call on a descriptor that is not a terminal gives ENOTTY. */
#include <string.h>
#include <sys/termios.h>
#include <unistd.h>

#include "console.h"
#include "internal.h"

_Static_assert(ICRNL == CONSOLE_ICRNL && ISIG == CONSOLE_ISIG && ICANON == CONSOLE_ICANON &&
	       ECHO == CONSOLE_ECHO, "termios.h and console.idl disagree on the mode bits");

#define CONSOLE_OFLAG	(OPOST | ONLCR)
#define CONSOLE_CFLAG	(CS8 | CREAD | CLOCAL | B115200)
#define CONSOLE_SPEED	B115200

/* 0 when fd is a terminal, else -1 with errno (ENOTTY, or EBADF). */
static int require_terminal(int fd)
{
	int kind = posix_fd_kind(fd);

	if (kind < 0)
		return posix_error(-kind);
	return kind == POSIX_FD_TERMINAL ? 0 : posix_error(ENOTTY);
}

int tcgetattr(int fd, struct termios *termios)
{
	static const cc_t keys[NCCS] = {
		[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025, [VEOF] = 004,
		[VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032,
	};
	struct console_mode mode;
	struct termios answer;
	long error;

	if (require_terminal(fd))
		return -1;
	error = terminal_get_mode(&mode);
	if (error)
		return posix_error((int)-error);
	memset(&answer, 0, sizeof(answer));
	answer.c_iflag = mode.iflag;
	answer.c_oflag = CONSOLE_OFLAG;
	answer.c_cflag = CONSOLE_CFLAG;
	answer.c_lflag = mode.lflag;
	memcpy(answer.c_cc, keys, sizeof(keys));
	answer.c_cc[VMIN] = mode.vmin;
	answer.c_cc[VTIME] = mode.vtime;
	answer.c_ispeed = answer.c_ospeed = CONSOLE_SPEED;
	return posix_copy(termios, &answer, sizeof(answer)) ? posix_error(EFAULT) : 0;
}

/* The console applies a mode at once: TCSADRAIN and TCSAFLUSH wait for
 * nothing (output already queued keeps its order) and discard nothing. */
int tcsetattr(int fd, int optional_actions, const struct termios *termios)
{
	struct termios wanted;
	struct console_mode mode;

	if (optional_actions != TCSANOW && optional_actions != TCSADRAIN &&
	    optional_actions != TCSAFLUSH)
		return posix_error(EINVAL);
	if (require_terminal(fd))
		return -1;
	if (posix_copy(&wanted, termios, sizeof(wanted)))
		return posix_error(EFAULT);
	mode.iflag = wanted.c_iflag;
	mode.lflag = wanted.c_lflag;
	mode.vmin = wanted.c_cc[VMIN];
	mode.vtime = wanted.c_cc[VTIME];
	return (int)posix_result(terminal_set_mode(&mode));
}

speed_t cfgetispeed(const struct termios *termios)
{
	return termios->c_ispeed;
}

speed_t cfgetospeed(const struct termios *termios)
{
	return termios->c_ospeed;
}

static int speed_known(speed_t speed)
{
	return (speed & ~(speed_t)CBAUD) == 0 && speed <= B230400;
}

int cfsetispeed(struct termios *termios, speed_t speed)
{
	if (!speed_known(speed))
		return posix_error(EINVAL);
	termios->c_ispeed = speed;
	return 0;
}

int cfsetospeed(struct termios *termios, speed_t speed)
{
	if (!speed_known(speed))
		return posix_error(EINVAL);
	termios->c_ospeed = speed;
	termios->c_cflag = (termios->c_cflag & ~(tcflag_t)CBAUD) | speed;
	return 0;
}

int cfsetspeed(struct termios *termios, speed_t speed)
{
	return cfsetospeed(termios, speed) ? -1 : cfsetispeed(termios, speed);
}

/* As glibc's: no input processing, no echo or signals, bytes one at a time. */
void cfmakeraw(struct termios *termios)
{
	termios->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	termios->c_oflag &= ~(tcflag_t)OPOST;
	termios->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	termios->c_cflag = (termios->c_cflag & ~(tcflag_t)(CSIZE | PARENB)) | CS8;
	termios->c_cc[VMIN] = 1;
	termios->c_cc[VTIME] = 0;
}

/* Until a group is set, every process is in the foreground (none is ever
 * stopped for using the terminal), so the caller's own group is the answer. */
pid_t tcgetpgrp(int fd)
{
	long group;

	if (require_terminal(fd))
		return -1;
	group = terminal_foreground();
	if (group == 0)
		return getpgrp();
	return (pid_t)posix_result(group);
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	if (require_terminal(fd))
		return -1;
	return (int)posix_result(terminal_set_foreground(pgrp));
}

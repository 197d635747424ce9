/* ttytest.c - init of tty.test's image (mm0, fs0, the console server):
 * the terminal interface over a real console. Each "tty: ..." line asks
 * tty.test to type something; the checks are TAP lines. termios get and
 * set, ioctl's terminal requests, a line in canonical mode, raw keys (and
 * CR untranslated), VMIN 0 and O_NONBLOCK reads that do not wait, echo
 * off, poll and select waiting for a typed line, and Ctrl-C sending SIGINT to the foreground process group. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static volatile sig_atomic_t interrupted;

static void on_interrupt(int signo)
{
	(void)signo;
	interrupted = 1;
}

/* Asks the script for keys (a line of its own, flushed at its newline). */
static void ask(const char *what)
{
	printf("tty: %s\n", what);
}

static void attributes(struct termios *saved)
{
	struct termios other;
	struct winsize size = { 1, 1, 1, 1 };
	int file = open("/ttyfile", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK("0, 1 and 2 are the terminal", isatty(0) && isatty(1) && isatty(2));
	CHECK("tcgetattr at start: ICANON, ECHO, ISIG, ICRNL, VMIN 1, Ctrl-C as VINTR",
	      tcgetattr(0, saved) == 0 &&
		      (saved->c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG) &&
		      (saved->c_iflag & ICRNL) && saved->c_cc[VMIN] == 1 && saved->c_cc[VINTR] == 3);
	CHECK("ioctl(TCGETS) answers as tcgetattr",
	      ioctl(1, TCGETS, &other) == 0 && other.c_lflag == saved->c_lflag);
	CHECK("cfgetospeed: 115200", cfgetospeed(saved) == B115200);
	CHECK("ioctl(TIOCGWINSZ): a serial line has no size",
	      ioctl(1, TIOCGWINSZ, &size) == 0 && size.ws_row == 0 && size.ws_col == 0);
	errno = 0;
	CHECK("tcgetattr of a file gives ENOTTY", tcgetattr(file, &other) == -1 && errno == ENOTTY);
	errno = 0;
	CHECK("ioctl(TIOCGWINSZ) of a file gives ENOTTY",
	      ioctl(file, TIOCGWINSZ, &size) == -1 && errno == ENOTTY);
	errno = 0;
	CHECK("tcsetpgrp of a file gives ENOTTY", tcsetpgrp(file, getpgrp()) == -1 && errno == ENOTTY);
	errno = 0;
	CHECK("tcgetattr of a closed descriptor gives EBADF",
	      tcgetattr(40, &other) == -1 && errno == EBADF);
	close(file);
	unlink("/ttyfile");
}

static void canonical_and_raw(const struct termios *saved)
{
	struct termios raw = *saved;
	char text[64] = { 0 };
	ssize_t got;

	ask("type a line");
	got = read(0, text, sizeof(text) - 1);
	CHECK("canonical: a read returns the edited line", got == 6 && strcmp(text, "hello\n") == 0);
	cfmakeraw(&raw);
	CHECK("tcsetattr with cfmakeraw's mode", tcsetattr(0, TCSANOW, &raw) == 0);
	CHECK("... and tcgetattr gives it back",
	      tcgetattr(0, &raw) == 0 && !(raw.c_lflag & (ICANON | ECHO | ISIG)) &&
		      !(raw.c_iflag & ICRNL));
	ask("raw: type k and Enter");
	CHECK("raw: one key is read without Enter", read(0, text, 1) == 1 && text[0] == 'k');
	CHECK("raw: Enter arrives as CR", read(0, text, 1) == 1 && text[0] == '\r');
	raw.c_cc[VMIN] = 0;
	tcsetattr(0, TCSANOW, &raw);
	CHECK("VMIN 0: a read with nothing typed returns 0 at once", read(0, text, 8) == 0);
	tcsetattr(0, TCSANOW, saved);
	fcntl(0, F_SETFL, O_NONBLOCK);
	errno = 0;
	CHECK("O_NONBLOCK: a read with nothing typed gives EAGAIN",
	      read(0, text, 8) == -1 && errno == EAGAIN);
	fcntl(0, F_SETFL, 0);
}

static void echo_off(const struct termios *saved)
{
	struct termios quiet = *saved;
	char text[16] = { 0 };

	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(0, TCSAFLUSH, &quiet);
	ask("secret");
	CHECK("echo off: the line still arrives (tty.test checks it was not shown)",
	      read(0, text, sizeof(text) - 1) == 7 && strcmp(text, "hidden\n") == 0);
	tcsetattr(0, TCSANOW, saved);
}

/* poll and select see the console's input: nothing before the line is typed,
 * POLLIN once Enter hands it over, which ends a wait. */
static void poll_input(void)
{
	struct pollfd input = { .fd = 0, .events = POLLIN | POLLOUT };
	struct timeval instant = { 0, 0 };
	char text[16] = { 0 };
	fd_set readable;

	CHECK("poll: the console is writable, not readable, before a line is typed",
	      poll(&input, 1, 0) == 1 && input.revents == POLLOUT);
	FD_ZERO(&readable);
	FD_SET(0, &readable);
	CHECK("select: not readable either", select(1, &readable, NULL, NULL, &instant) == 0);
	input.events = POLLIN;
	ask("poll: type a line");
	CHECK("poll: a typed line ends the wait with POLLIN",
	      poll(&input, 1, 30000) == 1 && input.revents == POLLIN);
	FD_SET(0, &readable);
	CHECK("select: the line makes it readable",
	      select(1, &readable, NULL, NULL, &instant) == 1 && FD_ISSET(0, &readable));
	CHECK("... and read takes the line", read(0, text, sizeof(text) - 1) == 7 &&
						     strcmp(text, "polled\n") == 0);
}

static void interrupt_key(void)
{
	const struct timespec pause = { 0, 10000000 };
	char text[16];
	int group = getpgrp();

	CHECK("before tcsetpgrp, tcgetpgrp answers the caller's group", tcgetpgrp(0) == group);
	errno = 0;
	CHECK("tcsetpgrp(0) gives EINVAL", tcsetpgrp(0, 0) == -1 && errno == EINVAL);
	CHECK("tcsetpgrp to this process's group", tcsetpgrp(0, group) == 0 && tcgetpgrp(2) == group);
	signal(SIGINT, on_interrupt);
	ask("press ctrl-c");
	errno = 0;
	CHECK("Ctrl-C ends the waiting read with EINTR", read(0, text, sizeof(text)) == -1 &&
							    errno == EINTR);
	for (int tries = 0; tries < 100 && !interrupted; tries++)
		nanosleep(&pause, NULL);
	CHECK("... and the foreground group gets SIGINT", interrupted);
}

int main(void)
{
	const struct timespec drain = { 0, 200000000 };
	struct termios saved;
	int failures;

	attributes(&saved);
	canonical_and_raw(&saved);
	echo_off(&saved);
	poll_input();
	interrupt_key();
	failures = tap_summary("ttytest");
	/* mm0 powers off as init ends: give the console time to send the last lines. */
	nanosleep(&drain, NULL);
	return failures;
}

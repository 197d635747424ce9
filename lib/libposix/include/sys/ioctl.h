/* sys/ioctl.h - ioctl with Linux's terminal requests (docs/libposix.md,
 * "Terminals"): the termios get and set, the foreground process group, the
 * window size, and FIONBIO. */
#ifndef LIBPOSIX_SYS_IOCTL_H
#define LIBPOSIX_SYS_IOCTL_H

#include <sys/termios.h>

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define FIONBIO		0x5421

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

#ifdef __cplusplus
extern "C" {
#endif

int ioctl(int fd, unsigned long request, ...);

#ifdef __cplusplus
}
#endif

#endif

/* poll.h - poll and ppoll (src/poll.c), which picolibc lacks; the event
 * bits and struct pollfd are Linux's, as fs0's poll request carries them. */
#ifndef _POLL_H
#define _POLL_H

#include <signal.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define POLLIN		0x001	/* data may be read without blocking */
#define POLLPRI		0x002	/* urgent data (nothing here has any) */
#define POLLOUT		0x004	/* data may be written without blocking */
#define POLLERR		0x008	/* an error: a pipe with no reader left (revents only) */
#define POLLHUP		0x010	/* hung up: a pipe with no writer left (revents only) */
#define POLLNVAL	0x020	/* not an open descriptor (revents only) */
#define POLLRDNORM	0x040
#define POLLRDBAND	0x080
#define POLLWRNORM	0x100
#define POLLWRBAND	0x200

typedef unsigned int nfds_t;

struct pollfd {
	int fd;		/* negative: skipped, revents 0 */
	short events;
	short revents;
};

int poll(struct pollfd *fds, nfds_t nfds, int timeout);
int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *sigmask);

#ifdef __cplusplus
}
#endif

#endif

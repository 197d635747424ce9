/* select.c - select and pselect over poll's wait (poll.c): each descriptor
 * in any of the sets becomes one pollfd, and its answer goes back as bits.
 * Readable means POLLIN, POLLHUP or POLLERR (a read would not block);
 * writable POLLOUT or POLLERR; exceptional POLLPRI. A descriptor that is
 * not open is EBADF for the whole call, as POSIX says. */
#include <sys/select.h>

#include "internal.h"
#include "poll_internal.h"

#define READ_EVENTS	(POLLIN | POLLRDNORM | POLLHUP | POLLERR)
#define WRITE_EVENTS	(POLLOUT | POLLWRNORM | POLLERR)

/* fd_set has room for FD_SETSIZE descriptors: one pollfd each at most. */
static long select_wait(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
			int32_t timeout_ms, const sigset_t *mask)
{
	fd_set sets[3], *callers[3] = { readfds, writefds, exceptfds };
	struct pollfd watched[FD_SETSIZE];
	nfds_t count = 0;
	long answer, ready = 0;

	if (nfds < 0 || nfds > FD_SETSIZE)
		return -EINVAL;
	for (int s = 0; s < 3; s++) {
		FD_ZERO(&sets[s]);
		if (callers[s] && posix_copy(&sets[s], callers[s], sizeof(fd_set)))
			return -EFAULT;
	}
	for (int fd = 0; fd < nfds; fd++) {
		short events = (short)((FD_ISSET(fd, &sets[0]) ? POLLIN : 0) |
				       (FD_ISSET(fd, &sets[1]) ? POLLOUT : 0) |
				       (FD_ISSET(fd, &sets[2]) ? POLLPRI : 0));

		if (!events)
			continue;
		watched[count].fd = fd;
		watched[count].events = events;
		watched[count].revents = 0;
		count++;
	}
	answer = posix_poll_masked(watched, count, timeout_ms, mask);
	if (answer < 0)
		return answer;
	for (nfds_t i = 0; i < count; i++)
		if (watched[i].revents & POLLNVAL)
			return -EBADF;
	for (int s = 0; s < 3; s++)
		FD_ZERO(&sets[s]);
	for (nfds_t i = 0; i < count; i++) {
		int fd = watched[i].fd;
		short got = watched[i].revents;

		if ((watched[i].events & POLLIN) && (got & READ_EVENTS)) {
			FD_SET(fd, &sets[0]);
			ready++;
		}
		if ((watched[i].events & POLLOUT) && (got & WRITE_EVENTS)) {
			FD_SET(fd, &sets[1]);
			ready++;
		}
		if ((watched[i].events & POLLPRI) && (got & POLLPRI)) {
			FD_SET(fd, &sets[2]);
			ready++;
		}
	}
	for (int s = 0; s < 3; s++)
		if (callers[s] && posix_copy(callers[s], &sets[s], sizeof(fd_set)))
			return -EFAULT;
	return ready;
}

int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, struct timeval *timeout)
{
	struct timespec wait;
	struct timeval asked;
	int32_t timeout_ms;
	int error;

	if (timeout) {
		if (posix_copy(&asked, timeout, sizeof(asked)))
			return posix_error(EFAULT);
		if (asked.tv_usec < 0 || asked.tv_usec >= 1000000)
			return posix_error(EINVAL);
		wait.tv_sec = asked.tv_sec;
		wait.tv_nsec = (long)asked.tv_usec * 1000;
	}
	error = posix_poll_timeout(timeout ? &wait : NULL, &timeout_ms);
	if (error)
		return posix_error(-error);
	return (int)posix_result(select_wait(nfds, readfds, writefds, exceptfds, timeout_ms, NULL));
}

int pselect(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
	    const struct timespec *timeout, const sigset_t *sigmask)
{
	int32_t timeout_ms;
	int error = posix_poll_timeout(timeout, &timeout_ms);

	if (error)
		return posix_error(-error);
	return (int)posix_result(select_wait(nfds, readfds, writefds, exceptfds, timeout_ms, sigmask));
}

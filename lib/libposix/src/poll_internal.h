/* poll_internal.h - the wait behind poll, ppoll, select and pselect (poll.c). */
#ifndef LIBPOSIX_POLL_INTERNAL_H
#define LIBPOSIX_POLL_INTERNAL_H

#include <poll.h>
#include <signal.h>
#include <stdint.h>

/* poll over the caller's fds: the ready count, or -errno (-EINVAL for nfds
 * over fs0's POLL_FDS_MAX, -EFAULT, -EINTR). timeout_ms: 0 does not wait,
 * negative waits without limit. */
long posix_poll_wait(struct pollfd *fds, nfds_t nfds, int32_t timeout_ms);
/* posix_poll_wait with the signal mask mask (if not NULL) in force while it
 * waits, as ppoll and pselect want; -EINTR at once, after the handler ran,
 * when mask unblocks a signal that is already pending. */
long posix_poll_masked(struct pollfd *fds, nfds_t nfds, int32_t timeout_ms, const sigset_t *mask);
/* A timespec as poll's milliseconds, rounded up (NULL: -1, no limit):
 * 0, or -EINVAL for a negative or malformed time. */
int posix_poll_timeout(const struct timespec *timeout, int32_t *timeout_ms);

#endif

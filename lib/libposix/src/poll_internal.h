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
 * waits, as ppoll and pselect want, set atomically with the wait: -EINTR
 * when a handler runs at any moment after the call began (also one for a
 * pending signal that mask unblocks). */
long posix_poll_masked(struct pollfd *fds, nfds_t nfds, int32_t timeout_ms, const sigset_t *mask);
/* Around each handler the signal trampoline runs: begins takes this
 * thread's ppoll or pselect under way (NULL: none) off, so that a handler
 * that leaves by siglongjmp leaves nothing armed; returns puts it back and
 * makes it end with -EINTR. */
volatile uint32_t *posix_poll_handler_begins(void);
void posix_poll_handler_returns(volatile uint32_t *word);
/* A timespec as poll's milliseconds, rounded up (NULL: -1, no limit):
 * 0, or -EINVAL for a negative or malformed time. */
int posix_poll_timeout(const struct timespec *timeout, int32_t *timeout_ms);

#endif

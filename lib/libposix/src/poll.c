/* poll.c - poll and ppoll. fs0 watches the descriptors it serves: one
 * fs0.poll request carries them all and, when none is ready, is answered
 * later (a deferred reply) when one becomes ready, the timeout passes or a
 * signal handler must run (-EINTR). Descriptors fs0 cannot judge are
 * answered here and sent to fs0 as -1 (skipped): the terminal's input is the
 * console server's, asked with console.readable, and a wait that includes it
 * asks fs0 in slices of TERMINAL_SLICE_MS so that typed input is seen
 * within one slice; mm0's descriptors (POSIX shm) never block. ppoll's and
 * pselect's mask is atomic with the wait through fs0.poll_masked and a word
 * the signal trampoline sets (posix_poll_handler_returns). */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <fcntl.h>

#include "fs0.h"
#include "internal.h"
#include "poll_internal.h"

_Static_assert(sizeof(struct pollfd) == sizeof(struct fs0_poll_item) &&
	       POLLIN == FS0_POLLIN && POLLOUT == FS0_POLLOUT && POLLERR == FS0_POLLERR &&
	       POLLHUP == FS0_POLLHUP && POLLNVAL == FS0_POLLNVAL && POLLRDNORM == FS0_POLLRDNORM &&
	       POLLWRNORM == FS0_POLLWRNORM, "poll.h and fs0.idl disagree on poll");

/* Items kept on the stack; more go to the heap. */
#define STACK_ITEMS		32
#define TERMINAL_SLICE_MS	20
#define NEVER_BLOCKS		(POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM)
#define ALWAYS_REPORTED		(POLLERR | POLLHUP | POLLNVAL)

/* The events of a descriptor that fs0 does not judge (kind is posix_fd_kind's
 * answer); *waits_for_terminal is set when it waits for typed input. */
static short local_events(int fd, int kind, short wanted, int *waits_for_terminal)
{
	short events;

	if (kind == -EBADF)
		return POLLNVAL;
	if (kind == POSIX_FD_TERMINAL) {
		long readable = terminal_readable();

		events = POLLOUT | POLLWRNORM;
		if (readable > 0)
			events |= POLLIN | POLLRDNORM;
		else if (wanted & (POLLIN | POLLRDNORM))
			*waits_for_terminal = 1;
		return events & (wanted | ALWAYS_REPORTED);
	}
	events = fcntl(fd, F_GETFD) < 0 ? POLLNVAL : NEVER_BLOCKS;
	return events & (wanted | ALWAYS_REPORTED);
}

/* While a ppoll or pselect of this thread is under way, the word of its fs0
 * buffer that a signal handler's return sets; NULL otherwise. */
static __thread volatile uint32_t *interrupted_word;

volatile uint32_t *posix_poll_handler_begins(void)
{
	volatile uint32_t *word = interrupted_word;

	interrupted_word = NULL;
	return word;
}

void posix_poll_handler_returns(volatile uint32_t *word)
{
	interrupted_word = word;
	if (word)
		*word = 1;
}

/* The word lies at the end of the thread's fs0 buffer, past the items and
 * revents a poll request lays out from its start. */
static uint32_t interrupted_offset(const struct fs0_channel *channel)
{
	return channel->size - (uint32_t)sizeof(uint32_t);
}

/* fs0 judges the items left with fd >= 0; revents gets its answers. A wait
 * that includes the terminal asks fs0 a slice at a time and the console in
 * between. masked: under ppoll's or pselect's mask, ended at once by the
 * interrupted word. */
static long ask_fs0(const struct fs0_poll_item *items, nfds_t count, int16_t *revents,
		    int32_t timeout_ms, int waits_for_terminal, int masked)
{
	const struct fs0_channel *channel = fs0_channel();
	uint32_t revents_len;
	long answer;

	if (!channel)
		return -errno;
	for (;;) {
		int32_t slice = timeout_ms;

		if (waits_for_terminal && (slice < 0 || slice > TERMINAL_SLICE_MS))
			slice = TERMINAL_SLICE_MS;
		revents_len = (uint32_t)(count * sizeof(*revents));
		if (masked)
			answer = fs0_poll_masked(channel->server, items,
						 (uint32_t)(count * sizeof(*items)), slice,
						 interrupted_offset(channel), revents, &revents_len);
		else
			answer = fs0_poll(channel->server, items, (uint32_t)(count * sizeof(*items)),
					  slice, revents, &revents_len);
		if (answer != 0 || slice == timeout_ms || terminal_readable() > 0)
			return answer;
		if (timeout_ms > 0)
			timeout_ms -= slice;
	}
}

/* After a wait that watched the terminal, its items are judged again
 * (the item sent to fs0 as -1; the caller's fds still name it). */
static short terminal_events_now(const struct pollfd *caller, short before)
{
	struct pollfd again;
	int unused = 0;

	if (posix_copy(&again, caller, sizeof(again)) || again.fd < 0 ||
	    posix_fd_kind(again.fd) != POSIX_FD_TERMINAL)
		return before;
	return local_events(again.fd, POSIX_FD_TERMINAL, again.events, &unused);
}

/* posix_poll_wait, asking fs0 with poll_masked when masked. */
static long poll_wait(struct pollfd *fds, nfds_t nfds, int32_t timeout_ms, int masked)
{
	struct fs0_poll_item stack_items[STACK_ITEMS];
	int16_t stack_revents[STACK_ITEMS];
	struct fs0_poll_item *items = stack_items;
	int16_t *revents = stack_revents;
	int waits_for_terminal = 0;
	long ready = 0, answer;

	posix_cancellation_point();
	if (nfds > FS0_POLL_FDS_MAX)
		return -EINVAL;
	if (nfds > STACK_ITEMS) {
		items = malloc(nfds * (sizeof(*items) + sizeof(*revents)));
		if (!items)
			return -ENOMEM;
		revents = (int16_t *)(items + nfds);
	}
	answer = nfds && posix_copy(items, fds, nfds * sizeof(*items)) ? -EFAULT : 0;
	for (nfds_t i = 0; !answer && i < nfds; i++) {
		int fd = items[i].fd;
		int kind = fd < 0 ? 0 : posix_fd_kind(fd);

		items[i].revents = 0;
		if (fd < 0 || (kind == POSIX_FD_SERVER && !is_mm0_fd(fd)))
			continue;
		items[i].revents = local_events(fd, kind, items[i].events, &waits_for_terminal);
		items[i].fd = -1;
		ready += items[i].revents != 0;
	}
	if (!answer) {
		/* Blocked in fs0, the thread is ended there by pthread_cancel; a large set's
		 * memory goes with it. */
		pthread_cleanup_push(free, items == stack_items ? NULL : items);
		posix_cancel_begin();
		answer = posix_cancel_end(ask_fs0(items, nfds, revents, ready ? 0 : timeout_ms,
						  waits_for_terminal, masked));
		pthread_cleanup_pop(0);
	}
	if (answer >= 0) {
		ready = 0;
		for (nfds_t i = 0; i < nfds; i++) {
			short events = items[i].fd >= 0 ? revents[i] : items[i].revents;

			if (items[i].fd < 0 && waits_for_terminal)
				events = terminal_events_now(&fds[i], events);

			if (posix_copy(&fds[i].revents, &events, sizeof(events))) {
				answer = -EFAULT;
				break;
			}
			ready += events != 0;
		}
	}
	if (items != stack_items)
		free(items);
	return answer < 0 ? answer : ready;
}

long posix_poll_wait(struct pollfd *fds, nfds_t nfds, int32_t timeout_ms)
{
	return poll_wait(fds, nfds, timeout_ms, 0);
}

/* From the word's reset on, every handler run ends the call with -EINTR:
 * one before fs0 takes a request through the word (also a pending signal
 * the new mask lets in, run as the mask is set), one while fs0 holds it
 * through mm0's task_cancel. */
long posix_poll_masked(struct pollfd *fds, nfds_t nfds, int32_t timeout_ms, const sigset_t *mask)
{
	const struct fs0_channel *channel;
	volatile uint32_t *word;
	sigset_t wanted, saved;
	long answer;

	if (!mask)
		return posix_poll_wait(fds, nfds, timeout_ms);
	if (posix_copy(&wanted, mask, sizeof(wanted)))
		return -EFAULT;
	channel = fs0_channel();
	if (!channel)
		return -errno;
	word = (volatile uint32_t *)(channel->buffer + interrupted_offset(channel));
	*word = 0;
	interrupted_word = word;
	pthread_sigmask(SIG_SETMASK, &wanted, &saved);
	answer = poll_wait(fds, nfds, timeout_ms, 1);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	interrupted_word = NULL;
	return answer;
}

int posix_poll_timeout(const struct timespec *timeout, int32_t *timeout_ms)
{
	struct timespec asked;
	uint64_t ms;

	if (!timeout) {
		*timeout_ms = -1;
		return 0;
	}
	if (posix_copy(&asked, timeout, sizeof(asked)))
		return -EFAULT;
	if (asked.tv_sec < 0 || asked.tv_nsec < 0 || asked.tv_nsec >= 1000000000L)
		return -EINVAL;
	ms = (uint64_t)asked.tv_sec * 1000u + ((uint64_t)asked.tv_nsec + 999999u) / 1000000u;
	*timeout_ms = ms > INT32_MAX ? INT32_MAX : (int32_t)ms;
	return 0;
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	return (int)posix_result(posix_poll_wait(fds, nfds, timeout < 0 ? -1 : timeout));
}

int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *sigmask)
{
	int32_t timeout_ms;
	int error = posix_poll_timeout(timeout, &timeout_ms);

	if (error)
		return posix_error(-error);
	return (int)posix_result(posix_poll_masked(fds, nfds, timeout_ms, sigmask));
}

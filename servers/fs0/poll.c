/* poll.c - poll: what each descriptor is ready for now, and the waiters that
 * block until one of theirs is. A waiter keeps its request's items and
 * revents where the dispatch found them (the caller's shared buffer, which
 * stays the caller's while it waits) and is answered through fs0_replies
 * when a pipe change makes one of its descriptors ready (poll_wake), when its
 * timeout passes (fs_poll_expire), or with -EINTR for a signal or the end of
 * its task. Readiness is worked out afresh each time, never remembered. */
#include <server/counted_alloc.h>
#include "clock.h"
#include "device.h"
#include "fdtable.h"
#include "file.h"
#include "pipe.h"
#include "poll.h"
#include "vnode.h"

/* What is always reported, asked or not. */
#define POLL_ALWAYS	(FS0_POLLERR | FS0_POLLHUP | FS0_POLLNVAL)
/* A regular file, directory or fs0's own device never blocks. */
#define POLL_NEVER_BLOCKS (FS0_POLLIN | FS0_POLLRDNORM | FS0_POLLOUT | FS0_POLLWRNORM)

struct poll_waiter {
	struct poll_waiter *next;
	fs0_task_t task;
	const struct fs0_poll_item *items;
	uint16_t *revents;
	uint32_t count;
	bool timed;
	uint64_t deadline_ms;		/* on clock_uptime_ms, when timed */
	uint64_t token[];		/* the kept reply token (fs0_reply_ops) */
};

static struct poll_waiter *waiters;
static uint32_t waiter_count;
uint32_t fs_poll_timed;

/* The console's input is the console server's to tell: fs0 knows only that
 * output never waits. */
static uint32_t file_events(const struct fs0_file *file)
{
	const struct fs0_vnode *vnode = file->vnode;
	if (vnode->pipe)
		return pipe_poll_events(vnode, file->flags & FS0_O_ACCMODE);
	if (FS0_S_ISCHR(vnode->mode) && device_is_terminal(vnode))
		return FS0_POLLOUT | FS0_POLLWRNORM;
	return POLL_NEVER_BLOCKS;
}

/* Fills revents for every item; returns how many have some. */
static long evaluate(struct fs0_task *task, const struct fs0_poll_item *items, uint32_t count,
		     uint16_t *revents)
{
	long ready = 0;
	for (uint32_t i = 0; i < count; i++) {
		int32_t fd = items[i].fd;
		uint32_t events = 0;
		if (fd >= 0) {
			struct fs0_file *file = fd_lookup(task->table, fd);
			uint32_t wanted = (uint16_t)items[i].events | POLL_ALWAYS;
			events = file ? file_events(file) & wanted : FS0_POLLNVAL;
		}
		revents[i] = (uint16_t)events;
		ready += events != 0;
	}
	return ready;
}

long fs_poll(fs0_task_t task_id, const struct fs0_poll_item *items, uint32_t count, uint16_t *revents,
	     int32_t timeout_ms, void *token)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	if (count > FS0_POLL_FDS_MAX)
		return -FS0_EINVAL;
	long ready = evaluate(task, items, count, revents);
	if (ready || timeout_ms == 0 || !token)
		return ready;
	struct poll_waiter *waiter = counted_alloc(sizeof(*waiter) + fs0_replies->token_size);
	if (!waiter)
		return -FS0_ENOMEM;
	fs0_replies->keep(token, waiter->token);
	waiter->task = task_id;
	waiter->items = items;
	waiter->revents = revents;
	waiter->count = count;
	waiter->timed = timeout_ms > 0;
	waiter->deadline_ms = waiter->timed ? clock_uptime_ms() + (uint64_t)timeout_ms : 0;
	waiter->next = waiters;
	waiters = waiter;
	waiter_count++;
	fs_poll_timed += waiter->timed;
	pipe_changed = poll_wake;
	return IDLRT_DEFERRED;
}

/* Takes the waiter at *link off the list and answers it. */
static void finish(struct poll_waiter **link, long result)
{
	struct poll_waiter *waiter = *link;
	*link = waiter->next;
	fs_poll_timed -= waiter->timed;
	if (--waiter_count == 0)
		pipe_changed = NULL;
	fs0_replies->complete(waiter->token, result);
	counted_free(waiter);
}

void poll_wake(void)
{
	struct poll_waiter **link = &waiters;
	while (*link) {
		struct poll_waiter *waiter = *link;
		struct fs0_task *task = task_find(waiter->task);
		long ready = task ? evaluate(task, waiter->items, waiter->count, waiter->revents) : 0;
		if (ready)
			finish(link, ready);
		else
			link = &waiter->next;
	}
}

/* A timeout's answer is 0 with every revents clear. */
int64_t fs_poll_expire(void)
{
	if (!fs_poll_timed)
		return -1;
	uint64_t now = clock_uptime_ms();
	int64_t next = -1;
	struct poll_waiter **link = &waiters;
	while (*link) {
		struct poll_waiter *waiter = *link;
		if (waiter->timed && waiter->deadline_ms <= now) {
			for (uint32_t i = 0; i < waiter->count; i++)
				waiter->revents[i] = 0;
			finish(link, 0);
			continue;
		}
		if (waiter->timed && (next < 0 || (int64_t)(waiter->deadline_ms - now) < next))
			next = (int64_t)(waiter->deadline_ms - now);
		link = &waiter->next;
	}
	return next;
}

uint32_t poll_interrupt_task(fs0_task_t task)
{
	uint32_t answered = 0;
	struct poll_waiter **link = &waiters;
	while (*link) {
		if ((*link)->task == task) {
			finish(link, -FS0_EINTR);
			answered++;
		} else {
			link = &(*link)->next;
		}
	}
	return answered;
}

void poll_cancel_all(void)
{
	while (waiters)
		finish(&waiters, -FS0_EINTR);
}

uint32_t poll_pending_count(void)
{
	return waiter_count;
}

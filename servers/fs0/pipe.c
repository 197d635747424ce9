/* pipe.c - pipes: a ring buffer with queues of blocked readers and writers.
 * A request that must wait is queued with its token and completed later
 * through fs0_replies; waiting writers are served in order, so writes never
 * interleave. Each pipe keeps its last finished waiter record for the next
 * wait, so a ping-pong of blocking reads allocates nothing. */
#include <server/byte_ring.h>
#include <server/counted_alloc.h>
#include <server/data_copy.h>
#include "pipe.h"
#include "file.h"
#include "space.h"
#include "vnode.h"

struct pipe_waiter {
	struct pipe_waiter *next;
	fs0_task_t task;
	struct fs0_file *file;		/* referenced while waiting */
	uint8_t *read_buf;		/* a reader's destination */
	const uint8_t *write_buf;	/* a writer's source */
	size_t len;
	size_t done;			/* bytes a writer has written so far */
	uint64_t token[];		/* the kept reply token (fs0_reply_ops) */
};

struct fs0_pipe {
	struct fs0_pipe *next;
	struct fs0_vnode *vnode;
	struct byte_ring ring;		/* FS0_PIPE_BUF bytes */
	uint32_t readers;		/* open read ends */
	uint32_t writers;		/* open write ends */
	/* Whether a reader (writer) has come since the pipe last had no ends:
	 * until one has, a named pipe's blocking writer (reader) waits for it,
	 * as Linux's waits in open. A pipe() has both from the start. */
	bool had_reader;
	bool had_writer;
	struct pipe_waiter *waiting_readers;
	struct pipe_waiter *waiting_writers;
	struct pipe_waiter *spare;	/* a finished waiter's record, for the next */
};

const struct fs0_reply_ops *fs0_replies;
void (*pipe_changed)(void);
static struct fs0_pipe *pipes;
static uint32_t live_pipes;
static uint32_t pending_requests;

/* Gives a fifo vnode (a pipe's, or a named one at its first open) its buffer. */
int pipe_attach(struct fs0_vnode *vnode)
{
	struct fs0_pipe *pipe = counted_alloc(sizeof(*pipe));
	uint8_t *ring = counted_alloc(FS0_PIPE_BUF);
	if (!pipe || !ring) {
		counted_free(pipe);
		counted_free(ring);
		return -FS0_ENOMEM;
	}
	fs0_data_bytes += FS0_PIPE_BUF;
	byte_ring_init(&pipe->ring, ring, FS0_PIPE_BUF);
	pipe->vnode = vnode;
	vnode->pipe = pipe;
	pipe->next = pipes;
	pipes = pipe;
	live_pipes++;
	return 0;
}

int pipe_create(struct fs0_vnode **out)
{
	struct fs0_vnode *vnode = vnode_alloc(NULL, FS0_S_IFIFO | 0600);
	if (!vnode)
		return -FS0_ENOMEM;
	int error = pipe_attach(vnode);
	if (error) {
		vnode_drop_link(vnode);
		return error;
	}
	vnode->pipe->had_reader = vnode->pipe->had_writer = true;
	*out = vnode;
	return 0;
}

uint32_t pipe_readers(const struct fs0_vnode *vnode)
{
	return vnode->pipe ? vnode->pipe->readers : 0;
}

/* The vnode is going: no ends are open, so no one waits. */
void pipe_release(struct fs0_vnode *vnode)
{
	struct fs0_pipe *pipe = vnode->pipe;
	struct fs0_pipe **link = &pipes;
	while (*link != pipe)
		link = &(*link)->next;
	*link = pipe->next;
	counted_free(pipe->spare);
	counted_free(pipe->ring.bytes);
	fs0_data_bytes -= FS0_PIPE_BUF;
	counted_free(pipe);
	live_pipes--;
}

/* The bytes held are the pipe's size, as fstat reports it. */
static size_t ring_put(struct fs0_pipe *pipe, const uint8_t *src, size_t len)
{
	size_t done = byte_ring_write(&pipe->ring, src, len);
	pipe->vnode->size = (int64_t)pipe->ring.count;
	return done;
}

/* ring_put of bytes known to fit: at most two pieces, no loop. */
static void ring_put_all(struct fs0_pipe *pipe, const uint8_t *src, size_t len)
{
	struct byte_ring *ring = &pipe->ring;
	uint32_t tail = byte_ring_tail(ring);
	size_t first = ring->size - tail < len ? ring->size - tail : len;
	data_copy(ring->bytes + tail, src, first);
	if (first < len)
		data_copy(ring->bytes, src + first, len - first);
	ring->count += (uint32_t)len;
	pipe->vnode->size = (int64_t)ring->count;
}

static size_t ring_get(struct fs0_pipe *pipe, uint8_t *dst, size_t len)
{
	size_t done = byte_ring_read(&pipe->ring, dst, len);
	pipe->vnode->size = (int64_t)pipe->ring.count;
	return done;
}

/* A request's bytes may lie inside its token (fs0_reply_ops): where they are
 * in the waiter's kept copy. */
static void *kept_place(const void *place, const void *token, uint64_t *kept)
{
	uintptr_t from = (uintptr_t)token, at = (uintptr_t)place;
	if (at - from < fs0_replies->token_size)
		return (uint8_t *)kept + (at - from);
	return (void *)(uintptr_t)place;
}

static int enqueue(struct fs0_pipe *pipe, struct pipe_waiter **queue, struct fs0_file *file,
		   fs0_task_t task, void *read_buf, const void *write_buf, size_t len, size_t done,
		   void *token)
{
	struct pipe_waiter *waiter = pipe->spare;
	if (waiter)
		pipe->spare = NULL;
	else
		waiter = counted_alloc(sizeof(*waiter) + fs0_replies->token_size);
	if (!waiter)
		return -FS0_ENOMEM;
	fs0_replies->keep(token, waiter->token);
	waiter->next = NULL;
	waiter->task = task;
	waiter->file = file;
	file_get(file);
	waiter->read_buf = kept_place(read_buf, token, waiter->token);
	waiter->write_buf = kept_place(write_buf, token, waiter->token);
	waiter->len = len;
	waiter->done = done;
	while (*queue)
		queue = &(*queue)->next;
	*queue = waiter;
	pending_requests++;
	return 0;
}

/* Takes the waiter off its queue (it is at *link), replies, and lets go: the
 * record becomes the pipe's spare before the file's reference goes, since
 * that may be the pipe's last (pipe_release frees the spare). */
static void finish(struct fs0_pipe *pipe, struct pipe_waiter **link, long result)
{
	struct pipe_waiter *waiter = *link;
	struct fs0_file *file = waiter->file;
	*link = waiter->next;
	pending_requests--;
	fs0_replies->complete(waiter->token, result);
	if (pipe->spare)
		counted_free(waiter);
	else
		pipe->spare = waiter;
	file_put(file);
}

/* Moves bytes between waiting writers, the ring and waiting readers until
 * nobody can make progress. */
static void pump(struct fs0_pipe *pipe)
{
	for (;;) {
		bool moved = false;
		struct pipe_waiter *writer = pipe->waiting_writers;
		if (writer && pipe->ring.count < FS0_PIPE_BUF) {
			writer->done += ring_put(pipe, writer->write_buf + writer->done,
						 writer->len - writer->done);
			if (writer->done == writer->len)
				finish(pipe, &pipe->waiting_writers, (long)writer->len);
			moved = true;
		}
		struct pipe_waiter *reader = pipe->waiting_readers;
		if (reader && pipe->ring.count > 0) {
			size_t got = ring_get(pipe, reader->read_buf, reader->len);
			finish(pipe, &pipe->waiting_readers, (long)got);
			moved = true;
		}
		if (!moved)
			break;
	}
	if (pipe_changed)
		pipe_changed();
}

/* Readers left with no writer get what is left, then EOF; writers with no reader see EPIPE,
 * or the count they managed to write before the last reader went. */
static void wake_for_lost_ends(struct fs0_pipe *pipe)
{
	while (pipe->writers == 0 && pipe->had_writer && pipe->waiting_readers) {
		struct pipe_waiter *reader = pipe->waiting_readers;
		size_t got = ring_get(pipe, reader->read_buf, reader->len);
		finish(pipe, &pipe->waiting_readers, (long)got);
	}
	if (pipe->readers == 0 && pipe->had_reader)
		while (pipe->waiting_writers) {
			size_t done = pipe->waiting_writers->done;
			finish(pipe, &pipe->waiting_writers, done ? (long)done : -FS0_EPIPE);
		}
	if (pipe_changed)
		pipe_changed();
}

/* A named pipe's first reader lets its waiting writers in (and the
 * other way round). */
void pipe_end_opened(struct fs0_vnode *vnode, uint32_t access)
{
	struct fs0_pipe *pipe = vnode->pipe;
	if (access == FS0_O_RDONLY) {
		pipe->readers++;
		pipe->had_reader = true;
	} else {
		pipe->writers++;
		pipe->had_writer = true;
	}
	vnode_get(vnode);
	pump(pipe);
	vnode_put(vnode);
}

void pipe_end_closed(struct fs0_vnode *vnode, uint32_t access)
{
	struct fs0_pipe *pipe = vnode->pipe;
	if (access == FS0_O_RDONLY)
		pipe->readers--;
	else
		pipe->writers--;
	vnode_get(vnode);
	wake_for_lost_ends(pipe);
	if (pipe->readers == 0 && pipe->writers == 0)
		pipe->had_reader = pipe->had_writer = false;
	vnode_put(vnode);
}

/* ring_get without the ring's loop: at most two pieces. */
static size_t ring_get_some(struct fs0_pipe *pipe, uint8_t *dst, size_t len)
{
	struct byte_ring *ring = &pipe->ring;
	size_t n = len < ring->count ? len : ring->count;
	size_t first = ring->size - ring->head < n ? ring->size - ring->head : n;
	data_copy(dst, ring->bytes + ring->head, first);
	if (first < n)
		data_copy(dst + first, ring->bytes, n - first);
	ring->head += (uint32_t)n;
	if (ring->head >= ring->size)
		ring->head -= ring->size;
	ring->count -= (uint32_t)n;
	pipe->vnode->size = (int64_t)ring->count;
	return n;
}

/* Everything but a read the ring answers with no writer waiting. */
static long __attribute__((noinline)) read_slow(fs0_task_t task, struct fs0_file *file, void *buf,
						size_t len, void *token)
{
	struct fs0_pipe *pipe = file->vnode->pipe;
	if (len == 0)
		return 0;
	if (pipe->ring.count > 0) {
		size_t got = ring_get(pipe, buf, len);
		/* No reader waits while the ring holds bytes: only a waiting
		 * writer can move now. */
		if (pipe->waiting_writers) {
			vnode_get(pipe->vnode);
			pump(pipe);
			vnode_put(pipe->vnode);
		} else if (pipe_changed) {
			pipe_changed();
		}
		return (long)got;
	}
	bool nonblocking = (file->flags & FS0_O_NONBLOCK) || !token;
	if (pipe->writers == 0 && (pipe->had_writer || nonblocking))
		return 0;
	if (nonblocking)
		return -FS0_EAGAIN;
	int error = enqueue(pipe, &pipe->waiting_readers, file, task, buf, NULL, len, 0, token);
	return error ? error : IDLRT_DEFERRED;
}

/* The usual read on its own, in few registers; read_slow has the rest. */
long pipe_read(fs0_task_t task, struct fs0_file *file, void *buf, size_t len, void *token)
{
	struct fs0_pipe *pipe = file->vnode->pipe;
	if (len == 0 || pipe->ring.count == 0 || pipe->waiting_writers)
		return read_slow(task, file, buf, len, token);
	size_t got = ring_get_some(pipe, buf, len);
	if (pipe_changed)
		pipe_changed();
	return (long)got;
}

/* A reader waits only while the ring is empty: the first bytes of a write go
 * straight into its buffer, not into the ring and out again. */
static size_t hand_to_reader(struct fs0_pipe *pipe, const uint8_t *src, size_t len)
{
	struct pipe_waiter *reader = pipe->waiting_readers;
	size_t given = len < reader->len ? len : reader->len;
	data_copy(reader->read_buf, src, given);
	finish(pipe, &pipe->waiting_readers, (long)given);
	return given;
}

/* Everything but the usual cases pipe_write takes itself. */
static long __attribute__((noinline)) write_slow(fs0_task_t task, struct fs0_file *file,
						 const void *buf, size_t len, void *token)
{
	struct fs0_pipe *pipe = file->vnode->pipe;
	bool nonblocking = (file->flags & FS0_O_NONBLOCK) || !token;
	if (pipe->readers == 0 && (pipe->had_reader || nonblocking))
		return -FS0_EPIPE;
	if (len == 0)
		return 0;
	size_t space = FS0_PIPE_BUF - pipe->ring.count;
	if (nonblocking && (pipe->waiting_writers || (len <= FS0_PIPE_BUF && space < len)))
		return -FS0_EAGAIN;
	size_t done = 0;
	if (!pipe->waiting_writers) {
		vnode_get(pipe->vnode);
		if (pipe->waiting_readers && pipe->ring.count == 0)
			done = hand_to_reader(pipe, buf, len);
		while (done < len) {
			size_t put = ring_put(pipe, (const uint8_t *)buf + done, len - done);
			done += put;
			uint32_t before = pending_requests;
			pump(pipe);
			if (put == 0 && pending_requests == before)
				break;
		}
		vnode_put(pipe->vnode);
	}
	if (done == len)
		return (long)len;
	if (nonblocking)
		return done ? (long)done : -FS0_EAGAIN;
	int error = enqueue(pipe, &pipe->waiting_writers, file, task, NULL, buf, len, done, token);
	if (error)
		return done ? (long)done : error;
	return IDLRT_DEFERRED;
}

/* The usual cases whole, in few registers: a reader is there, nobody
 * waits to write before us, and either nobody waits to read and the ring
 * has room for all, or one waiting reader (the ring is empty then) takes
 * all (the writer's own file keeps the pipe meanwhile). write_slow has
 * the rest, with the same answers for these cases. */
long pipe_write(fs0_task_t task, struct fs0_file *file, const void *buf, size_t len, void *token)
{
	struct fs0_pipe *pipe = file->vnode->pipe;
	if (pipe->readers != 0 && len != 0 && !pipe->waiting_writers) {
		struct pipe_waiter *reader = pipe->waiting_readers;
		if (!reader && len <= FS0_PIPE_BUF - pipe->ring.count) {
			ring_put_all(pipe, buf, len);
			if (pipe_changed)
				pipe_changed();
			return (long)len;
		}
		if (reader && pipe->ring.count == 0 && len <= reader->len)
			return (long)hand_to_reader(pipe, buf, len);
	}
	return write_slow(task, file, buf, len, token);
}

/* A reader is told of the last writer's close (POLLHUP), a writer of the
 * last reader's (POLLERR) as Linux tells them; POLLOUT means the ring has
 * room and no earlier writer waits. */
uint32_t pipe_poll_events(const struct fs0_vnode *vnode, uint32_t access)
{
	const struct fs0_pipe *pipe = vnode->pipe;
	uint32_t events = 0;
	if (access != FS0_O_WRONLY && pipe->ring.count > 0)
		events |= FS0_POLLIN | FS0_POLLRDNORM;
	if (access != FS0_O_RDONLY && pipe->ring.count < FS0_PIPE_BUF && !pipe->waiting_writers)
		events |= FS0_POLLOUT | FS0_POLLWRNORM;
	/* An O_RDWR end is a writer of its own pipe (pipe_end_opened): never cut off. */
	if (access == FS0_O_RDONLY && pipe->writers == 0 && pipe->had_writer)
		events |= FS0_POLLHUP;
	if (access == FS0_O_WRONLY && pipe->readers == 0 && pipe->had_reader)
		events |= FS0_POLLERR;
	return events;
}

/* Finds a waiter of task (any task if all) on any pipe, or NULL. */
static struct pipe_waiter **find_waiter(fs0_task_t task, bool all, struct fs0_pipe **owner)
{
	for (struct fs0_pipe *pipe = pipes; pipe; pipe = pipe->next) {
		struct pipe_waiter **queues[2] = { &pipe->waiting_readers, &pipe->waiting_writers };
		for (int q = 0; q < 2; q++)
			for (struct pipe_waiter **link = queues[q]; *link; link = &(*link)->next)
				if (all || (*link)->task == task) {
					*owner = pipe;
					return link;
				}
	}
	return NULL;
}

/* Answers every blocked request with -EINTR (or a writer's bytes so far). */
void pipe_cancel_all(void)
{
	struct fs0_pipe *pipe;
	struct pipe_waiter **link;
	while ((link = find_waiter(0, true, &pipe))) {
		struct fs0_vnode *vnode = pipe->vnode;
		size_t done = (*link)->done;
		vnode_get(vnode);
		finish(pipe, link, done ? (long)done : -FS0_EINTR);
		vnode_put(vnode);
	}
}

/* mm0 must run a handler on the task: its requests end now with what they
 * did (-EINTR, or a writer's bytes already in the pipe), and the queues
 * move on without them. Returns how many were answered. */
uint32_t pipe_interrupt_task(fs0_task_t task)
{
	struct fs0_pipe *pipe;
	struct pipe_waiter **link;
	uint32_t answered = 0;
	while ((link = find_waiter(task, false, &pipe))) {
		struct fs0_vnode *vnode = pipe->vnode;
		size_t done = (*link)->done;
		vnode_get(vnode);
		finish(pipe, link, done ? (long)done : -FS0_EINTR);
		pump(pipe);
		vnode_put(vnode);
		answered++;
	}
	return answered;
}

uint32_t pipe_live_count(void)
{
	return live_pipes;
}

uint32_t pipe_pending_count(void)
{
	return pending_requests;
}

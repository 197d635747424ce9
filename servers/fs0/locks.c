/* locks.c - POSIX record locks: each process's byte ranges of a file,
 * split and merged as fcntl says, released on any close of the file by the
 * process and when its last task goes; and the F_SETLKW requests waiting,
 * granted in order as ranges come free. One list holds every lock: files
 * with locks are few. */
#include <server/counted_alloc.h>
#include "locks.h"
#include "file.h"
#include "pipe.h"

/* How far a chain of waiting processes is followed before giving up looking for a cycle. */
#define DEADLOCK_CHAIN_MAX	64

struct held_lock {
	struct held_lock *next;
	const struct fs0_vnode *vnode;
	struct lock_span span;
};

struct lock_waiter {
	struct lock_waiter *next;
	fs0_task_t task;
	struct fs0_file *file;		/* referenced while waiting */
	struct lock_span span;
	uint64_t token[];		/* the kept reply token (fs0_reply_ops) */
};

/* The pid each task's requests gave: close and exit know the process by it. */
struct task_pid {
	struct task_pid *next;
	fs0_task_t task;
	int32_t pid;
};

static struct held_lock *held;
static struct lock_waiter *waiters;
static struct task_pid *task_pids;
static uint32_t pending_waits;

static bool overlap(const struct lock_span *a, const struct lock_span *b)
{
	return a->start <= b->end && b->start <= a->end;
}

const struct lock_span *locks_conflict(const struct fs0_vnode *vnode, const struct lock_span *span)
{
	for (struct held_lock *lock = held; lock; lock = lock->next)
		if (lock->vnode == vnode && lock->span.pid != span->pid && overlap(&lock->span, span) &&
		    (lock->span.type == FS0_F_WRLCK || span->type == FS0_F_WRLCK))
			return &lock->span;
	return NULL;
}

static void unlink_lock(struct held_lock **link)
{
	struct held_lock *lock = *link;
	*link = lock->next;
	counted_free(lock);
}

/* The pid's locks on vnode lose [start, end]; a lock around it splits into
 * spare (which is then used). */
static void clear_range(const struct fs0_vnode *vnode, const struct lock_span *span,
			struct held_lock **spare)
{
	struct held_lock **link = &held;
	while (*link) {
		struct held_lock *lock = *link;
		if (lock->vnode != vnode || lock->span.pid != span->pid || !overlap(&lock->span, span)) {
			link = &lock->next;
			continue;
		}
		if (lock->span.start < span->start && lock->span.end > span->end) {
			struct held_lock *right = *spare;
			*spare = NULL;
			*right = *lock;
			right->span.start = span->end + 1;
			lock->span.end = span->start - 1;
			lock->next = right;
			return;
		}
		if (lock->span.start < span->start) {
			lock->span.end = span->start - 1;
		} else if (lock->span.end > span->end) {
			lock->span.start = span->end + 1;
		} else {
			unlink_lock(link);
			continue;
		}
		link = &lock->next;
	}
}

/* Adds span as a lock, absorbing the pid's adjacent locks of the same type. */
static void add_merged(const struct fs0_vnode *vnode, const struct lock_span *span, struct held_lock *fresh)
{
	fresh->vnode = vnode;
	fresh->span = *span;
	struct held_lock **link = &held;
	while (*link) {
		struct held_lock *lock = *link;
		bool neighbour = lock->vnode == vnode && lock->span.pid == span->pid &&
				 lock->span.type == span->type &&
				 ((lock->span.end < fresh->span.start && lock->span.end + 1 == fresh->span.start) ||
				  (fresh->span.end < lock->span.start && fresh->span.end + 1 == lock->span.start));
		if (!neighbour) {
			link = &lock->next;
			continue;
		}
		if (lock->span.start < fresh->span.start)
			fresh->span.start = lock->span.start;
		if (lock->span.end > fresh->span.end)
			fresh->span.end = lock->span.end;
		unlink_lock(link);
	}
	fresh->next = held;
	held = fresh;
}

/* locks_apply without granting waiters. */
static int apply_span(const struct fs0_vnode *vnode, const struct lock_span *span)
{
	struct held_lock *spare = counted_alloc(sizeof(*spare));
	struct held_lock *fresh = span->type == FS0_F_UNLCK ? NULL : counted_alloc(sizeof(*fresh));
	if (!spare || (span->type != FS0_F_UNLCK && !fresh)) {
		counted_free(spare);
		counted_free(fresh);
		return -FS0_ENOLCK;
	}
	clear_range(vnode, span, &spare);
	if (fresh)
		add_merged(vnode, span, fresh);
	counted_free(spare);
	return 0;
}

static void finish(struct lock_waiter **link, long result)
{
	struct lock_waiter *waiter = *link;
	*link = waiter->next;
	pending_waits--;
	fs0_replies->complete(waiter->token, result);
	file_put(waiter->file);
	counted_free(waiter);
}

/* Grants, in order, every waiter on vnode that no longer conflicts. */
static void grant_waiters(const struct fs0_vnode *vnode)
{
	bool granted = true;
	while (granted) {
		granted = false;
		for (struct lock_waiter **link = &waiters; *link; link = &(*link)->next) {
			struct lock_waiter *waiter = *link;
			if (waiter->file->vnode != vnode || locks_conflict(vnode, &waiter->span))
				continue;
			finish(link, apply_span(vnode, &waiter->span));
			granted = true;
			break;
		}
	}
}

int locks_apply(struct fs0_vnode *vnode, const struct lock_span *span)
{
	int error = apply_span(vnode, span);
	if (!error)
		grant_waiters(vnode);
	return error;
}

/* Whether pid waiting behind blocker would close a cycle: blocker waits
 * for a process that waits ... for pid. */
static bool would_deadlock(int32_t pid, const struct lock_span *blocker)
{
	int32_t owner = blocker->pid;
	for (int step = 0; step < DEADLOCK_CHAIN_MAX; step++) {
		const struct lock_waiter *waiter = waiters;
		while (waiter && waiter->span.pid != owner)
			waiter = waiter->next;
		if (!waiter)
			return false;
		const struct lock_span *next = locks_conflict(waiter->file->vnode, &waiter->span);
		if (!next)
			return false;
		if (next->pid == pid)
			return true;
		owner = next->pid;
	}
	return false;
}

long locks_wait(fs0_task_t task, struct fs0_file *file, const struct lock_span *span, void *token)
{
	const struct lock_span *blocker = locks_conflict(file->vnode, span);
	if (blocker && would_deadlock(span->pid, blocker))
		return -FS0_EDEADLK;
	struct lock_waiter *waiter = counted_alloc(sizeof(*waiter) + fs0_replies->token_size);
	if (!waiter)
		return -FS0_ENOLCK;
	fs0_replies->keep(token, waiter->token);
	waiter->task = task;
	waiter->file = file;
	file_get(file);
	waiter->span = *span;
	struct lock_waiter **tail = &waiters;
	while (*tail)
		tail = &(*tail)->next;
	*tail = waiter;
	pending_waits++;
	return IDLRT_DEFERRED;
}

int32_t locks_pid_of(fs0_task_t task)
{
	for (struct task_pid *entry = task_pids; entry; entry = entry->next)
		if (entry->task == task)
			return entry->pid;
	return 0;
}

int locks_note_pid(fs0_task_t task, int32_t pid)
{
	for (struct task_pid *entry = task_pids; entry; entry = entry->next)
		if (entry->task == task) {
			entry->pid = pid;
			return 0;
		}
	struct task_pid *entry = counted_alloc(sizeof(*entry));
	if (!entry)
		return -FS0_ENOLCK;
	entry->task = task;
	entry->pid = pid;
	entry->next = task_pids;
	task_pids = entry;
	return 0;
}

/* Every lock of pid (on vnode, or on every file when vnode is NULL) goes. */
static void release_pid(int32_t pid, const struct fs0_vnode *vnode)
{
	const struct lock_span all = { .start = 0, .end = INT64_MAX, .type = FS0_F_UNLCK, .pid = pid };
	for (;;) {
		struct held_lock *lock = held;
		while (lock && (lock->span.pid != pid || (vnode && lock->vnode != vnode)))
			lock = lock->next;
		if (!lock)
			return;
		const struct fs0_vnode *file = lock->vnode;
		clear_range(file, &all, &(struct held_lock *){ NULL });
		grant_waiters(file);
	}
}

void locks_closed(fs0_task_t task, struct fs0_vnode *vnode)
{
	int32_t pid = locks_pid_of(task);
	if (pid)
		release_pid(pid, vnode);
}

uint32_t locks_interrupt_task(fs0_task_t task)
{
	uint32_t answered = 0;
	struct lock_waiter **link = &waiters;
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

void locks_task_gone(fs0_task_t task)
{
	locks_interrupt_task(task);
	int32_t pid = 0;
	bool others = false;
	for (struct task_pid **link = &task_pids; *link;) {
		struct task_pid *entry = *link;
		if (entry->task == task) {
			pid = entry->pid;
			*link = entry->next;
			counted_free(entry);
			continue;
		}
		link = &entry->next;
	}
	for (struct task_pid *entry = task_pids; entry; entry = entry->next)
		others |= entry->pid == pid;
	if (pid && !others)
		release_pid(pid, NULL);
}

void locks_cancel_all(void)
{
	while (waiters)
		finish(&waiters, -FS0_EINTR);
	while (task_pids) {
		struct task_pid *entry = task_pids;
		task_pids = entry->next;
		counted_free(entry);
	}
}

void locks_vnode_gone(struct fs0_vnode *vnode)
{
	for (struct held_lock **link = &held; *link;) {
		if ((*link)->vnode == vnode)
			unlink_lock(link);
		else
			link = &(*link)->next;
	}
}

uint32_t locks_pending_count(void)
{
	return pending_waits;
}

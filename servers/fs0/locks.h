/* locks.h - POSIX record locks (locks.c): byte ranges of a file held for
 * reading or writing by a process, and the requests waiting for them. */
#ifndef FS0_LOCKS_H
#define FS0_LOCKS_H

#include <stdbool.h>
#include <stdint.h>
#include "fs0_logic.h"

struct fs0_file;
struct fs0_vnode;

/* One lock or one wish: [start, end] inclusive (end INT64_MAX: to the end
 * of the file and beyond), of type FS0_F_RDLCK or FS0_F_WRLCK, by pid. */
struct lock_span {
	int64_t start;
	int64_t end;
	int32_t type;
	int32_t pid;
};

/* The first lock of another process that span would conflict with, or NULL. */
const struct lock_span *locks_conflict(const struct fs0_vnode *vnode, const struct lock_span *span);
/* Sets span (FS0_F_UNLCK: removes) for span->pid, splitting and merging the
 * pid's own locks as POSIX says; waiters that can now go are granted. 0 or
 * -FS0_ENOLCK (out of memory; nothing changed). */
int locks_apply(struct fs0_vnode *vnode, const struct lock_span *span);
/* Queues task's request for span on file until it can be granted (answered
 * 0 then through the reply callback): IDLRT_DEFERRED, -FS0_EDEADLK when the
 * wait would close a cycle of waiting processes, or -FS0_ENOLCK. */
long locks_wait(fs0_task_t task, struct fs0_file *file, const struct lock_span *span, void *token);

/* The pid task's lock requests gave (0: none yet); locks_note_pid records
 * it (0 or -FS0_ENOLCK). A thread that never asked is not known by its pid,
 * so its closes release nothing (docs/fs0.md). */
int32_t locks_pid_of(fs0_task_t task);
int locks_note_pid(fs0_task_t task, int32_t pid);
/* The task closed a descriptor of vnode: its process's locks on it go. */
void locks_closed(fs0_task_t task, struct fs0_vnode *vnode);
/* The task is gone: its waits end (-EINTR); its process's locks go when it was the last task of it. */
void locks_task_gone(fs0_task_t task);
/* A signal handler must run: the task's waits end with -EINTR; returns how many. */
uint32_t locks_interrupt_task(fs0_task_t task);
/* Shutdown: every wait ends with -EINTR. */
void locks_cancel_all(void);
/* The vnode is freed: whatever locks it still has go with it. */
void locks_vnode_gone(struct fs0_vnode *vnode);
uint32_t locks_pending_count(void);

#endif

/* pipe.h - pipes (pipe.c), the reply callback their deferred replies go
 * through (set by fs_init), and the one that tells poll of a change. */
#ifndef FS0_PIPE_H
#define FS0_PIPE_H

#include <stddef.h>
#include <stdint.h>
#include "fs0_logic.h"

struct fs0_file;
struct fs0_vnode;

extern const struct fs0_reply_ops *fs0_replies;
/* Called after every change of a pipe's bytes or ends, so that poll's
 * waiters look again: poll_wake while poll has waiters, else NULL (so a
 * pipe's read and write cost one test when nobody polls). */
extern void (*pipe_changed)(void);

int pipe_create(struct fs0_vnode **out);
/* A named pipe gets its buffer at its first open: 0 or -FS0_ENOMEM. */
int pipe_attach(struct fs0_vnode *vnode);
/* Open read ends of a fifo vnode (0 before its first open). */
uint32_t pipe_readers(const struct fs0_vnode *vnode);
void pipe_release(struct fs0_vnode *vnode);
void pipe_end_opened(struct fs0_vnode *vnode, uint32_t access);
void pipe_end_closed(struct fs0_vnode *vnode, uint32_t access);
long pipe_read(fs0_task_t task, struct fs0_file *file, void *buf, size_t len, void *token);
long pipe_write(fs0_task_t task, struct fs0_file *file, const void *buf, size_t len,
		void *token);
/* The FS0_POLL* events of an end opened with access (FS0_O_ACCMODE bits). */
uint32_t pipe_poll_events(const struct fs0_vnode *vnode, uint32_t access);
uint32_t pipe_interrupt_task(fs0_task_t task);
void pipe_cancel_all(void);
uint32_t pipe_live_count(void);
uint32_t pipe_pending_count(void);

#endif

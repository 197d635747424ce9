/* pipe.h - pipes (pipe.c), and the reply callback their deferred replies go
 * through (set by fs_init). */
#ifndef FS0_PIPE_H
#define FS0_PIPE_H

#include <stddef.h>
#include <stdint.h>
#include "fs0_logic.h"

struct fs0_file;
struct fs0_vnode;

extern const struct fs0_reply_ops *fs0_replies;

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
uint32_t pipe_interrupt_task(fs0_task_t task);
void pipe_cancel_all(void);
uint32_t pipe_live_count(void);
uint32_t pipe_pending_count(void);

#endif

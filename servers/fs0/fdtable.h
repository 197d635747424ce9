/* fdtable.h - tasks and their descriptor tables (fdtable.c). */
#ifndef FS0_FDTABLE_H
#define FS0_FDTABLE_H

#include <stdbool.h>
#include <stdint.h>
#include "fs0_logic.h"

struct fs0_file;
struct fs0_vnode;

struct fs0_fdtable {
	uint32_t refs;			/* tasks sharing it */
	struct fs0_file *slots[FS0_OPEN_MAX];
	bool cloexec[FS0_OPEN_MAX];	/* FD_CLOEXEC of each descriptor */
};

struct fs0_task {
	struct fs0_task *next;
	fs0_task_t id;
	struct fs0_fdtable *table;
	struct fs0_vnode *cwd;		/* referenced */
	uint32_t pid;			/* mm0's process id of the thread, 0 if not told */
};

struct fs0_task *task_find(fs0_task_t id);
/* The open file at task id's descriptor fd, or NULL with *error set:
 * -ESRCH for an unknown task, -EBADF for a descriptor not open. */
struct fs0_file *task_file(fs0_task_t id, int fd, int *error);
int task_create(fs0_task_t id, struct fs0_task *parent, bool share_table);
void task_destroy(struct fs0_task *task);
void task_destroy_all(void);
/* Every task whose cwd is from (a root a disk replaced) moves to to. */
void task_move_cwd(struct fs0_vnode *from, struct fs0_vnode *to);
int fd_free_slot(const struct fs0_fdtable *table, int lowest);
struct fs0_file *fd_lookup(struct fs0_fdtable *table, int fd);
int fd_close(struct fs0_fdtable *table, int fd);
/* Puts file (the table takes the caller's reference) in the free slot fd. */
void fd_install(struct fs0_fdtable *table, int fd, struct fs0_file *file, bool cloexec);
/* The task gets a table of its own if it shares one (exec); -FS0_ENOMEM. */
int task_unshare_table(struct fs0_task *task);
void task_counts(uint32_t *tasks, uint32_t *tables, uint32_t *descriptors);

#endif

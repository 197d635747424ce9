/* internal.h - fs0's objects and the functions its files share: vnodes,
 * mounts, open file descriptions, descriptor tables, tasks and pipes. */
#ifndef FS0_INTERNAL_H
#define FS0_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fs0_logic.h"

struct fs0_mount;
struct fs0_pipe;

/* One name in a directory. The entry stands for one link (nlink), not a
 * reference: a vnode lives while it has links or references. */
struct fs0_dir_entry {
	struct fs0_dir_entry *next;
	struct fs0_vnode *vnode;
	uint16_t name_len;
	char name[];		/* NUL-terminated */
};

struct fs0_vnode {
	uint32_t id;
	uint32_t mode;
	uint32_t nlink;
	uint32_t refs;
	uint32_t openers;		/* open file descriptions */
	int64_t size;
	struct fs0_mount *mount;
	struct fs0_vnode *parent;	/* directories: the one holding it */
	struct fs0_mount *covered_by;	/* a mount whose root hides this dir */
	struct fs0_dir_entry *entries;	/* directories, in creation order */
	struct fs0_dir_entry *last_entry;
	uint32_t entry_count;
	uint8_t **pages;		/* ramfs data: NULL slots read as zeros */
	uint32_t page_slots;
	const uint8_t *archive_data;	/* bootfs data, inside the archive */
	struct fs0_pipe *pipe;		/* pipes: the buffer and waiters */
};

/* What differs between file systems: how a regular file's bytes are kept. */
struct fs0_fs_ops {
	long (*read)(struct fs0_vnode *vnode, void *buf, size_t len, int64_t offset);
	long (*write)(struct fs0_vnode *vnode, const void *buf, size_t len, int64_t offset);
	int (*truncate)(struct fs0_vnode *vnode, int64_t size);
	void (*release_data)(struct fs0_vnode *vnode);
};

struct fs0_mount {
	struct fs0_mount *next;
	uint32_t dev;
	bool read_only;
	const struct fs0_fs_ops *ops;
	struct fs0_vnode *root;		/* referenced by the mount */
	struct fs0_vnode *covered;	/* referenced; NULL for the root mount */
};

/* An open file description: shared by dup, dup2 and fork, one offset. */
struct fs0_file {
	uint32_t refs;
	uint32_t flags;			/* FS0_O_ACCMODE | FS0_O_APPEND | FS0_O_NONBLOCK */
	int64_t offset;			/* byte offset, or entry cookie for directories */
	struct fs0_vnode *vnode;
};

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
};

/* ---- logic_life.c: server-wide state ---- */
extern const struct fs0_reply_ops *fs0_replies;
extern uint64_t fs0_data_bytes;
extern uint64_t fs0_space_limit;

/* ---- vnode.c ---- */
struct fs0_vnode *vnode_alloc(struct fs0_mount *mount, uint32_t mode);
void vnode_get(struct fs0_vnode *vnode);
void vnode_put(struct fs0_vnode *vnode);
void vnode_drop_link(struct fs0_vnode *vnode);
void vnode_fill_stat(const struct fs0_vnode *vnode, struct fs0_stat_info *out);
uint32_t vnode_live_count(void);

/* ---- dir.c ---- */
struct fs0_dir_entry *dir_find(struct fs0_vnode *dir, const char *name, size_t len);
struct fs0_dir_entry *dir_find_vnode(struct fs0_vnode *dir, const struct fs0_vnode *vnode);
int dir_add(struct fs0_vnode *dir, const char *name, size_t len, struct fs0_vnode *vnode);
void dir_remove(struct fs0_vnode *dir, struct fs0_dir_entry *entry);
struct fs0_dir_entry *dir_entry_at(struct fs0_vnode *dir, uint32_t index);
void dir_destroy_tree(struct fs0_vnode *dir);

/* ---- ramfs.c and bootfs.c ---- */
extern const struct fs0_fs_ops ramfs_ops;
extern const struct fs0_fs_ops bootfs_ops;
int bootfs_fill(struct fs0_vnode *root, const void *archive, size_t archive_size);

/* ---- vfs.c: mounts and path lookup ---- */
struct fs0_lookup {
	struct fs0_vnode *parent;	/* referenced */
	struct fs0_vnode *vnode;	/* referenced, or NULL if the last name is absent */
	const char *name;		/* last component, inside the caller's path */
	size_t name_len;		/* 0 when the path names "/" or ends in . or .. */
};
int vfs_mount(struct fs0_vnode *covered, bool read_only, const struct fs0_fs_ops *ops,
	      struct fs0_mount **out);
void vfs_unmount(struct fs0_mount *mount);
void vfs_unmount_all(void);
struct fs0_vnode *vfs_parent(struct fs0_vnode *dir);
struct fs0_vnode *vfs_root(void);
uint32_t vfs_mount_count(void);
int vfs_lookup(struct fs0_vnode *cwd, const char *path, struct fs0_lookup *out);
void vfs_lookup_done(struct fs0_lookup *lookup);
int vfs_resolve(struct fs0_vnode *cwd, const char *path, struct fs0_vnode **out);
bool vfs_is_ancestor(const struct fs0_vnode *ancestor, const struct fs0_vnode *vnode);
int vfs_path_of(struct fs0_vnode *dir, char *buf, size_t size);

/* ---- file.c ---- */
int file_open_vnode(struct fs0_vnode *vnode, uint32_t flags, struct fs0_file **out);
void file_get(struct fs0_file *file);
void file_put(struct fs0_file *file);
uint32_t file_live_count(void);

/* ---- fdtable.c: tasks and their tables ---- */
struct fs0_task *task_find(fs0_task_t id);
/* Look path up (or resolve it to a held vnode) from task id's working
 * directory; -FS0_ESRCH for an unknown task. */
int task_lookup(fs0_task_t id, const char *path, struct fs0_lookup *lookup);
int task_resolve(fs0_task_t id, const char *path, struct fs0_vnode **out);
int task_create(fs0_task_t id, struct fs0_task *parent, bool share_table);
void task_destroy(struct fs0_task *task);
void task_destroy_all(void);
int fd_free_slot(const struct fs0_fdtable *table, int lowest);
struct fs0_file *fd_lookup(struct fs0_fdtable *table, int fd);
int fd_close(struct fs0_fdtable *table, int fd);
/* Puts file (the table takes the caller's reference) in the free slot fd. */
void fd_install(struct fs0_fdtable *table, int fd, struct fs0_file *file, bool cloexec);
/* The task gets a table of its own if it shares one (exec); -FS0_ENOMEM. */
int task_unshare_table(struct fs0_task *task);
void task_counts(uint32_t *tasks, uint32_t *tables, uint32_t *descriptors);

/* ---- pipe.c ---- */
int pipe_create(struct fs0_vnode **out);
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

/* ---- logic_mm.c ---- */
void mm_release_all(void);
uint32_t mm_handle_count(void);

#endif

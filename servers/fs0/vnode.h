/* vnode.h - vnodes, the file systems they live in (mount and its ops), and
 * the functions of vnode life (vnode.c). */
#ifndef FS0_VNODE_H
#define FS0_VNODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "clock.h"
#include "fs0_logic.h"

struct fs0_dir_entry;
struct fs0_mount;
struct fs0_pipe;

struct fs0_vnode {
	uint32_t id;
	uint32_t mode;
	uint32_t nlink;
	uint32_t uid;
	uint32_t gid;
	struct fs0_time atime;		/* last read */
	struct fs0_time mtime;		/* last change of the data (a directory's names) */
	struct fs0_time ctime;		/* last change of the data or the status */
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
	uint32_t device;		/* character devices: FS0_DEV_* */
	char *link_target;		/* symbolic links: the target, NUL-terminated (size bytes) */
	bool atime_due;			/* changed since atime was last stamped */
	bool entries_unloaded;		/* disk directories: entries not read in yet */
	uint32_t ino;			/* disk file systems: the inode number */
	struct fs0_vnode *ino_next;	/* ext2fs.c's table of vnodes by inode */
};

/* What differs between file systems: how a regular file's bytes are kept,
 * and for a file system with a namespace of its own (a disk's) the hooks
 * that keep it in step with the vnodes. RAM file systems leave the hooks
 * NULL: their vnodes are the whole truth. A hook is called before the
 * vnodes change, and its error leaves them as they were. */
struct fs0_fs_ops {
	long (*read)(struct fs0_vnode *vnode, void *buf, size_t len, int64_t offset);
	long (*write)(struct fs0_vnode *vnode, const void *buf, size_t len, int64_t offset);
	int (*truncate)(struct fs0_vnode *vnode, int64_t size);
	void (*release_data)(struct fs0_vnode *vnode);

	/* Reads dir's entries in as vnodes (dir->entries_unloaded was set). */
	int (*load_dir)(struct fs0_vnode *dir);
	/* vnode (new: mode, uid, gid set; link_target for a link) named name in dir. */
	int (*create)(struct fs0_vnode *dir, const char *name, size_t len, struct fs0_vnode *vnode);
	int (*link)(struct fs0_vnode *dir, const char *name, size_t len, struct fs0_vnode *vnode);
	/* Removes the name of vnode (rmdir for a directory). */
	int (*unlink)(struct fs0_vnode *dir, const char *name, size_t len, struct fs0_vnode *vnode);
	int (*rename)(struct fs0_vnode *from_dir, const char *from, size_t from_len,
		      struct fs0_vnode *to_dir, const char *to, size_t to_len);
	/* The vnode's mode bits, owner, group and times go to the disk. */
	int (*setattr)(struct fs0_vnode *vnode);
	int (*fsync)(struct fs0_vnode *vnode, bool data_only);
	int (*sync)(struct fs0_mount *mount);
	void (*statvfs)(struct fs0_mount *mount, struct fs0_vfs_info *out);
	/* The vnode is freed: a disk inode with no links left goes now. */
	void (*forget)(struct fs0_vnode *vnode);
	/* After the mount's vnodes are gone: write back, mark clean, free. */
	void (*unmount)(struct fs0_mount *mount);
};

/* Mounts are kept by vfs.c; the structure is here because every vnode
 * reaches its file system's ops through its mount. */
struct fs0_mount {
	struct fs0_mount *next;
	uint32_t dev;
	bool read_only;
	const struct fs0_fs_ops *ops;
	struct fs0_vnode *root;		/* referenced by the mount */
	struct fs0_vnode *covered;	/* referenced; NULL for the root mount */
	void *fs_data;			/* a disk file system's own state */
};

/* A namespace hook's result, 0 when there is no mount (a pipe) or the file
 * system has no such hook. */
#define FS0_HOOK(mount, hook, ...) \
	((mount) && (mount)->ops->hook ? (mount)->ops->hook(__VA_ARGS__) : 0)

#define FS0_S_ISLNK(m)		(((m) & FS0_S_IFMT) == FS0_S_IFLNK)

/* A new vnode owned by root with every time now; no links, no references. */
struct fs0_vnode *vnode_alloc(struct fs0_mount *mount, uint32_t mode);
void vnode_get(struct fs0_vnode *vnode);
void vnode_put(struct fs0_vnode *vnode);
/* The vnode gained or lost one name: a directory's last (it has one), a
 * file's one of nlink; the status changed now. */
void vnode_add_link(struct fs0_vnode *vnode);
void vnode_drop_link(struct fs0_vnode *vnode);
void vnode_fill_stat(const struct fs0_vnode *vnode, struct fs0_stat_info *out);
uint32_t vnode_live_count(void);

/* The times a change stamps: the data (mtime and ctime) or the status (ctime). */
void vnode_touch_data(struct fs0_vnode *vnode);
void vnode_touch_status(struct fs0_vnode *vnode);
/* A read: atime moves as Linux's default "relatime" moves it when it is not
 * newer than mtime or ctime (without relatime's refresh of a day-old atime),
 * so a file read again and again costs a flag test, not a clock reading. */
void vnode_stamp_read(struct fs0_vnode *vnode);
static inline void vnode_touch_read(struct fs0_vnode *vnode)
{
	if (vnode->atime_due)
		vnode_stamp_read(vnode);
}

#endif

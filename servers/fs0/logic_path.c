/* logic_path.c - the logic of the requests that name a path: open, stat,
 * mkdir, rmdir, unlink, rename, chdir, fchdir and getcwd. */
#include <string.h>
#include <server/counted_alloc.h>
#include "dir.h"
#include "fdtable.h"
#include "file.h"
#include "logic_create.h"
#include "path_base.h"
#include "pipe.h"
#include "perm.h"
#include "vfs.h"
#include "vnode.h"

/* Flags that change nothing on a RAM file system (every write is already as
 * durable as it gets, there are no terminals to adopt) pass as Linux lets
 * them; bits Linux does not know are ignored, as Linux ignores them. */
#define OPEN_FLAGS_KNOWN (FS0_O_ACCMODE | FS0_O_CREAT | FS0_O_EXCL | FS0_O_TRUNC | \
			  FS0_O_APPEND | FS0_O_NONBLOCK | FS0_O_DIRECTORY | FS0_O_CLOEXEC | \
			  FS0_O_NOFOLLOW | FS0_O_NOCTTY | FS0_O_SYNC | FS0_O_DSYNC | FS0_O_NOATIME)

static bool ends_in_slash(const char *path)
{
	size_t len = strnlen(path, FS0_PATH_MAX);
	return len > 0 && path[len - 1] == '/';
}

static bool is_mount_root(const struct fs0_vnode *vnode)
{
	return vnode->mount && vnode == vnode->mount->root;
}

/* What an open for access asks of the file's mode bits. */
static uint32_t open_wants(uint32_t flags)
{
	uint32_t access = flags & FS0_O_ACCMODE;
	uint32_t want = access == FS0_O_WRONLY ? FS0_W_OK : access == FS0_O_RDWR ? FS0_R_OK | FS0_W_OK : FS0_R_OK;
	return (flags & FS0_O_TRUNC) ? want | FS0_W_OK : want;
}

/* Checks an existing vnode against the open flags. */
static int check_open_existing(const struct fs0_task *task, const struct fs0_vnode *vnode,
			       uint32_t flags, bool slash)
{
	uint32_t access = flags & FS0_O_ACCMODE;
	if ((flags & FS0_O_CREAT) && (flags & FS0_O_EXCL))
		return -FS0_EEXIST;
	if (FS0_S_ISLNK(vnode->mode))
		return -FS0_ELOOP;	/* only O_NOFOLLOW leaves a final link unfollowed */
	int error = perm_check(vnode, task_cred(task), open_wants(flags));
	if (error)
		return error;
	if (FS0_S_ISDIR(vnode->mode)) {
		if (access != FS0_O_RDONLY || (flags & (FS0_O_TRUNC | FS0_O_CREAT)))
			return -FS0_EISDIR;
		return 0;
	}
	if ((flags & FS0_O_DIRECTORY) || slash)
		return -FS0_ENOTDIR;
	/* A named pipe's writer that may not wait for a reader: ENXIO, as on Linux. */
	if (FS0_S_ISFIFO(vnode->mode) && access == FS0_O_WRONLY && (flags & FS0_O_NONBLOCK) &&
	    pipe_readers(vnode) == 0)
		return -FS0_ENXIO;
	if ((access != FS0_O_RDONLY || (flags & FS0_O_TRUNC)) && vnode->mount->read_only)
		return -FS0_EROFS;
	return 0;
}

/* O_CREAT|O_EXCL and O_NOFOLLOW see a final link itself; other opens what it names. */
static int open_vnode(struct fs0_task *task, int dirfd, const char *path, uint32_t flags,
		      uint32_t mode, struct fs0_vnode **out)
{
	struct fs0_vnode *base;
	int error = path_base(task, dirfd, path, &base);
	if (error)
		return error;
	bool exclusive = (flags & FS0_O_CREAT) && (flags & FS0_O_EXCL);
	bool follow = !exclusive && !(flags & FS0_O_NOFOLLOW);
	struct fs0_lookup lookup;
	error = vfs_lookup(base, path, follow, &lookup);
	if (error)
		return error;
	bool slash = ends_in_slash(path);
	if (lookup.vnode)
		error = check_open_existing(task, lookup.vnode, flags, slash);
	else if (!(flags & FS0_O_CREAT))
		error = -FS0_ENOENT;
	else if (slash)
		error = -FS0_EISDIR;
	else
		error = create_child(task, &lookup, FS0_S_IFREG | (mode & FS0_S_PERM_MASK), NULL,
				     &lookup.vnode);
	if (!error && (flags & FS0_O_TRUNC) && FS0_S_ISREG(lookup.vnode->mode) && lookup.vnode->size > 0)
		error = lookup.vnode->mount->ops->truncate(lookup.vnode, 0);
	if (!error) {
		*out = lookup.vnode;
		lookup.vnode = NULL;
	}
	vfs_lookup_done(&lookup);
	return error;
}

int fs_open(fs0_task_t task_id, int dirfd, const char *path, uint32_t flags, uint32_t mode)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	flags &= OPEN_FLAGS_KNOWN;
	if ((flags & FS0_O_ACCMODE) == FS0_O_ACCMODE ||
	    ((flags & FS0_O_CREAT) && (flags & FS0_O_DIRECTORY)))
		return -FS0_EINVAL;
	int fd = fd_free_slot(task->table, 0);
	if (fd < 0)
		return fd;
	struct fs0_vnode *vnode;
	int error = open_vnode(task, dirfd, path, flags, mode, &vnode);
	if (error)
		return error;
	struct fs0_file *file;
	error = file_open_vnode(vnode, flags, &file);
	vnode_put(vnode);
	if (error)
		return error;
	fd_install(task->table, fd, file, (flags & FS0_O_CLOEXEC) != 0);
	return fd;
}

int fs_stat(fs0_task_t task_id, int dirfd, const char *path, uint32_t at_flags,
	    struct fs0_stat_info *out)
{
	struct fs0_vnode *vnode;
	int error = at_resolve(task_id, dirfd, path, !(at_flags & FS0_AT_SYMLINK_NOFOLLOW), &vnode);
	if (error)
		return error;
	vnode_fill_stat(vnode, out);
	vnode_put(vnode);
	return 0;
}

int fs_mkdir(fs0_task_t task_id, int dirfd, const char *path, uint32_t mode)
{
	struct fs0_lookup lookup;
	int error = at_lookup(task_id, dirfd, path, false, &lookup);
	if (error)
		return error;
	if (lookup.vnode)
		error = -FS0_EEXIST;
	else
		error = create_child(task_find(task_id), &lookup, FS0_S_IFDIR | (mode & FS0_S_PERM_MASK),
				     NULL, &lookup.vnode);
	vfs_lookup_done(&lookup);
	return error;
}

/* Why a path ending in ".", ".." or naming "/" cannot be removed. */
static int unnamed_target_error(const struct fs0_vnode *vnode)
{
	return vnode == vfs_root() ? -FS0_EBUSY : -FS0_EINVAL;
}

int fs_rmdir(fs0_task_t task_id, int dirfd, const char *path)
{
	struct fs0_lookup lookup;
	int error = at_lookup(task_id, dirfd, path, false, &lookup);
	if (error)
		return error;
	struct fs0_vnode *vnode = lookup.vnode;
	if (lookup.name_len == 0)
		error = unnamed_target_error(vnode);
	else if (!vnode)
		error = -FS0_ENOENT;
	else if (!FS0_S_ISDIR(vnode->mode))
		error = -FS0_ENOTDIR;
	else if (is_mount_root(vnode))
		error = -FS0_EBUSY;
	else if (vnode->mount->read_only)
		error = -FS0_EROFS;
	else if (dir_load(vnode) || vnode->entry_count)
		error = -FS0_ENOTEMPTY;
	if (!error)
		error = FS0_HOOK(vnode->mount, unlink, lookup.parent, lookup.name, lookup.name_len, vnode);
	if (!error) {
		dir_remove(lookup.parent, dir_find(lookup.parent, lookup.name, lookup.name_len));
		vnode_drop_link(vnode);
	}
	vfs_lookup_done(&lookup);
	return error;
}

int fs_unlink(fs0_task_t task_id, int dirfd, const char *path)
{
	struct fs0_lookup lookup;
	int error = at_lookup(task_id, dirfd, path, false, &lookup);
	if (error)
		return error;
	struct fs0_vnode *vnode = lookup.vnode;
	if (lookup.name_len == 0)
		error = -FS0_EISDIR;
	else if (!vnode)
		error = -FS0_ENOENT;
	else if (FS0_S_ISDIR(vnode->mode))
		error = -FS0_EISDIR;
	else if (ends_in_slash(path))
		error = -FS0_ENOTDIR;
	else if (vnode->mount->read_only)
		error = -FS0_EROFS;
	if (!error)
		error = FS0_HOOK(vnode->mount, unlink, lookup.parent, lookup.name, lookup.name_len, vnode);
	if (!error) {
		dir_remove(lookup.parent, dir_find(lookup.parent, lookup.name, lookup.name_len));
		vnode_drop_link(vnode);
	}
	vfs_lookup_done(&lookup);
	return error;
}

/* The checks rename makes before it changes anything. */
static int check_rename(const struct fs0_lookup *from, const struct fs0_lookup *to,
			const char *old_path, const char *new_path)
{
	struct fs0_vnode *moving = from->vnode;
	struct fs0_vnode *target = to->vnode;
	if (!moving)
		return from->name_len ? -FS0_ENOENT : -FS0_EINVAL;
	if (from->name_len == 0 || to->name_len == 0)
		return is_mount_root(moving) ? -FS0_EBUSY : -FS0_EINVAL;
	if (is_mount_root(moving) || (target && is_mount_root(target)))
		return -FS0_EBUSY;
	bool moving_dir = FS0_S_ISDIR(moving->mode);
	if (!moving_dir && (ends_in_slash(old_path) || ends_in_slash(new_path)))
		return -FS0_ENOTDIR;
	if (from->parent->mount != to->parent->mount)
		return -FS0_EXDEV;
	if (from->parent->mount->read_only)
		return -FS0_EROFS;
	if (moving_dir && vfs_is_ancestor(moving, to->parent))
		return -FS0_EINVAL;
	if (!target || target == moving)
		return 0;
	if (moving_dir && !FS0_S_ISDIR(target->mode))
		return -FS0_ENOTDIR;
	if (!moving_dir && FS0_S_ISDIR(target->mode))
		return -FS0_EISDIR;
	if (moving_dir && (dir_load(target) || target->entry_count))
		return -FS0_ENOTEMPTY;
	return 0;
}

/* Moves the entry; when a target exists its entry is reused, so nothing
 * is lost if memory runs out. */
static int do_rename(struct fs0_lookup *from, struct fs0_lookup *to)
{
	struct fs0_vnode *moving = from->vnode;
	struct fs0_vnode *target = to->vnode;
	if (target == moving)
		return 0;
	int error = FS0_HOOK(moving->mount, rename, from->parent, from->name, from->name_len,
			     to->parent, to->name, to->name_len);
	if (error)
		return error;
	if (target) {
		struct fs0_dir_entry *entry = dir_find(to->parent, to->name, to->name_len);
		entry->vnode = moving;
		if (FS0_S_ISDIR(moving->mode))
			moving->parent = to->parent;
		vnode_drop_link(target);
	} else {
		error = dir_add(to->parent, to->name, to->name_len, moving);
		if (error)
			return error;
	}
	dir_remove(from->parent, dir_find(from->parent, from->name, from->name_len));
	return 0;
}

int fs_rename(fs0_task_t task_id, int old_dirfd, const char *old_path, int new_dirfd,
	      const char *new_path)
{
	struct fs0_lookup from, to;
	int error = at_lookup(task_id, old_dirfd, old_path, false, &from);
	if (error)
		return error;
	error = at_lookup(task_id, new_dirfd, new_path, false, &to);
	if (error) {
		vfs_lookup_done(&from);
		return error;
	}
	error = check_rename(&from, &to, old_path, new_path);
	if (!error)
		error = do_rename(&from, &to);
	vfs_lookup_done(&to);
	vfs_lookup_done(&from);
	return error;
}

/* The task's cwd becomes vnode (referenced by the caller, taken over). */
static int change_cwd(struct fs0_task *task, struct fs0_vnode *vnode)
{
	int error = !FS0_S_ISDIR(vnode->mode) ? -FS0_ENOTDIR : perm_check(vnode, task_cred(task), FS0_X_OK);
	if (error) {
		vnode_put(vnode);
		return error;
	}
	vnode_put(task->cwd);
	task->cwd = vnode;
	return 0;
}

int fs_chdir(fs0_task_t task_id, const char *path)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	struct fs0_vnode *vnode;
	int error = vfs_resolve(task->cwd, path, true, &vnode);
	if (error)
		return error;
	return change_cwd(task, vnode);
}

int fs_fchdir(fs0_task_t task_id, int fd)
{
	int error = 0;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	vnode_get(file->vnode);
	return change_cwd(task_find(task_id), file->vnode);
}

int fs_getcwd(fs0_task_t task_id, char *buf, size_t size)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	return vfs_path_of(task->cwd, buf, size);
}

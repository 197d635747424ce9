/* logic_path.c - the logic of the requests that name a path: open, stat,
 * mkdir, rmdir, unlink, rename, chdir and getcwd. */
#include <string.h>
#include <server/counted_alloc.h>
#include "dir.h"
#include "fdtable.h"
#include "file.h"
#include "vfs.h"
#include "vnode.h"

#define OPEN_FLAGS_KNOWN (FS0_O_ACCMODE | FS0_O_CREAT | FS0_O_EXCL | FS0_O_TRUNC | \
			  FS0_O_APPEND | FS0_O_NONBLOCK | FS0_O_DIRECTORY | FS0_O_CLOEXEC)

static bool ends_in_slash(const char *path)
{
	size_t len = strnlen(path, FS0_PATH_MAX);
	return len > 0 && path[len - 1] == '/';
}

static bool is_mount_root(const struct fs0_vnode *vnode)
{
	return vnode->mount && vnode == vnode->mount->root;
}

/* Makes a file or directory called lookup->name in lookup->parent. */
static int create_child(struct fs0_lookup *lookup, uint32_t mode, struct fs0_vnode **out)
{
	struct fs0_vnode *dir = lookup->parent;
	if (dir->mount->read_only)
		return -FS0_EROFS;
	struct fs0_vnode *vnode = vnode_alloc(dir->mount, mode);
	if (!vnode)
		return -FS0_ENOMEM;
	vnode->nlink = FS0_S_ISDIR(mode) ? 2 : 1;
	int error = dir_add(dir, lookup->name, lookup->name_len, vnode);
	if (error) {
		vnode_drop_link(vnode);
		return error;
	}
	vnode_get(vnode);
	*out = vnode;
	return 0;
}

/* Checks an existing vnode against the open flags. */
static int check_open_existing(const struct fs0_vnode *vnode, uint32_t flags, bool slash)
{
	uint32_t access = flags & FS0_O_ACCMODE;
	if ((flags & FS0_O_CREAT) && (flags & FS0_O_EXCL))
		return -FS0_EEXIST;
	if (FS0_S_ISDIR(vnode->mode)) {
		if (access != FS0_O_RDONLY || (flags & (FS0_O_TRUNC | FS0_O_CREAT)))
			return -FS0_EISDIR;
		return 0;
	}
	if ((flags & FS0_O_DIRECTORY) || slash)
		return -FS0_ENOTDIR;
	if ((access != FS0_O_RDONLY || (flags & FS0_O_TRUNC)) && vnode->mount->read_only)
		return -FS0_EROFS;
	return 0;
}

static int open_vnode(struct fs0_task *task, const char *path, uint32_t flags, uint32_t mode,
		      struct fs0_vnode **out)
{
	struct fs0_lookup lookup;
	int error = vfs_lookup(task->cwd, path, &lookup);
	if (error)
		return error;
	bool slash = ends_in_slash(path);
	if (lookup.vnode)
		error = check_open_existing(lookup.vnode, flags, slash);
	else if (!(flags & FS0_O_CREAT))
		error = -FS0_ENOENT;
	else if (slash)
		error = -FS0_EISDIR;
	else
		error = create_child(&lookup, FS0_S_IFREG | (mode & FS0_S_PERM_MASK), &lookup.vnode);
	if (!error && (flags & FS0_O_TRUNC) && lookup.vnode->size > 0)
		error = lookup.vnode->mount->ops->truncate(lookup.vnode, 0);
	if (!error) {
		*out = lookup.vnode;
		lookup.vnode = NULL;
	}
	vfs_lookup_done(&lookup);
	return error;
}

int fs_open(fs0_task_t task_id, const char *path, uint32_t flags, uint32_t mode)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	if ((flags & ~OPEN_FLAGS_KNOWN) || (flags & FS0_O_ACCMODE) == FS0_O_ACCMODE ||
	    ((flags & FS0_O_CREAT) && (flags & FS0_O_DIRECTORY)))
		return -FS0_EINVAL;
	int fd = fd_free_slot(task->table, 0);
	if (fd < 0)
		return fd;
	struct fs0_vnode *vnode;
	int error = open_vnode(task, path, flags, mode, &vnode);
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

int fs_stat(fs0_task_t task_id, const char *path, struct fs0_stat_info *out)
{
	struct fs0_vnode *vnode;
	int error = task_resolve(task_id, path, &vnode);
	if (error)
		return error;
	vnode_fill_stat(vnode, out);
	vnode_put(vnode);
	return 0;
}

int fs_mkdir(fs0_task_t task_id, const char *path, uint32_t mode)
{
	struct fs0_lookup lookup;
	int error = task_lookup(task_id, path, &lookup);
	if (error)
		return error;
	if (lookup.vnode)
		error = -FS0_EEXIST;
	else
		error = create_child(&lookup, FS0_S_IFDIR | (mode & FS0_S_PERM_MASK), &lookup.vnode);
	vfs_lookup_done(&lookup);
	return error;
}

/* Why a path ending in ".", ".." or naming "/" cannot be removed. */
static int unnamed_target_error(const struct fs0_vnode *vnode)
{
	return vnode == vfs_root() ? -FS0_EBUSY : -FS0_EINVAL;
}

int fs_rmdir(fs0_task_t task_id, const char *path)
{
	struct fs0_lookup lookup;
	int error = task_lookup(task_id, path, &lookup);
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
	else if (vnode->entry_count)
		error = -FS0_ENOTEMPTY;
	if (!error) {
		dir_remove(lookup.parent, dir_find(lookup.parent, lookup.name, lookup.name_len));
		vnode_drop_link(vnode);
	}
	vfs_lookup_done(&lookup);
	return error;
}

int fs_unlink(fs0_task_t task_id, const char *path)
{
	struct fs0_lookup lookup;
	int error = task_lookup(task_id, path, &lookup);
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
	if (moving_dir && target->entry_count)
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
	if (target) {
		struct fs0_dir_entry *entry = dir_find(to->parent, to->name, to->name_len);
		entry->vnode = moving;
		if (FS0_S_ISDIR(moving->mode))
			moving->parent = to->parent;
		vnode_drop_link(target);
	} else {
		int error = dir_add(to->parent, to->name, to->name_len, moving);
		if (error)
			return error;
	}
	dir_remove(from->parent, dir_find(from->parent, from->name, from->name_len));
	return 0;
}

int fs_rename(fs0_task_t task_id, const char *old_path, const char *new_path)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	struct fs0_lookup from, to;
	int error = vfs_lookup(task->cwd, old_path, &from);
	if (error)
		return error;
	error = vfs_lookup(task->cwd, new_path, &to);
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

int fs_chdir(fs0_task_t task_id, const char *path)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	struct fs0_vnode *vnode;
	int error = vfs_resolve(task->cwd, path, &vnode);
	if (error)
		return error;
	if (!FS0_S_ISDIR(vnode->mode)) {
		vnode_put(vnode);
		return -FS0_ENOTDIR;
	}
	vnode_put(task->cwd);
	task->cwd = vnode;
	return 0;
}

int fs_getcwd(fs0_task_t task_id, char *buf, size_t size)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	return vfs_path_of(task->cwd, buf, size);
}

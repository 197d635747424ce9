/* path_base.c - the starting directory of a path: cwd, root or a dirfd. */
#include "path_base.h"
#include "fdtable.h"
#include "file.h"
#include "vfs.h"
#include "vnode.h"

int path_base(struct fs0_task *task, int dirfd, const char *path, struct fs0_vnode **base)
{
	if (dirfd == FS0_AT_FDCWD || path[0] == '/') {
		*base = task->cwd;
		return 0;
	}
	struct fs0_file *file = fd_lookup(task->table, dirfd);
	if (!file)
		return -FS0_EBADF;
	if (!FS0_S_ISDIR(file->vnode->mode))
		return -FS0_ENOTDIR;
	*base = file->vnode;
	return 0;
}

int at_lookup(fs0_task_t task_id, int dirfd, const char *path, bool follow, struct fs0_lookup *out)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	struct fs0_vnode *base;
	int error = path_base(task, dirfd, path, &base);
	return error ? error : vfs_lookup(base, path, follow, out);
}

int at_resolve(fs0_task_t task_id, int dirfd, const char *path, bool follow, struct fs0_vnode **out)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	struct fs0_vnode *base;
	int error = path_base(task, dirfd, path, &base);
	return error ? error : vfs_resolve(base, path, follow, out);
}

/* logic_links.c - the logic of names: hard links, symbolic links (made,
 * read), named pipes, and realpath's answer. */
#include <string.h>
#include <server/counted_alloc.h>
#include "dir.h"
#include "fdtable.h"
#include "logic_create.h"
#include "path_base.h"
#include "vfs.h"
#include "vnode.h"

int fs_link(fs0_task_t task_id, int old_dirfd, const char *old_path, int new_dirfd,
	    const char *new_path, uint32_t at_flags)
{
	struct fs0_vnode *vnode;
	int error = at_resolve(task_id, old_dirfd, old_path, (at_flags & FS0_AT_SYMLINK_FOLLOW) != 0,
			       &vnode);
	if (error)
		return error;
	struct fs0_lookup to;
	error = at_lookup(task_id, new_dirfd, new_path, false, &to);
	if (error) {
		vnode_put(vnode);
		return error;
	}
	if (FS0_S_ISDIR(vnode->mode))
		error = -FS0_EPERM;
	else if (to.vnode || to.name_len == 0)
		error = -FS0_EEXIST;
	else if (to.parent->mount != vnode->mount)
		error = -FS0_EXDEV;
	else if (vnode->mount->read_only)
		error = -FS0_EROFS;
	else if (vnode->nlink >= FS0_LINK_MAX)
		error = -FS0_EMLINK;
	else if (vnode->nlink == 0)
		error = -FS0_ENOENT;	/* an open file that lost its last name */
	else
		error = dir_add(to.parent, to.name, to.name_len, vnode);
	if (!error) {
		error = FS0_HOOK(vnode->mount, link, to.parent, to.name, to.name_len, vnode);
		if (error)
			dir_remove(to.parent, to.parent->last_entry);
	}
	if (!error)
		vnode_add_link(vnode);
	vfs_lookup_done(&to);
	vnode_put(vnode);
	return error;
}

int fs_symlink(fs0_task_t task_id, const char *target, int dirfd, const char *path)
{
	size_t target_len = strnlen(target, FS0_PATH_MAX);
	if (target_len == 0)
		return -FS0_ENOENT;
	if (target_len == FS0_PATH_MAX)
		return -FS0_ENAMETOOLONG;
	struct fs0_lookup lookup;
	int error = at_lookup(task_id, dirfd, path, false, &lookup);
	if (error)
		return error;
	char *copy = NULL;
	if (lookup.vnode || lookup.name_len == 0) {
		error = -FS0_EEXIST;
	} else if (!(copy = counted_alloc(target_len + 1))) {
		error = -FS0_ENOMEM;
	} else {
		memcpy(copy, target, target_len + 1);
		error = create_child(task_find(task_id), &lookup, FS0_S_IFLNK | 0777, copy, &lookup.vnode);
	}
	vfs_lookup_done(&lookup);
	return error;
}

long fs_readlink(fs0_task_t task_id, int dirfd, const char *path, char *buf, size_t size)
{
	struct fs0_vnode *vnode;
	int error = at_resolve(task_id, dirfd, path, false, &vnode);
	if (error)
		return error;
	long length = -FS0_EINVAL;
	if (FS0_S_ISLNK(vnode->mode)) {
		length = vnode->size < (int64_t)size ? (long)vnode->size : (long)size;
		memcpy(buf, vnode->link_target, (size_t)length);
		vnode_touch_read(vnode);
	}
	vnode_put(vnode);
	return length;
}

int fs_mknod(fs0_task_t task_id, int dirfd, const char *path, uint32_t mode)
{
	if ((mode & FS0_S_IFMT) != FS0_S_IFIFO)
		return -FS0_EPERM;
	struct fs0_lookup lookup;
	int error = at_lookup(task_id, dirfd, path, false, &lookup);
	if (error)
		return error;
	if (lookup.vnode || lookup.name_len == 0)
		error = -FS0_EEXIST;
	else
		error = create_child(task_find(task_id), &lookup,
				     FS0_S_IFIFO | (mode & FS0_S_PERM_MASK), NULL, &lookup.vnode);
	vfs_lookup_done(&lookup);
	return error;
}

/* The resolved path is the directory's path, and the last name unless the
 * path ended in ".", ".." or "/" (then the directory is the answer).
 * Returns its length with the NUL, as getcwd's. */
long fs_realpath(fs0_task_t task_id, int dirfd, const char *path, char *buf, size_t size)
{
	struct fs0_lookup lookup;
	int error = at_lookup(task_id, dirfd, path, true, &lookup);
	if (error)
		return error;
	long length;
	if (!lookup.vnode) {
		length = -FS0_ENOENT;
	} else if (lookup.name_len == 0) {
		length = vfs_path_of(lookup.vnode, buf, size);
	} else {
		length = vfs_path_of(lookup.parent, buf, size);
		if (length > 0) {
			/* length counts the NUL; "/" gains no second slash. */
			size_t at = (size_t)length - 1;
			if (at > 1)
				buf[at++] = '/';
			if (at + lookup.name_len + 1 > size)
				length = -FS0_ENAMETOOLONG;
			else {
				memcpy(buf + at, lookup.name, lookup.name_len);
				buf[at + lookup.name_len] = '\0';
				length = (long)(at + lookup.name_len + 1);
			}
		}
	}
	size_t path_len = strlen(path);
	if (length > 0 && !FS0_S_ISDIR(lookup.vnode->mode) && path[path_len - 1] == '/')
		length = -FS0_ENOTDIR;
	vfs_lookup_done(&lookup);
	return length;
}

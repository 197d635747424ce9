/* logic_create.c - a new file, directory, link or fifo in a directory: its
 * owner, its group (the directory's when that has set-group-id, as on
 * Linux) and its first link. */
#include <string.h>
#include <server/counted_alloc.h>
#include "logic_create.h"
#include "dir.h"
#include "perm.h"
#include "vfs.h"
#include "vnode.h"

static int new_child(struct fs0_task *task, struct fs0_lookup *lookup, uint32_t mode,
		     char **link_target, struct fs0_vnode **out)
{
	struct fs0_vnode *dir = lookup->parent;
	if (dir->mount->read_only)
		return -FS0_EROFS;
	struct fs0_cred cred = task_cred(task);
	int error = perm_check(dir, cred, FS0_W_OK | FS0_X_OK);
	if (error)
		return error;
	bool group_from_dir = (dir->mode & FS0_S_ISGID) != 0;
	if (group_from_dir && FS0_S_ISDIR(mode))
		mode |= FS0_S_ISGID;
	struct fs0_vnode *vnode = vnode_alloc(dir->mount, mode);
	if (!vnode)
		return -FS0_ENOMEM;
	vnode->uid = cred.uid;
	vnode->gid = group_from_dir ? dir->gid : cred.gid;
	vnode->nlink = FS0_S_ISDIR(mode) ? 2 : 1;
	if (*link_target) {
		vnode->link_target = *link_target;
		vnode->size = (int64_t)strlen(*link_target);
		*link_target = NULL;
	}
	/* The entry first: taking it back cannot fail, as undoing the disk's could. */
	error = dir_add(dir, lookup->name, lookup->name_len, vnode);
	if (!error) {
		error = FS0_HOOK(dir->mount, create, dir, lookup->name, lookup->name_len, vnode);
		if (error)
			dir_remove(dir, dir->last_entry);
	}
	if (error) {
		vnode_drop_link(vnode);
		return error;
	}
	vnode_get(vnode);
	*out = vnode;
	return 0;
}

int create_child(struct fs0_task *task, struct fs0_lookup *lookup, uint32_t mode, char *link_target,
		 struct fs0_vnode **out)
{
	int error = new_child(task, lookup, mode, &link_target, out);
	counted_free(link_target);
	return error;
}

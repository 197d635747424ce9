/* logic_statvfs.c - the logic of statvfs and fstatvfs: a mount's figures.
 * The RAM file system's blocks are its space limit in pages and its free
 * ones what is left of it; its files come from the same heap, so as many
 * more fit as pages do. The boot file system is full and read-only. */
#include <string.h>
#include "dir.h"
#include "fdtable.h"
#include "file.h"
#include "path_base.h"
#include "space.h"
#include "vfs.h"
#include "vnode.h"

static uint64_t pages_of(int64_t bytes)
{
	return ((uint64_t)bytes + FS0_PAGE_SIZE - 1) / FS0_PAGE_SIZE;
}

/* Pages of file data below dir (the boot file system's whole content). */
static uint64_t tree_pages(const struct fs0_vnode *dir)
{
	uint64_t pages = 0;
	for (const struct fs0_dir_entry *entry = dir->entries; entry; entry = entry->next)
		pages += FS0_S_ISDIR(entry->vnode->mode) ? tree_pages(entry->vnode) : pages_of(entry->vnode->size);
	return pages;
}

/* A pipe's figures are the root file system's, as the place its buffer comes from. */
static void fill(const struct fs0_vnode *vnode, struct fs0_vfs_info *out)
{
	const struct fs0_mount *mount = vnode->mount ? vnode->mount : vfs_root()->mount;
	memset(out, 0, sizeof(*out));
	out->bsize = out->frsize = FS0_PAGE_SIZE;
	out->namemax = FS0_NAME_MAX;
	out->fsid = mount->dev;
	if (mount->ops->statvfs) {
		mount->ops->statvfs((struct fs0_mount *)mount, out);
		return;
	}
	if (mount->read_only) {
		out->flags = FS0_ST_RDONLY;
		out->blocks = tree_pages(mount->root);
		out->files = vnode_live_count();
		return;
	}
	uint64_t limit = fs0_space_limit / FS0_PAGE_SIZE;
	uint64_t used = fs0_data_bytes / FS0_PAGE_SIZE;
	out->blocks = limit;
	out->bfree = out->bavail = limit > used ? limit - used : 0;
	out->ffree = out->bfree;
	out->files = vnode_live_count() + out->ffree;
}

int fs_statvfs(fs0_task_t task_id, int dirfd, const char *path, struct fs0_vfs_info *out)
{
	struct fs0_vnode *vnode;
	int error = at_resolve(task_id, dirfd, path, true, &vnode);
	if (error)
		return error;
	fill(vnode, out);
	vnode_put(vnode);
	return 0;
}

int fs_fstatvfs(fs0_task_t task_id, int fd, struct fs0_vfs_info *out)
{
	int error = 0;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	fill(file->vnode, out);
	return 0;
}

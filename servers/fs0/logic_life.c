/* logic_life.c - the server's life: the root file system, the boot file system
 * mount, shutdown, and the accounting the tests audit. */
#include <server/counted_alloc.h>
#include "bootfs.h"
#include "fdtable.h"
#include "locks.h"
#include "file.h"
#include "logic_mm.h"
#include "pipe.h"
#include "poll.h"
#include "ramfs.h"
#include "space.h"
#include "vfs.h"
#include "vnode.h"

int fs_init(const struct fs0_reply_ops *reply_ops)
{
	if (!reply_ops || !reply_ops->complete)
		return -FS0_EINVAL;
	if (vfs_root())
		return -FS0_EBUSY;
	struct fs0_mount *mount;
	int error = vfs_mount(NULL, false, &ramfs_ops, &mount);
	if (error)
		return error;
	fs0_replies = reply_ops;
	return 0;
}

int fs_mount_bootfs(const char *dir_path, const void *archive, size_t archive_size)
{
	if (!vfs_root())
		return -FS0_EINVAL;
	if (!archive || archive_size == 0)
		return -FS0_EINVAL;
	struct fs0_vnode *covered;
	int error = vfs_resolve(vfs_root(), dir_path, true, &covered);
	if (error)
		return error;
	struct fs0_mount *mount;
	error = vfs_mount(covered, true, &bootfs_ops, &mount);
	vnode_put(covered);
	if (error)
		return error;
	error = bootfs_fill(mount->root, archive, archive_size);
	if (error)
		vfs_unmount(mount);
	return error;
}

void fs_shutdown(void)
{
	if (!vfs_root())
		return;
	pipe_cancel_all();
	poll_cancel_all();
	locks_cancel_all();
	task_destroy_all();
	mm_release_all();
	vfs_unmount_all();
	fs0_replies = NULL;
	fs0_space_limit = UINT64_MAX;
}

void fs_set_space_limit(uint64_t bytes)
{
	fs0_space_limit = bytes;
}

void fs_stats(struct fs0_stats *out)
{
	task_counts(&out->tasks, &out->tables, &out->descriptors);
	out->vnodes = vnode_live_count();
	out->files = file_live_count();
	out->pipes = pipe_live_count();
	out->mounts = vfs_mount_count();
	out->handles = mm_handle_count();
	out->pending = pipe_pending_count() + locks_pending_count() + poll_pending_count();
	out->data_bytes = fs0_data_bytes;
	out->allocations = (uint32_t)counted_alloc_live();
}

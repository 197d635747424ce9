/* logic_sync.c - the requests that write a disk's file system back: fsync
 * and fdatasync of a file, sync of every disk. */
#include "fdtable.h"
#include "file.h"
#include "vfs.h"
#include "vnode.h"

int fs_fsync(fs0_task_t task_id, int fd, bool data_only)
{
	int error;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	struct fs0_vnode *vnode = file->vnode;
	return FS0_HOOK(vnode->mount, fsync, vnode, data_only);
}

int fs_sync(void)
{
	return vfs_sync_all();
}

/* logic_sync.c - the requests that write a disk's file system back: fsync
 * and fdatasync of a file, syncfs of the file system a descriptor is on,
 * mm0's fsync of a mapped file (msync(MS_SYNC)), sync of every disk. */
#include "fdtable.h"
#include "file.h"
#include "logic_mm.h"
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

int fs_syncfs(fs0_task_t task_id, int fd)
{
	int error;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	struct fs0_mount *mount = file->vnode->mount;
	return FS0_HOOK(mount, sync, mount);
}

int fs_mm_fsync(uint32_t handle)
{
	struct fs0_vnode *vnode = mm_handle_vnode(handle);
	if (!vnode)
		return -FS0_EBADF;
	return FS0_HOOK(vnode->mount, fsync, vnode, false);
}

int fs_sync(void)
{
	return vfs_sync_all();
}

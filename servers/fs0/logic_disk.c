/* logic_disk.c - a disk's ext2 file system as "/": the mount that replaces
 * the RAM root, and the file systems mounted on it (/boot, /tmp, /dev). */
#include <string.h>
#include "ext2/ext2.h"
#include "bootfs.h"
#include "dir.h"
#include "ext2fs.h"
#include "fdtable.h"
#include "logic_device.h"
#include "ramfs.h"
#include "vfs.h"
#include "vnode.h"

#define TMP_MODE	01777u

/* dir_path on the root, made (as root's, mode) when missing and the root is
 * writable; referenced. */
static int mount_point(const char *name, uint32_t mode, struct fs0_vnode **out)
{
	struct fs0_vnode *root = vfs_root();
	struct fs0_dir_entry *entry = dir_find(root, name, strlen(name));
	if (entry) {
		if (!FS0_S_ISDIR(entry->vnode->mode))
			return -FS0_ENOTDIR;
		*out = entry->vnode;
		vnode_get(*out);
		return 0;
	}
	if (root->mount->read_only)
		return -FS0_EROFS;
	struct fs0_vnode *dir = vnode_alloc(root->mount, FS0_S_IFDIR | mode);
	if (!dir)
		return -FS0_ENOMEM;
	dir->nlink = 2;
	int error = dir_add(root, name, strlen(name), dir);
	if (!error) {
		error = FS0_HOOK(root->mount, create, root, name, strlen(name), dir);
		if (error)
			dir_remove(root, root->last_entry);
	}
	if (error) {
		vnode_drop_link(dir);
		return error;
	}
	vnode_get(dir);
	*out = dir;
	return 0;
}

/* A fresh RAM file system on name; its root gets mode. */
static int mount_ram(const char *name, uint32_t mode, struct fs0_mount **out)
{
	struct fs0_vnode *covered;
	int error = mount_point(name, 0755, &covered);
	if (error)
		return error;
	error = vfs_mount(covered, false, &ramfs_ops, out);
	vnode_put(covered);
	if (!error)
		(*out)->root->mode = FS0_S_IFDIR | mode;
	return error;
}

static int mount_boot(const void *archive, size_t archive_size)
{
	struct fs0_vnode *covered;
	int error = mount_point("boot", 0755, &covered);
	if (error)
		return error;
	vnode_put(covered);
	return fs_mount_bootfs("/boot", archive, archive_size);
}

/* Each of /boot, /tmp and /dev is tried: one that cannot be mounted (a
 * read-only disk without the directory) leaves the others. */
int fs_mount_on_disk(const void *archive, size_t archive_size)
{
	int first_error = archive ? mount_boot(archive, archive_size) : 0;
	struct fs0_mount *tmp, *dev;
	int error = mount_ram("tmp", TMP_MODE, &tmp);
	if (!first_error)
		first_error = error;
	error = mount_ram("dev", 0755, &dev);
	if (!error)
		error = devices_fill(dev->root);
	if (!first_error)
		first_error = error;
	return first_error;
}

int fs_mount_disk_root(struct ext2_fs *fs)
{
	struct fs0_vnode *old_root = vfs_root();
	if (!old_root)
		return -FS0_EINVAL;
	struct fs0_mount *mount;
	int error = vfs_mount(NULL, false, &ext2fs_ops, &mount);
	if (error) {
		(void)ext2_unmount(fs);
		return error;
	}
	error = ext2fs_fill_root(mount, fs);
	if (error) {
		vfs_unmount(mount);
		return error;
	}
	vfs_set_root(mount);
	task_move_cwd(old_root, mount->root);
	return 0;
}

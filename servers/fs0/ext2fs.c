/* ext2fs.c - an ext2 file system as an fs0 mount: the fs0_fs_ops that keep
 * the vnodes and the library (ext2/ext2.h) in step. Directories are read in
 * on first use; every change goes to the library first, then to the vnodes. */
#include <string.h>
#include <server/counted_alloc.h>
#include "ext2/ext2.h"
#include "dir.h"
#include "ext2fs.h"
#include "vnode.h"

#define INO_BUCKETS	256u

/* A mount's state: the library's, and its vnodes by inode number, so an
 * inode with several names (hard links) is one vnode. */
struct ext2fs_mount {
	struct ext2_fs *fs;
	struct fs0_vnode *by_ino[INO_BUCKETS];
};

static struct ext2fs_mount *state_of(const struct fs0_mount *mount)
{
	return mount->fs_data;
}

static struct ext2_fs *fs_of(const struct fs0_vnode *vnode)
{
	return state_of(vnode->mount)->fs;
}

static struct fs0_vnode **bucket_of(const struct fs0_mount *mount, uint32_t ino)
{
	return &state_of(mount)->by_ino[ino % INO_BUCKETS];
}

static struct fs0_vnode *vnode_of_ino(const struct fs0_mount *mount, uint32_t ino)
{
	for (struct fs0_vnode *vnode = *bucket_of(mount, ino); vnode; vnode = vnode->ino_next)
		if (vnode->ino == ino)
			return vnode;
	return NULL;
}

static void remember(struct fs0_vnode *vnode, uint32_t ino)
{
	struct fs0_vnode **bucket = bucket_of(vnode->mount, ino);
	vnode->ino = ino;
	vnode->ino_next = *bucket;
	*bucket = vnode;
}

static void forget_ino(struct fs0_vnode *vnode)
{
	struct fs0_vnode **link = bucket_of(vnode->mount, vnode->ino);
	while (*link && *link != vnode)
		link = &(*link)->ino_next;
	if (*link)
		*link = vnode->ino_next;
	vnode->ino = 0;
}

static void time_from(struct fs0_time *out, int64_t sec, uint32_t nsec)
{
	out->sec = sec;
	out->nsec = nsec;
}

/* The vnode's status from the inode; a link's target is read in whole. */
static int fill_vnode(struct fs0_vnode *vnode, uint32_t ino)
{
	struct ext2_attr attr;
	int error = ext2_getattr(fs_of(vnode), ino, &attr);
	if (error)
		return error;
	vnode->mode = attr.mode;
	vnode->uid = attr.uid;
	vnode->gid = attr.gid;
	vnode->nlink = attr.nlink;
	vnode->size = (int64_t)attr.size;
	time_from(&vnode->atime, attr.atime, attr.atime_nsec);
	time_from(&vnode->mtime, attr.mtime, attr.mtime_nsec);
	time_from(&vnode->ctime, attr.ctime, attr.ctime_nsec);
	vnode->entries_unloaded = FS0_S_ISDIR(attr.mode);
	if (!FS0_S_ISLNK(attr.mode))
		return 0;
	if (attr.size >= FS0_PATH_MAX)
		return -FS0_ENAMETOOLONG;
	vnode->link_target = counted_alloc((size_t)attr.size + 1);
	if (!vnode->link_target)
		return -FS0_ENOMEM;
	long got = ext2_readlink(fs_of(vnode), ino, vnode->link_target, (size_t)attr.size);
	if (got != (long)attr.size)
		return got < 0 ? (int)got : -FS0_EIO;
	vnode->link_target[attr.size] = '\0';
	return 0;
}

/* Another name of an inode read in already is the same vnode. */
static int add_entry(void *arg, const char *name, size_t len, uint32_t ino, uint32_t type)
{
	struct fs0_vnode *dir = arg;
	(void)type;
	struct fs0_vnode *known = vnode_of_ino(dir->mount, ino);
	if (known)
		return FS0_S_ISDIR(known->mode) ? -FS0_EIO : dir_add(dir, name, len, known);
	struct fs0_vnode *child = vnode_alloc(dir->mount, FS0_S_IFREG);
	if (!child)
		return -FS0_ENOMEM;
	int error = fill_vnode(child, ino);
	if (!error)
		error = dir_add(dir, name, len, child);
	if (error) {
		/* Gone from memory only: the inode keeps its names on the disk. */
		child->nlink = 0;
		vnode_drop_link(child);
		return error;
	}
	remember(child, ino);
	return 0;
}

/* dir_add counts the children's ".." and stamps the directory as changed;
 * reading entries in changes nothing, so both go back to what the disk says. */
static int ext2fs_load_dir(struct fs0_vnode *dir)
{
	uint32_t nlink = dir->nlink;
	struct fs0_time mtime = dir->mtime, ctime = dir->ctime;
	bool atime_due = dir->atime_due;
	int error = ext2_iterate(fs_of(dir), dir->ino, add_entry, dir);
	if (error)
		dir_destroy_tree(dir);
	dir->nlink = nlink;
	dir->mtime = mtime;
	dir->ctime = ctime;
	dir->atime_due = atime_due;
	return error;
}

static void attr_from(const struct fs0_vnode *vnode, struct ext2_attr *out)
{
	memset(out, 0, sizeof(*out));
	out->mode = vnode->mode;
	out->uid = vnode->uid;
	out->gid = vnode->gid;
	out->atime = vnode->atime.sec;
	out->atime_nsec = vnode->atime.nsec;
	out->mtime = vnode->mtime.sec;
	out->mtime_nsec = vnode->mtime.nsec;
	out->ctime = vnode->ctime.sec;
	out->ctime_nsec = vnode->ctime.nsec;
}

static int ext2fs_setattr(struct fs0_vnode *vnode)
{
	struct ext2_attr attr;
	attr_from(vnode, &attr);
	return ext2_setattr(fs_of(vnode), vnode->ino,
			    EXT2_SET_MODE | EXT2_SET_UID | EXT2_SET_GID | EXT2_SET_ATIME |
			    EXT2_SET_MTIME | EXT2_SET_CTIME, &attr);
}

/* A change of the data: mtime and ctime, as ramfs stamps them. */
static int stamp_data(struct fs0_vnode *vnode)
{
	vnode_touch_data(vnode);
	struct ext2_attr attr;
	attr_from(vnode, &attr);
	return ext2_setattr(fs_of(vnode), vnode->ino, EXT2_SET_MTIME | EXT2_SET_CTIME, &attr);
}

/* atime stays in the vnode: a read never writes to the disk. */
static long ext2fs_read(struct fs0_vnode *vnode, void *buf, size_t len, int64_t offset)
{
	vnode_touch_read(vnode);
	return ext2_read(fs_of(vnode), vnode->ino, buf, len, (uint64_t)offset);
}

static long ext2fs_write(struct fs0_vnode *vnode, const void *buf, size_t len, int64_t offset)
{
	if (len == 0)
		return 0;
	if (offset >= FS0_FILE_SIZE_MAX)
		return -FS0_EFBIG;
	if ((int64_t)len > FS0_FILE_SIZE_MAX - offset)
		len = (size_t)(FS0_FILE_SIZE_MAX - offset);
	long put = ext2_write(fs_of(vnode), vnode->ino, buf, len, (uint64_t)offset);
	if (put <= 0)
		return put;
	if (offset + put > vnode->size)
		vnode->size = offset + put;
	/* The bytes are written: a failure to stamp the times does not undo that. */
	(void)stamp_data(vnode);
	return put;
}

static int ext2fs_truncate(struct fs0_vnode *vnode, int64_t size)
{
	if (size > FS0_FILE_SIZE_MAX)
		return -FS0_EFBIG;
	int error = ext2_truncate(fs_of(vnode), vnode->ino, (uint64_t)size);
	if (error)
		return error;
	vnode->size = size;
	return stamp_data(vnode);
}

static int ext2fs_create(struct fs0_vnode *dir, const char *name, size_t len, struct fs0_vnode *vnode)
{
	struct ext2_fs *fs = fs_of(dir);
	uint32_t ino;
	int error = FS0_S_ISLNK(vnode->mode)
		? ext2_symlink(fs, dir->ino, name, len, vnode->link_target, (size_t)vnode->size,
			       vnode->uid, vnode->gid, &ino)
		: ext2_create(fs, dir->ino, name, len, vnode->mode, vnode->uid, vnode->gid, 0, &ino);
	if (error)
		return error;
	remember(vnode, ino);
	/* The vnode's times, so stat says the same before and after a remount;
	 * the file is made whether or not they reach the inode. */
	(void)ext2fs_setattr(vnode);
	return 0;
}

static int ext2fs_link(struct fs0_vnode *dir, const char *name, size_t len, struct fs0_vnode *vnode)
{
	return ext2_link(fs_of(dir), dir->ino, name, len, vnode->ino);
}

static int ext2fs_unlink(struct fs0_vnode *dir, const char *name, size_t len, struct fs0_vnode *vnode)
{
	if (FS0_S_ISDIR(vnode->mode))
		return ext2_rmdir(fs_of(dir), dir->ino, name, len);
	return ext2_unlink(fs_of(dir), dir->ino, name, len);
}

static int ext2fs_rename(struct fs0_vnode *from_dir, const char *from, size_t from_len,
			 struct fs0_vnode *to_dir, const char *to, size_t to_len)
{
	return ext2_rename(fs_of(from_dir), from_dir->ino, from, from_len, to_dir->ino, to, to_len);
}

static int ext2fs_fsync(struct fs0_vnode *vnode, bool data_only)
{
	return ext2_fsync(fs_of(vnode), vnode->ino, data_only);
}

static int ext2fs_sync(struct fs0_mount *mount)
{
	return ext2_sync(state_of(mount)->fs);
}

static void ext2fs_statvfs(struct fs0_mount *mount, struct fs0_vfs_info *out)
{
	struct ext2_statfs figures;
	ext2_statfs(state_of(mount)->fs, &figures);
	out->bsize = out->frsize = figures.block_size;
	out->blocks = figures.blocks;
	out->bfree = figures.blocks_free;
	out->bavail = figures.blocks_avail;
	out->files = figures.inodes;
	out->ffree = figures.inodes_free;
	out->namemax = figures.name_max;
	out->flags = mount->read_only ? FS0_ST_RDONLY : 0;
}

/* The last reference of an inode whose last name went: its blocks go now.
 * An unmount drops every vnode's links in memory only; the library frees
 * nothing whose inode still has links on the disk. */
static void ext2fs_forget(struct fs0_vnode *vnode)
{
	if (!vnode->ino)
		return;
	if (!vnode->mount->read_only)
		(void)ext2_release(fs_of(vnode), vnode->ino);
	forget_ino(vnode);
}

static void ext2fs_unmount(struct fs0_mount *mount)
{
	if (!mount->fs_data)
		return;
	/* power_off synced just before: what could fail here is only the
	 * superblock's clean mark, and the next mount then says so. */
	(void)ext2_unmount(state_of(mount)->fs);
	counted_free(mount->fs_data);
	mount->fs_data = NULL;
}

const struct fs0_fs_ops ext2fs_ops = {
	.read = ext2fs_read,
	.write = ext2fs_write,
	.truncate = ext2fs_truncate,
	.load_dir = ext2fs_load_dir,
	.create = ext2fs_create,
	.link = ext2fs_link,
	.unlink = ext2fs_unlink,
	.rename = ext2fs_rename,
	.setattr = ext2fs_setattr,
	.fsync = ext2fs_fsync,
	.sync = ext2fs_sync,
	.statvfs = ext2fs_statvfs,
	.forget = ext2fs_forget,
	.unmount = ext2fs_unmount,
};

int ext2fs_fill_root(struct fs0_mount *mount, struct ext2_fs *fs)
{
	struct ext2fs_mount *state = counted_alloc(sizeof(*state));
	if (!state) {
		(void)ext2_unmount(fs);
		return -FS0_ENOMEM;
	}
	memset(state, 0, sizeof(*state));
	state->fs = fs;
	mount->fs_data = state;
	mount->read_only = ext2_read_only(fs);
	int error = fill_vnode(mount->root, EXT2_ROOT_INO);
	if (!error && !FS0_S_ISDIR(mount->root->mode))
		error = -FS0_EINVAL;
	if (!error)
		remember(mount->root, EXT2_ROOT_INO);
	return error;
}

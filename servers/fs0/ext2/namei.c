/* namei.c - the calls that change names: create, symlink, link, unlink,
 * rmdir, rename; readlink; and release, which frees an inode whose last
 * name is gone once nobody holds it (at unmount at the latest). */
#include <errno.h>

#include <server/counted_alloc.h>

#include "alloc.h"
#include "bmap.h"
#include "cache.h"
#include "dir.h"
#include "file.h"
#include "inode.h"
#include "namei.h"

#define EXT2_XATTR_MAGIC	0xEA020000u
#define XATTR_REFCOUNT		4

static int check_name(const char *name, size_t len)
{
	if (!len)
		return -ENOENT;
	if (len > 255)
		return -ENAMETOOLONG;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return -EINVAL;
	if (memchr(name, '/', len) || memchr(name, '\0', len))
		return -EINVAL;
	return 0;
}

static int load_dir(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *dir)
{
	int err = ext2_inode_load(fs, ino, dir);
	if (err)
		return err;
	if (!EXT2_IS_DIR(dir->mode))
		return -ENOTDIR;
	return dir->links ? 0 : -ENOENT;
}

/* Where a name may be created: a live directory without that name; room
 * is where its entry goes (ext2_dir_add), found by the same walk. */
static int prepare_create(struct ext2_fs *fs, uint32_t dir_ino, const char *name, size_t len,
			  struct ext2_inode *dir, struct ext2_dir_room *room)
{
	if (fs->read_only)
		return -EROFS;
	int err = check_name(name, len);
	if (!err)
		err = load_dir(fs, dir_ino, dir);
	if (err)
		return err;
	uint32_t existing;
	err = ext2_dir_find_room(fs, dir, name, len, &existing, room);
	if (!err)
		return -EEXIST;
	return err == -ENOENT ? 0 : err;
}

/* Does the inode keep block numbers in i_block (not a device number or a
 * fast symlink's target)? */
static bool has_block_map(const struct ext2_fs *fs, const struct ext2_inode *in)
{
	return EXT2_IS_REG(in->mode) || EXT2_IS_DIR(in->mode) ||
	       (EXT2_IS_LNK(in->mode) && !ext2_inode_fast_symlink(fs, in));
}

static int release_xattr(struct ext2_fs *fs, struct ext2_inode *in)
{
	uint32_t block = in->file_acl;
	in->file_acl = 0;
	if (!ext2_block_valid(fs, block))
		return -EUCLEAN;
	struct ext2_cblock *cb;
	int err = ext2_cache_get(fs, block, KIND_META, 0, &cb);
	if (err)
		return err;
	uint32_t refs = ext2_get32(cb->data, XATTR_REFCOUNT);
	bool shared = ext2_get32(cb->data, 0) == EXT2_XATTR_MAGIC && refs > 1;
	if (shared) {
		ext2_put32(cb->data, XATTR_REFCOUNT, refs - 1);
		ext2_cache_mark_dirty(cb);
	}
	ext2_cache_put(fs, cb);
	if (!shared)
		err = ext2_free_block(fs, block);
	if (!err && in->blocks512 >= fs->sectors_per_block)
		in->blocks512 -= fs->sectors_per_block;
	return err;
}

/* Frees the blocks and the inode itself. */
static int discard_inode(struct ext2_fs *fs, struct ext2_inode *in)
{
	int err = has_block_map(fs, in) ? ext2_bmap_truncate(fs, in, 0) : 0;
	if (in->file_acl) {
		int xattr_err = release_xattr(fs, in);
		if (!err)
			err = xattr_err;
	}
	in->size = 0;
	in->links = 0;
	in->dtime = (uint32_t)ext2_fs_now(fs);
	if (!in->dtime)
		in->dtime = 1;	/* a zero dtime would read as "in use" */
	int store_err = ext2_inode_store(fs, in);
	int free_err = ext2_free_inode(fs, in->ino, EXT2_IS_DIR(in->mode));
	return err ? err : store_err ? store_err : free_err;
}

static int orphan_add(struct ext2_fs *fs, uint32_t ino)
{
	if (fs->orphan_count == fs->orphan_cap) {
		size_t cap = fs->orphan_cap ? fs->orphan_cap * 2 : 16;
		uint32_t *grown = counted_realloc_array(fs->orphans, cap, sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		fs->orphans = grown;
		fs->orphan_cap = cap;
	}
	fs->orphans[fs->orphan_count++] = ino;
	return 0;
}

static void orphan_remove(struct ext2_fs *fs, uint32_t ino)
{
	for (size_t i = 0; i < fs->orphan_count; i++) {
		if (fs->orphans[i] == ino) {
			fs->orphans[i] = fs->orphans[--fs->orphan_count];
			return;
		}
	}
}

int ext2_orphans_release(struct ext2_fs *fs)
{
	int first_err = 0;
	while (fs->orphan_count) {
		uint32_t ino = fs->orphans[fs->orphan_count - 1];
		int err = ext2_release(fs, ino);
		orphan_remove(fs, ino);
		if (err && !first_err)
			first_err = err;
	}
	return first_err;
}

int ext2_release(struct ext2_fs *fs, uint32_t ino)
{
	if (fs->read_only)
		return 0;
	struct ext2_inode in;
	int err = ext2_inode_load(fs, ino, &in);
	if (err || in.links || in.dtime)
		return err;
	orphan_remove(fs, ino);
	return discard_inode(fs, &in);
}

static void set_rdev(struct ext2_inode *in, uint32_t rdev)
{
	uint32_t major = (rdev >> 8) & 0xfffu, minor = (rdev & 0xffu) | ((rdev >> 12) & 0xfff00u);
	/* The old 16-bit form when it fits, as Linux writes it. */
	if (major < 256 && minor < 256)
		in->block[0] = major << 8 | minor;
	else
		in->block[1] = rdev;
}

/* Names a fresh inode in dir; on failure the inode is given back. */
static int name_new_inode(struct ext2_fs *fs, struct ext2_inode *dir, const char *name,
			  size_t len, const struct ext2_dir_room *room, struct ext2_inode *in,
			  uint32_t *ino)
{
	int err = ext2_inode_store(fs, in);
	if (!err)
		err = ext2_dir_add(fs, dir, name, len, in->ino, in->mode, room);
	if (err) {
		discard_inode(fs, in);
		return err;
	}
	*ino = in->ino;
	return 0;
}

int ext2_create(struct ext2_fs *fs, uint32_t dir_ino, const char *name, size_t len,
		uint32_t mode, uint32_t uid, uint32_t gid, uint32_t rdev, uint32_t *ino)
{
	uint32_t type = EXT2_TYPE(mode);
	bool is_dir = type == 0040000u;
	if (type != 0100000u && !is_dir && type != 0020000u && type != 0060000u &&
	    type != 0010000u && type != 0140000u)
		return -EINVAL;
	struct ext2_inode dir;
	struct ext2_dir_room room;
	int err = prepare_create(fs, dir_ino, name, len, &dir, &room);
	if (err)
		return err;
	if (is_dir && dir.links >= EXT2_LINK_MAX)
		return -EMLINK;
	uint32_t new_ino;
	err = ext2_alloc_inode(fs, dir_ino, is_dir, &new_ino);
	if (err)
		return err;
	struct ext2_inode in;
	ext2_inode_init(fs, &in, new_ino, type | (mode & 07777u), uid, gid);
	in.links = is_dir ? 2 : 1;
	if (type == 0020000u || type == 0060000u)
		set_rdev(&in, rdev);
	if (is_dir) {
		err = ext2_dir_init(fs, &in, dir_ino);
		if (err) {
			discard_inode(fs, &in);
			return err;
		}
	}
	err = name_new_inode(fs, &dir, name, len, &room, &in, ino);
	if (err || !is_dir)
		return err;
	dir.links++;
	return ext2_inode_store(fs, &dir);
}

int ext2_symlink(struct ext2_fs *fs, uint32_t dir_ino, const char *name, size_t len,
		 const char *target, size_t target_len, uint32_t uid, uint32_t gid, uint32_t *ino)
{
	if (!target_len)
		return -ENOENT;
	if (target_len >= fs->block_size)
		return -ENAMETOOLONG;
	struct ext2_inode dir;
	struct ext2_dir_room room;
	int err = prepare_create(fs, dir_ino, name, len, &dir, &room);
	if (err)
		return err;
	uint32_t new_ino;
	err = ext2_alloc_inode(fs, dir_ino, false, &new_ino);
	if (err)
		return err;
	struct ext2_inode in;
	ext2_inode_init(fs, &in, new_ino, 0120777u, uid, gid);
	in.links = 1;
	if (target_len < EXT2_FAST_LINK_MAX) {
		memcpy(in.block, target, target_len);
		in.size = target_len;
	} else {
		long wrote = ext2_file_write(fs, &in, target, target_len, 0, KIND_DIR);
		if (wrote != (long)target_len) {
			discard_inode(fs, &in);
			return wrote < 0 ? (int)wrote : -ENOSPC;
		}
	}
	return name_new_inode(fs, &dir, name, len, &room, &in, ino);
}

long ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, size_t size)
{
	struct ext2_inode in;
	int err = ext2_inode_load(fs, ino, &in);
	if (err)
		return err;
	if (!EXT2_IS_LNK(in.mode))
		return -EINVAL;
	if (in.size >= fs->block_size)
		return -EUCLEAN;
	size_t copy = size < in.size ? size : (size_t)in.size;
	if (ext2_inode_fast_symlink(fs, &in)) {
		memcpy(buf, in.block, copy);
	} else {
		long got = ext2_file_read(fs, &in, buf, copy, 0);
		if (got < 0)
			return got;
		if ((size_t)got != copy)
			return -EUCLEAN;
	}
	return (long)in.size;
}

int ext2_link(struct ext2_fs *fs, uint32_t dir_ino, const char *name, size_t len, uint32_t ino)
{
	struct ext2_inode dir, in;
	struct ext2_dir_room room;
	int err = prepare_create(fs, dir_ino, name, len, &dir, &room);
	if (!err)
		err = ext2_inode_load(fs, ino, &in);
	if (err)
		return err;
	if (EXT2_IS_DIR(in.mode))
		return -EPERM;
	if (!in.links)
		return -ENOENT;
	if (in.links >= EXT2_LINK_MAX)
		return -EMLINK;
	err = ext2_dir_add(fs, &dir, name, len, ino, in.mode, &room);
	if (err)
		return err;
	in.links++;
	ext2_inode_touch(fs, &in, false);
	return ext2_inode_store(fs, &in);
}

/* One link fewer; a count of zero waits for ext2_release. */
static int drop_link(struct ext2_fs *fs, struct ext2_inode *in, bool all)
{
	if (all || in->links <= 1)
		in->links = 0;
	else
		in->links--;
	ext2_inode_touch(fs, in, false);
	int err = ext2_inode_store(fs, in);
	if (!err && !in->links)
		err = orphan_add(fs, in->ino);
	return err;
}

static int remove_name(struct ext2_fs *fs, uint32_t dir_ino, const char *name, size_t len,
		       bool want_dir)
{
	if (fs->read_only)
		return -EROFS;
	if (want_dir && len == 2 && name[0] == '.' && name[1] == '.')
		return -ENOTEMPTY;
	int err = check_name(name, len);
	struct ext2_inode dir, victim;
	uint32_t ino;
	if (!err)
		err = load_dir(fs, dir_ino, &dir);
	if (!err)
		err = ext2_dir_find(fs, &dir, name, len, &ino, NULL);
	if (!err)
		err = ext2_inode_load(fs, ino, &victim);
	if (err)
		return err;
	if (want_dir && !EXT2_IS_DIR(victim.mode))
		return -ENOTDIR;
	if (!want_dir && EXT2_IS_DIR(victim.mode))
		return -EISDIR;
	if (want_dir) {
		int empty = ext2_dir_is_empty(fs, &victim);
		if (empty <= 0)
			return empty ? empty : -ENOTEMPTY;
	}
	err = ext2_dir_remove(fs, &dir, name, len);
	if (err)
		return err;
	if (want_dir && dir.links > 2) {
		dir.links--;
		err = ext2_inode_store(fs, &dir);
	}
	int drop_err = drop_link(fs, &victim, want_dir);
	return err ? err : drop_err;
}

int ext2_unlink(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len)
{
	return remove_name(fs, dir, name, len, false);
}

int ext2_rmdir(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len)
{
	return remove_name(fs, dir, name, len, true);
}

/* -EINVAL if moving directory moved under new_dir would put it inside
 * itself: walks up from new_dir by "..". */
static int check_not_inside(struct ext2_fs *fs, uint32_t moved, uint32_t new_dir)
{
	uint32_t cur = new_dir;
	for (uint32_t steps = 0; steps < fs->inodes_count; steps++) {
		if (cur == moved)
			return -EINVAL;
		if (cur == EXT2_ROOT_INO)
			return 0;
		struct ext2_inode dir;
		int err = load_dir(fs, cur, &dir);
		if (!err)
			err = ext2_dir_get_parent(fs, &dir, &cur);
		if (err)
			return err;
	}
	return -EUCLEAN;
}

/* Points new_name at the moved inode, replacing what it named. */
static int replace_target(struct ext2_fs *fs, struct ext2_inode *new_dir, const char *name,
			  size_t len, const struct ext2_inode *moved, uint32_t target_ino)
{
	struct ext2_inode target;
	int err = ext2_inode_load(fs, target_ino, &target);
	if (err)
		return err;
	if (EXT2_IS_DIR(moved->mode)) {
		if (!EXT2_IS_DIR(target.mode))
			return -ENOTDIR;
		int empty = ext2_dir_is_empty(fs, &target);
		if (empty <= 0)
			return empty ? empty : -ENOTEMPTY;
	} else if (EXT2_IS_DIR(target.mode)) {
		return -EISDIR;
	}
	err = ext2_dir_retarget(fs, new_dir, name, len, moved->ino, moved->mode);
	if (err)
		return err;
	if (EXT2_IS_DIR(target.mode) && new_dir->links > 2)
		new_dir->links--;
	return drop_link(fs, &target, EXT2_IS_DIR(target.mode));
}

int ext2_rename(struct ext2_fs *fs, uint32_t old_dir_ino, const char *old_name, size_t old_len,
		uint32_t new_dir_ino, const char *new_name, size_t new_len)
{
	if (fs->read_only)
		return -EROFS;
	int err = check_name(old_name, old_len);
	if (!err)
		err = check_name(new_name, new_len);
	struct ext2_inode dir_a, dir_b, moved;
	struct ext2_inode *old_dir = &dir_a;
	/* One directory, one copy: two would overwrite each other's changes. */
	struct ext2_inode *new_dir = old_dir_ino == new_dir_ino ? &dir_a : &dir_b;
	if (!err)
		err = load_dir(fs, old_dir_ino, old_dir);
	if (!err && new_dir != old_dir)
		err = load_dir(fs, new_dir_ino, new_dir);
	uint32_t moved_ino, target_ino;
	if (!err)
		err = ext2_dir_find(fs, old_dir, old_name, old_len, &moved_ino, NULL);
	if (!err)
		err = ext2_inode_load(fs, moved_ino, &moved);
	if (err)
		return err;
	bool is_dir = EXT2_IS_DIR(moved.mode);
	bool moves_dir = is_dir && new_dir != old_dir;
	if (moves_dir) {
		err = check_not_inside(fs, moved_ino, new_dir_ino);
		if (err)
			return err;
	}
	err = ext2_dir_find(fs, new_dir, new_name, new_len, &target_ino, NULL);
	if (!err) {
		if (target_ino == moved_ino)
			return 0;
		err = replace_target(fs, new_dir, new_name, new_len, &moved, target_ino);
	} else if (err == -ENOENT) {
		if (moves_dir && new_dir->links >= EXT2_LINK_MAX)
			return -EMLINK;
		err = ext2_dir_add(fs, new_dir, new_name, new_len, moved_ino, moved.mode, NULL);
	}
	if (err)
		return err;
	err = ext2_dir_remove(fs, old_dir, old_name, old_len);
	if (!err && moves_dir) {
		err = ext2_dir_set_parent(fs, &moved, new_dir_ino);
		if (old_dir->links > 2)
			old_dir->links--;
		new_dir->links++;
	}
	ext2_inode_touch(fs, &moved, false);
	int store_err = ext2_inode_store(fs, &moved);
	if (!store_err)
		store_err = ext2_inode_store(fs, old_dir);
	if (!store_err && new_dir != old_dir)
		store_err = ext2_inode_store(fs, new_dir);
	return err ? err : store_err;
}

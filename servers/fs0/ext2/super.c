/* super.c - mounting an ext2 file system (checking the superblock and the
 * group descriptors so that later code can trust them), unmounting, sync,
 * fsync with its write order, and statfs. */
#include <errno.h>

#include <server/counted_alloc.h>

#include "alloc.h"
#include "cache.h"
#include "namei.h"
#include "super.h"

static void say(char *why, size_t size, const char *text)
{
	if (!size)
		return;
	size_t len = strlen(text);
	if (len >= size)
		len = size - 1;
	memcpy(why, text, len);
	why[len] = '\0';
}

static int read_super(const struct ext2_dev *dev, uint8_t *sb)
{
	if (dev->sectors < 4)
		return -EINVAL;
	return dev->read(dev->ctx, 2, 2, sb);
}

/* Checks the superblock's numbers and derives the geometry from them. */
static int check_super(struct ext2_fs *fs, char *why, size_t why_size)
{
	const uint8_t *sb = fs->sb;
	if (ext2_get16(sb, SB_MAGIC) != EXT2_MAGIC) {
		say(why, why_size, "ext2: bad magic number: not an ext2 file system");
		return -EINVAL;
	}
	uint32_t rev = ext2_get32(sb, SB_REV_LEVEL);
	if (rev > 1) {
		say(why, why_size, "ext2: unknown revision level");
		return -EINVAL;
	}
	fs->rev0 = rev == 0;
	uint32_t log = ext2_get32(sb, SB_LOG_BLOCK_SIZE);
	if (log > 2) {
		say(why, why_size, "ext2: block size out of range (1 KiB to 4 KiB)");
		return -EINVAL;
	}
	fs->block_size = 1024u << log;
	fs->sectors_per_block = fs->block_size / 512;
	fs->addrs_per_block = fs->block_size / 4;
	fs->block_bits = 10 + log;
	fs->addr_bits = fs->block_bits - 2;
	uint32_t incompat = fs->rev0 ? 0 : ext2_get32(sb, SB_FEATURE_INCOMPAT);
	if (incompat & EXT2_INCOMPAT_RECOVER) {
		say(why, why_size, "ext2: the journal needs recovery (ext3/ext4): not mounted");
		return -EINVAL;
	}
	if (incompat & EXT2_INCOMPAT_EXTENTS) {
		say(why, why_size, "ext2: uses extents (ext4): not supported");
		return -EINVAL;
	}
	if (incompat & ~EXT2_INCOMPAT_FILETYPE) {
		say(why, why_size, "ext2: unknown incompatible feature: not mounted");
		return -EINVAL;
	}
	fs->filetype = incompat & EXT2_INCOMPAT_FILETYPE;
	fs->inode_size = fs->rev0 ? EXT2_GOOD_OLD_INODE_SIZE : ext2_get16(sb, SB_INODE_SIZE);
	fs->first_ino = fs->rev0 ? 11 : ext2_get32(sb, SB_FIRST_INO);
	if (fs->inode_size != 128 && fs->inode_size != 256) {
		say(why, why_size, "ext2: inode size is neither 128 nor 256 bytes");
		return -EINVAL;
	}
	fs->blocks_count = ext2_get32(sb, SB_BLOCKS_COUNT);
	fs->inodes_count = ext2_get32(sb, SB_INODES_COUNT);
	fs->first_data_block = ext2_get32(sb, SB_FIRST_DATA_BLOCK);
	fs->blocks_per_group = ext2_get32(sb, SB_BLOCKS_PER_GROUP);
	fs->inodes_per_group = ext2_get32(sb, SB_INODES_PER_GROUP);
	uint32_t bits = fs->block_size * 8;
	if (fs->first_data_block != (fs->block_size == 1024 ? 1u : 0u) ||
	    fs->blocks_per_group == 0 || fs->blocks_per_group > bits ||
	    fs->inodes_per_group == 0 || fs->inodes_per_group > bits ||
	    fs->blocks_count <= fs->first_data_block + 1) {
		say(why, why_size, "ext2: inconsistent group geometry in the superblock");
		return -EINVAL;
	}
	if ((uint64_t)fs->blocks_count * fs->sectors_per_block > fs->dev.sectors) {
		say(why, why_size, "ext2: the file system is larger than the device");
		return -EINVAL;
	}
	fs->group_count = (fs->blocks_count - fs->first_data_block + fs->blocks_per_group - 1) /
			  fs->blocks_per_group;
	if ((uint64_t)fs->group_count * fs->inodes_per_group != fs->inodes_count ||
	    fs->first_ino < 3 || fs->first_ino >= fs->inodes_count) {
		say(why, why_size, "ext2: inode count inconsistent with the groups");
		return -EINVAL;
	}
	if (ext2_get32(sb, SB_R_BLOCKS_COUNT) > fs->blocks_count) {
		say(why, why_size, "ext2: more reserved blocks than blocks");
		return -EINVAL;
	}
	fs->gdt_blocks = (uint32_t)(((uint64_t)fs->group_count * GD_SIZE + fs->block_size - 1) /
				    fs->block_size);
	fs->inode_table_blocks = (uint32_t)(((uint64_t)fs->inodes_per_group * fs->inode_size +
					     fs->block_size - 1) / fs->block_size);
	if (fs->first_data_block + 1 + fs->gdt_blocks >= fs->blocks_count) {
		say(why, why_size, "ext2: group descriptors extend past the end of the file system");
		return -EINVAL;
	}
	return 0;
}

/* Is [first, first+count) inside the fs and clear of the primary superblock
 * and descriptor table? */
static bool region_ok(const struct ext2_fs *fs, uint32_t first, uint32_t count)
{
	uint32_t table_end = fs->first_data_block + 1 + fs->gdt_blocks;
	return first >= table_end && first < fs->blocks_count &&
	       count <= fs->blocks_count - first;
}

static int load_groups(struct ext2_fs *fs, char *why, size_t why_size)
{
	fs->groups = counted_alloc(fs->group_count * sizeof(*fs->groups));
	if (!fs->groups)
		return -ENOMEM;
	uint32_t per_block = fs->block_size / GD_SIZE;
	for (uint32_t g = 0; g < fs->group_count; g++) {
		struct ext2_cblock *cb;
		int err = ext2_cache_get(fs, fs->first_data_block + 1 + g / per_block, KIND_META, 0, &cb);
		if (err) {
			say(why, why_size, "ext2: cannot read the group descriptors");
			return err;
		}
		const uint8_t *gd = cb->data + (g % per_block) * GD_SIZE;
		struct ext2_group *grp = &fs->groups[g];
		grp->block_bitmap = ext2_get32(gd, GD_BLOCK_BITMAP);
		grp->inode_bitmap = ext2_get32(gd, GD_INODE_BITMAP);
		grp->inode_table = ext2_get32(gd, GD_INODE_TABLE);
		grp->free_blocks = ext2_get16(gd, GD_FREE_BLOCKS);
		grp->free_inodes = ext2_get16(gd, GD_FREE_INODES);
		grp->used_dirs = ext2_get16(gd, GD_USED_DIRS);
		ext2_cache_put(fs, cb);
		uint32_t group_blocks = g + 1 < fs->group_count ? fs->blocks_per_group :
			fs->blocks_count - ext2_group_first_block(fs, g);
		if (!region_ok(fs, grp->block_bitmap, 1) || !region_ok(fs, grp->inode_bitmap, 1) ||
		    grp->block_bitmap == grp->inode_bitmap) {
			say(why, why_size,
			    "ext2: a group's bitmap is outside the device or on the descriptors");
			return -EUCLEAN;
		}
		if (!region_ok(fs, grp->inode_table, fs->inode_table_blocks) ||
		    (grp->block_bitmap >= grp->inode_table &&
		     grp->block_bitmap < grp->inode_table + fs->inode_table_blocks) ||
		    (grp->inode_bitmap >= grp->inode_table &&
		     grp->inode_bitmap < grp->inode_table + fs->inode_table_blocks)) {
			say(why, why_size, "ext2: a group's inode table is out of range");
			return -EUCLEAN;
		}
		if (grp->free_blocks > group_blocks || grp->free_inodes > fs->inodes_per_group ||
		    grp->used_dirs > fs->inodes_per_group - grp->free_inodes) {
			say(why, why_size, "ext2: a group descriptor's counts are out of range");
			return -EUCLEAN;
		}
		fs->free_blocks += grp->free_blocks;
		fs->free_inodes += grp->free_inodes;
	}
	return 0;
}

int ext2_meta_commit(struct ext2_fs *fs)
{
	if (fs->read_only)
		return 0;
	uint32_t per_block = fs->block_size / GD_SIZE;
	for (uint32_t g = 0; g < fs->group_count; g++) {
		struct ext2_group *grp = &fs->groups[g];
		if (!grp->dirty)
			continue;
		struct ext2_cblock *cb;
		int err = ext2_cache_get(fs, fs->first_data_block + 1 + g / per_block, KIND_META, 0, &cb);
		if (err)
			return err;
		uint8_t *gd = cb->data + (g % per_block) * GD_SIZE;
		ext2_put16(gd, GD_FREE_BLOCKS, (uint16_t)grp->free_blocks);
		ext2_put16(gd, GD_FREE_INODES, (uint16_t)grp->free_inodes);
		ext2_put16(gd, GD_USED_DIRS, (uint16_t)grp->used_dirs);
		ext2_cache_mark_dirty(cb);
		ext2_cache_put(fs, cb);
		grp->dirty = false;
	}
	ext2_put32(fs->sb, SB_FREE_BLOCKS, (uint32_t)fs->free_blocks);
	ext2_put32(fs->sb, SB_FREE_INODES, (uint32_t)fs->free_inodes);
	struct ext2_cblock *cb;
	int err = ext2_cache_get(fs, 1024 / fs->block_size, KIND_META, 0, &cb);
	if (err)
		return err;
	uint8_t *where = cb->data + 1024 % fs->block_size;
	if (memcmp(where, fs->sb, sizeof(fs->sb))) {
		memcpy(where, fs->sb, sizeof(fs->sb));
		ext2_cache_mark_dirty(cb);
	}
	ext2_cache_put(fs, cb);
	return 0;
}

static bool any_block(const struct ext2_cblock *cb, const void *arg)
{
	(void)cb;
	(void)arg;
	return true;
}

int ext2_sync(struct ext2_fs *fs)
{
	if (fs->read_only)
		return 0;
	int err = ext2_meta_commit(fs);
	if (!err)
		err = ext2_cache_write_back(fs, any_block, NULL);
	if (!err)
		err = fs->dev.flush(fs->dev.ctx);
	return err;
}

static void free_fs(struct ext2_fs *fs)
{
	ext2_cache_destroy(fs);
	counted_free(fs->groups);
	counted_free(fs->orphans);
	counted_free(fs);
}

/* The superblock written through at once (mount's "not clean" mark). */
static int write_super_now(struct ext2_fs *fs)
{
	int err = ext2_meta_commit(fs);
	if (!err)
		err = ext2_cache_write_back(fs, any_block, NULL);
	if (!err)
		err = fs->dev.flush(fs->dev.ctx);
	return err;
}

int ext2_mount(const struct ext2_dev *dev, uint32_t flags, size_t cache_bytes,
	       struct ext2_fs **out, bool *read_only, char *why, size_t why_size)
{
	say(why, why_size, "");
	struct ext2_fs *fs = counted_alloc(sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	fs->dev = *dev;
	int err = read_super(dev, fs->sb);
	if (err) {
		say(why, why_size, "ext2: cannot read the superblock");
		counted_free(fs);
		return err;
	}
	err = check_super(fs, why, why_size);
	if (!err)
		err = ext2_cache_init(fs, cache_bytes);
	if (err) {
		counted_free(fs);
		return err;
	}
	err = load_groups(fs, why, why_size);
	if (err) {
		free_fs(fs);
		return err;
	}
	fs->read_only = flags & EXT2_MOUNT_READ_ONLY;
	uint16_t state = ext2_get16(fs->sb, SB_STATE);
	fs->mount_state = state;
	uint32_t ro_compat = fs->rev0 ? 0 : ext2_get32(fs->sb, SB_FEATURE_RO_COMPAT);
	if (!fs->read_only && (ro_compat & ~EXT2_RO_COMPAT_KNOWN)) {
		fs->read_only = true;
		say(why, why_size, "ext2: unknown read-only-compatible feature: mounted read-only");
	} else if (!fs->read_only && (state & EXT2_STATE_ERROR)) {
		fs->read_only = !(flags & EXT2_MOUNT_UNCLEAN_OK);
		say(why, why_size, fs->read_only ?
		    "ext2: the file system has errors: mounted read-only (run e2fsck)" :
		    "ext2: the file system has errors (run e2fsck): mounted read-write as asked");
	} else if (!fs->read_only && !(state & EXT2_STATE_VALID)) {
		fs->read_only = !(flags & EXT2_MOUNT_UNCLEAN_OK);
		say(why, why_size, fs->read_only ?
		    "ext2: not cleanly unmounted: mounted read-only (run e2fsck)" :
		    "ext2: not cleanly unmounted (run e2fsck): mounted read-write as asked");
	}
	if (!fs->read_only) {
		int64_t now = ext2_fs_now(fs);
		ext2_put16(fs->sb, SB_STATE, state & (uint16_t)~EXT2_STATE_VALID);
		ext2_put16(fs->sb, SB_MNT_COUNT, (uint16_t)(ext2_get16(fs->sb, SB_MNT_COUNT) + 1));
		ext2_put32(fs->sb, SB_MTIME, (uint32_t)now);
		ext2_put32(fs->sb, SB_WTIME, (uint32_t)now);
		err = write_super_now(fs);
		if (err) {
			say(why, why_size, "ext2: cannot write the superblock");
			free_fs(fs);
			return err;
		}
	}
	*read_only = fs->read_only;
	*out = fs;
	return 0;
}

int ext2_unmount(struct ext2_fs *fs)
{
	int err = 0;
	if (!fs->read_only) {
		err = ext2_orphans_release(fs);
		/* Clean only if it was clean: a forced mount leaves the
		 * need for e2fsck as it found it. */
		ext2_put16(fs->sb, SB_STATE, fs->mount_state);
		ext2_put32(fs->sb, SB_WTIME, (uint32_t)ext2_fs_now(fs));
		int sync_err = ext2_sync(fs);
		if (!err)
			err = sync_err;
	}
	free_fs(fs);
	return err;
}

bool ext2_read_only(const struct ext2_fs *fs)
{
	return fs->read_only;
}

void ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *out)
{
	uint32_t reserved = ext2_get32(fs->sb, SB_R_BLOCKS_COUNT);
	out->block_size = fs->block_size;
	out->blocks = fs->blocks_count;
	out->blocks_free = fs->free_blocks;
	out->blocks_avail = fs->free_blocks > reserved ? fs->free_blocks - reserved : 0;
	out->inodes = fs->inodes_count;
	out->inodes_free = fs->free_inodes;
	out->name_max = 255;
}

struct fsync_pass {
	uint32_t ino;
	enum ext2_kind kind;
};

static bool own_kind(const struct ext2_cblock *cb, const void *arg)
{
	const struct fsync_pass *pass = arg;
	return cb->owner == pass->ino && cb->kind == pass->kind;
}

static bool of_kind(const struct ext2_cblock *cb, const void *arg)
{
	const struct fsync_pass *pass = arg;
	return cb->kind == pass->kind;
}

/* Order for a power cut: what the inode points to is on the disk before
 * the inode that points to it, and the inode before the bitmaps and counts
 * that e2fsck can rebuild anyway. Directory blocks (and every block map)
 * go too, so that the file's name survives with it. data_only is treated
 * like a full fsync. */
int ext2_fsync(struct ext2_fs *fs, uint32_t ino, bool data_only)
{
	(void)data_only;
	if (fs->read_only)
		return 0;
	if (ino < 1 || ino > fs->inodes_count)
		return -EINVAL;
	struct fsync_pass pass = { ino, KIND_DATA };
	int err = ext2_cache_write_back(fs, own_kind, &pass);
	pass.kind = KIND_INDIRECT;
	if (!err)
		err = ext2_cache_write_back(fs, own_kind, &pass);
	if (!err)
		err = ext2_meta_commit(fs);
	static const enum ext2_kind later[] = { KIND_DIR, KIND_INDIRECT, KIND_INODE, KIND_META };
	for (size_t i = 0; !err && i < sizeof(later) / sizeof(later[0]); i++) {
		pass.kind = later[i];
		err = ext2_cache_write_back(fs, of_kind, &pass);
	}
	if (!err)
		err = fs->dev.flush(fs->dev.ctx);
	return err;
}

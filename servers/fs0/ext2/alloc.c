/* alloc.c - block and inode allocation from the groups' bitmaps, keeping the
 * free counts of the descriptors and of the superblock (their sums) equal
 * to the bitmaps. Blocks go near a goal so files stay contiguous; new
 * directories go to the group with the fewest, so trees spread out. */
#include <errno.h>

#include "alloc.h"
#include "cache.h"

uint32_t ext2_group_first_block(const struct ext2_fs *fs, uint32_t group)
{
	return fs->first_data_block + group * fs->blocks_per_group;
}

static uint32_t group_blocks(const struct ext2_fs *fs, uint32_t group)
{
	uint32_t first = ext2_group_first_block(fs, group);
	uint32_t left = fs->blocks_count - first;
	return left < fs->blocks_per_group ? left : fs->blocks_per_group;
}

/* First clear bit in [from, end), or end. */
static uint32_t find_clear(const uint8_t *map, uint32_t from, uint32_t end)
{
	uint32_t bit = from;
	while (bit < end) {
		if (!(bit & 7) && map[bit >> 3] == 0xff) {
			bit += 8;
			continue;
		}
		if (!(map[bit >> 3] & (1u << (bit & 7))))
			return bit;
		bit++;
	}
	return end;
}

/* Blocks a corrupt bitmap might offer that hold the group's own metadata. */
static bool block_is_meta(const struct ext2_fs *fs, const struct ext2_group *grp, uint32_t block)
{
	return block < fs->first_data_block + 1 + fs->gdt_blocks ||
	       block == grp->block_bitmap || block == grp->inode_bitmap ||
	       (block >= grp->inode_table && block < grp->inode_table + fs->inode_table_blocks);
}

static int take_in_group(struct ext2_fs *fs, uint32_t g, uint32_t start, uint32_t *out)
{
	struct ext2_group *grp = &fs->groups[g];
	struct ext2_cblock *cb;
	int err = ext2_cache_get(fs, grp->block_bitmap, KIND_META, 0, &cb);
	if (err)
		return err;
	uint32_t bits = group_blocks(fs, g);
	uint32_t first = ext2_group_first_block(fs, g);
	uint32_t bit = find_clear(cb->data, start, bits);
	if (bit == bits)
		bit = find_clear(cb->data, 0, start);
	while (bit < bits && block_is_meta(fs, grp, first + bit))
		bit = find_clear(cb->data, bit + 1, bits);
	if (bit >= bits) {
		ext2_cache_put(fs, cb);
		return -ENOSPC;
	}
	cb->data[bit >> 3] |= (uint8_t)(1u << (bit & 7));
	ext2_cache_mark_dirty(cb);
	ext2_cache_put(fs, cb);
	grp->free_blocks--;
	grp->dirty = true;
	fs->free_blocks--;
	*out = first + bit;
	return 0;
}

int ext2_alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *out)
{
	if (!fs->free_blocks)
		return -ENOSPC;
	if (!ext2_block_valid(fs, goal))
		goal = fs->first_data_block;
	uint32_t goal_group = (goal - fs->first_data_block) / fs->blocks_per_group;
	for (uint32_t i = 0; i < fs->group_count; i++) {
		uint32_t g = (goal_group + i) % fs->group_count;
		/* A group whose count says full is skipped even if its bitmap
		 * disagrees: the counts must never go below zero. */
		if (!fs->groups[g].free_blocks)
			continue;
		uint32_t start = i == 0 ? goal - ext2_group_first_block(fs, g) : 0;
		int err = take_in_group(fs, g, start, out);
		if (err != -ENOSPC)
			return err;
	}
	return -ENOSPC;
}

/* Clears bit in the bitmap at block bitmap; a bit already clear (a double
 * free) means the fs is damaged. */
static int bitmap_clear(struct ext2_fs *fs, uint32_t bitmap, uint32_t bit)
{
	struct ext2_cblock *cb;
	int err = ext2_cache_get(fs, bitmap, KIND_META, 0, &cb);
	if (err)
		return err;
	uint8_t mask = (uint8_t)(1u << (bit & 7));
	if (!(cb->data[bit >> 3] & mask)) {
		ext2_cache_put(fs, cb);
		return -EUCLEAN;
	}
	cb->data[bit >> 3] &= (uint8_t)~mask;
	ext2_cache_mark_dirty(cb);
	ext2_cache_put(fs, cb);
	return 0;
}

int ext2_free_block(struct ext2_fs *fs, uint32_t block)
{
	if (!ext2_block_valid(fs, block))
		return -EUCLEAN;
	uint32_t g = (block - fs->first_data_block) / fs->blocks_per_group;
	uint32_t bit = block - ext2_group_first_block(fs, g);
	struct ext2_group *grp = &fs->groups[g];
	if (block_is_meta(fs, grp, block))
		return -EUCLEAN;
	int err = bitmap_clear(fs, grp->block_bitmap, bit);
	if (err)
		return err;
	grp->free_blocks++;
	grp->dirty = true;
	fs->free_blocks++;
	ext2_cache_forget(fs, block);
	return 0;
}

/* A new directory's group: among those with free inodes and at least the
 * average of free blocks, the one with the fewest directories. */
static uint32_t dir_group(const struct ext2_fs *fs, uint32_t parent_group)
{
	uint64_t avg_free = fs->free_blocks / fs->group_count;
	uint32_t best = fs->group_count;
	for (uint32_t i = 0; i < fs->group_count; i++) {
		uint32_t g = (parent_group + i) % fs->group_count;
		const struct ext2_group *grp = &fs->groups[g];
		if (!grp->free_inodes || grp->free_blocks < avg_free)
			continue;
		if (best == fs->group_count || grp->used_dirs < fs->groups[best].used_dirs)
			best = g;
	}
	return best == fs->group_count ? parent_group : best;
}

static int take_inode(struct ext2_fs *fs, uint32_t g, bool is_dir, uint32_t *out)
{
	struct ext2_group *grp = &fs->groups[g];
	struct ext2_cblock *cb;
	int err = ext2_cache_get(fs, grp->inode_bitmap, KIND_META, 0, &cb);
	if (err)
		return err;
	uint32_t base = g * fs->inodes_per_group;
	uint32_t start = base + 1 < fs->first_ino ? fs->first_ino - 1 - base : 0;
	uint32_t bit = start < fs->inodes_per_group ?
		find_clear(cb->data, start, fs->inodes_per_group) : fs->inodes_per_group;
	if (bit == fs->inodes_per_group) {
		ext2_cache_put(fs, cb);
		return -ENOSPC;
	}
	cb->data[bit >> 3] |= (uint8_t)(1u << (bit & 7));
	ext2_cache_mark_dirty(cb);
	ext2_cache_put(fs, cb);
	grp->free_inodes--;
	if (is_dir)
		grp->used_dirs++;
	grp->dirty = true;
	fs->free_inodes--;
	*out = base + bit + 1;
	return 0;
}

int ext2_alloc_inode(struct ext2_fs *fs, uint32_t parent, bool is_dir, uint32_t *out)
{
	if (!fs->free_inodes)
		return -ENOSPC;
	uint32_t parent_group = (parent - 1) / fs->inodes_per_group;
	uint32_t first = is_dir ? dir_group(fs, parent_group) : parent_group;
	/* Two rounds: first groups that still have blocks, then any. */
	for (int round = 0; round < 2; round++) {
		for (uint32_t i = 0; i < fs->group_count; i++) {
			uint32_t g = (first + i) % fs->group_count;
			const struct ext2_group *grp = &fs->groups[g];
			if (!grp->free_inodes || (round == 0 && !grp->free_blocks))
				continue;
			int err = take_inode(fs, g, is_dir, out);
			if (err != -ENOSPC)
				return err;
		}
	}
	return -ENOSPC;
}

int ext2_free_inode(struct ext2_fs *fs, uint32_t ino, bool is_dir)
{
	if (ino < 1 || ino > fs->inodes_count)
		return -EUCLEAN;
	uint32_t g = (ino - 1) / fs->inodes_per_group;
	uint32_t bit = (ino - 1) % fs->inodes_per_group;
	struct ext2_group *grp = &fs->groups[g];
	int err = bitmap_clear(fs, grp->inode_bitmap, bit);
	if (err)
		return err;
	grp->free_inodes++;
	if (is_dir && grp->used_dirs)
		grp->used_dirs--;
	grp->dirty = true;
	fs->free_inodes++;
	return 0;
}

/* bmap.c - a file's block map: twelve direct blocks, then single, double
 * and triple indirect blocks; finding, allocating (near the previous
 * block) and freeing past a new end, with i_blocks counting maps too. */
#include <errno.h>

#include "alloc.h"
#include "bmap.h"
#include "cache.h"

uint64_t ext2_bmap_max_blocks(const struct ext2_fs *fs)
{
	uint64_t apb = fs->addrs_per_block;
	return EXT2_NDIR + apb + apb * apb + apb * apb * apb;
}

/* Splits a logical block into the slot of i_block it starts from, the
 * depth of indirection under it, and the index at each depth. */
static int map_path(const struct ext2_fs *fs, uint64_t logical, int *slot, int *depth,
		    uint32_t index[3])
{
	uint64_t apb = fs->addrs_per_block;
	if (logical < EXT2_NDIR) {
		*slot = (int)logical;
		*depth = 0;
		return 0;
	}
	logical -= EXT2_NDIR;
	uint64_t span = apb;
	for (int level = 1; level <= 3; level++) {
		if (logical < span) {
			*slot = EXT2_NDIR + level - 1;
			*depth = level;
			for (int d = level - 1; d >= 0; d--) {
				index[d] = (uint32_t)logical & (fs->addrs_per_block - 1);
				logical >>= fs->addr_bits;
			}
			return 0;
		}
		logical -= span;
		span *= apb;
	}
	return -EFBIG;
}

static uint32_t inode_goal(const struct ext2_fs *fs, const struct ext2_inode *in)
{
	return ext2_group_first_block(fs, (in->ino - 1) / fs->inodes_per_group);
}

/* Allocates the next block a walk needs: right after the file's previous
 * logical block (found once per walk, *goal 0 until then), else at the start
 * of its inode's group; each later block of the walk follows the last. */
static int alloc_for(struct ext2_fs *fs, struct ext2_inode *in, uint64_t logical, uint32_t *goal,
		     uint32_t *out)
{
	if (in->blocks512 > UINT32_MAX - fs->sectors_per_block)
		return -EFBIG;
	if (!*goal) {
		uint32_t previous = 0;
		if (logical > 0 && ext2_bmap(fs, in, logical - 1, false, &previous) < 0)
			previous = 0;
		*goal = previous ? previous + 1 : inode_goal(fs, in);
	}
	int err = ext2_alloc_block(fs, *goal, out);
	if (err)
		return err;
	in->blocks512 += fs->sectors_per_block;
	*goal = *out + 1;
	return 0;
}

/* Returns 1 when create allocated the data block (its content is not yet
 * zeroed), 0 otherwise. */
int ext2_bmap(struct ext2_fs *fs, struct ext2_inode *in, uint64_t logical, bool create,
	      uint32_t *physical)
{
	int slot, depth;
	uint32_t index[3];
	int err = map_path(fs, logical, &slot, &depth, index);
	if (err)
		return err;
	uint32_t ptr = in->block[slot];
	uint32_t goal = 0;
	if (ptr && !ext2_block_valid(fs, ptr))
		return -EUCLEAN;
	if (!ptr) {
		if (!create) {
			*physical = 0;
			return 0;
		}
		err = alloc_for(fs, in, logical, &goal, &ptr);
		if (err)
			return err;
		in->block[slot] = ptr;
		if (depth == 0) {
			*physical = ptr;
			return 1;
		}
		struct ext2_cblock *cb;
		err = ext2_cache_get_zeroed(fs, ptr, KIND_INDIRECT, in->ino, &cb);
		if (err)
			return err;
		ext2_cache_put(fs, cb);
	}
	for (int d = 0; d < depth; d++) {
		struct ext2_cblock *cb;
		err = ext2_cache_get(fs, ptr, KIND_INDIRECT, in->ino, &cb);
		if (err)
			return err;
		uint32_t next = ext2_get32(cb->data, 4 * index[d]);
		if (next && !ext2_block_valid(fs, next)) {
			ext2_cache_put(fs, cb);
			return -EUCLEAN;
		}
		bool fresh = false;
		if (!next) {
			if (!create) {
				ext2_cache_put(fs, cb);
				*physical = 0;
				return 0;
			}
			err = alloc_for(fs, in, logical, &goal, &next);
			if (err) {
				ext2_cache_put(fs, cb);
				return err;
			}
			ext2_put32(cb->data, 4 * index[d], next);
			ext2_cache_mark_dirty(cb);
			fresh = true;
		}
		ext2_cache_put(fs, cb);
		if (fresh && d + 1 < depth) {
			struct ext2_cblock *map;
			err = ext2_cache_get_zeroed(fs, next, KIND_INDIRECT, in->ino, &map);
			if (err)
				return err;
			ext2_cache_put(fs, map);
		}
		ptr = next;
		if (fresh && d + 1 == depth) {
			*physical = ptr;
			return 1;
		}
	}
	*physical = ptr;
	return 0;
}

static void release_one(struct ext2_fs *fs, struct ext2_inode *in, uint32_t block, int *first_err)
{
	int err = ext2_free_block(fs, block);
	if (!err && in->blocks512 >= fs->sectors_per_block)
		in->blocks512 -= fs->sectors_per_block;
	if (err && !*first_err)
		*first_err = err;
}

/* Frees a whole subtree of the given depth (0: a data block). */
static void free_tree(struct ext2_fs *fs, struct ext2_inode *in, uint32_t block, int depth,
		      int *first_err)
{
	if (!ext2_block_valid(fs, block)) {
		if (!*first_err)
			*first_err = -EUCLEAN;
		return;
	}
	if (depth > 0) {
		struct ext2_cblock *cb;
		int err = ext2_cache_get(fs, block, KIND_INDIRECT, in->ino, &cb);
		if (err) {
			if (!*first_err)
				*first_err = err;
			return;
		}
		for (uint32_t i = 0; i < fs->addrs_per_block; i++) {
			uint32_t child = ext2_get32(cb->data, 4 * i);
			if (child)
				free_tree(fs, in, child, depth - 1, first_err);
		}
		ext2_cache_put(fs, cb);
	}
	release_one(fs, in, block, first_err);
}

static uint64_t span_of(const struct ext2_fs *fs, int depth)
{
	uint64_t span = 1;
	for (int d = 0; d < depth; d++)
		span *= fs->addrs_per_block;
	return span;
}

/* Frees what lies at or past logical block first in the subtree at *slot,
 * which starts at logical block base; the map block goes too when it
 * ends up empty. */
static void trunc_tree(struct ext2_fs *fs, struct ext2_inode *in, uint32_t *slot, int depth,
		       uint64_t base, uint64_t first, int *first_err)
{
	if (!*slot || base + span_of(fs, depth) <= first)
		return;
	if (base >= first) {
		free_tree(fs, in, *slot, depth, first_err);
		*slot = 0;
		return;
	}
	struct ext2_cblock *cb;
	int err = ext2_block_valid(fs, *slot) ?
		ext2_cache_get(fs, *slot, KIND_INDIRECT, in->ino, &cb) : -EUCLEAN;
	if (err) {
		if (!*first_err)
			*first_err = err;
		return;
	}
	uint64_t child_span = span_of(fs, depth - 1);
	bool empty = true;
	for (uint32_t i = 0; i < fs->addrs_per_block; i++) {
		uint32_t child = ext2_get32(cb->data, 4 * i);
		uint32_t before = child;
		trunc_tree(fs, in, &child, depth - 1, base + i * child_span, first, first_err);
		if (child != before) {
			ext2_put32(cb->data, 4 * i, child);
			ext2_cache_mark_dirty(cb);
		}
		if (child)
			empty = false;
	}
	ext2_cache_put(fs, cb);
	if (empty) {
		release_one(fs, in, *slot, first_err);
		*slot = 0;
	}
}

int ext2_bmap_truncate(struct ext2_fs *fs, struct ext2_inode *in, uint64_t first)
{
	int first_err = 0;
	for (uint64_t i = first; i < EXT2_NDIR; i++) {
		if (in->block[i]) {
			if (ext2_block_valid(fs, in->block[i]))
				release_one(fs, in, in->block[i], &first_err);
			else if (!first_err)
				first_err = -EUCLEAN;
			in->block[i] = 0;
		}
	}
	uint64_t base = EXT2_NDIR;
	for (int depth = 1; depth <= 3; depth++) {
		trunc_tree(fs, in, &in->block[EXT2_NDIR + depth - 1], depth, base, first, &first_err);
		base += span_of(fs, depth);
	}
	return first_err;
}

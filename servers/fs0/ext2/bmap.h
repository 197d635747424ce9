/* bmap.h - block maps (bmap.c): logical to physical blocks, allocating and
 * freeing. */
#ifndef FS0_EXT2_BMAP_H
#define FS0_EXT2_BMAP_H

#include "ext2_local.h"

/* Physical block of a file's logical block; 0 for a hole unless create. */
int ext2_bmap(struct ext2_fs *fs, struct ext2_inode *in, uint64_t logical, bool create,
	      uint32_t *physical);
/* Frees every block at or past logical block first (maps that empty too). */
int ext2_bmap_truncate(struct ext2_fs *fs, struct ext2_inode *in, uint64_t first);
uint64_t ext2_bmap_max_blocks(const struct ext2_fs *fs);

#endif

/* alloc.h - block and inode allocation (alloc.c). */
#ifndef FS0_EXT2_ALLOC_H
#define FS0_EXT2_ALLOC_H

#include "ext2_local.h"

int ext2_alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *out);
int ext2_free_block(struct ext2_fs *fs, uint32_t block);
int ext2_alloc_inode(struct ext2_fs *fs, uint32_t parent, bool is_dir, uint32_t *out);
int ext2_free_inode(struct ext2_fs *fs, uint32_t ino, bool is_dir);
uint32_t ext2_group_first_block(const struct ext2_fs *fs, uint32_t group);

#endif

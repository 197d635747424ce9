/* inode.h - inodes between the tables and memory (inode.c). */
#ifndef FS0_EXT2_INODE_H
#define FS0_EXT2_INODE_H

#include "ext2_local.h"

int ext2_inode_load(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *out);
int ext2_inode_store(struct ext2_fs *fs, struct ext2_inode *in);
/* A zeroed inode with the given mode, times "now", ready for ext2_inode_store. */
void ext2_inode_init(struct ext2_fs *fs, struct ext2_inode *in, uint32_t ino, uint32_t mode,
		     uint32_t uid, uint32_t gid);
void ext2_inode_touch(struct ext2_fs *fs, struct ext2_inode *in, bool mtime);
bool ext2_inode_fast_symlink(const struct ext2_fs *fs, const struct ext2_inode *in);

#endif

/* dir.h - directory entries (dir.c). */
#ifndef FS0_EXT2_DIR_H
#define FS0_EXT2_DIR_H

#include "ext2_local.h"

int ext2_dir_find(struct ext2_fs *fs, struct ext2_inode *dir, const char *name, size_t len,
		  uint32_t *ino, uint32_t *type);
int ext2_dir_add(struct ext2_fs *fs, struct ext2_inode *dir, const char *name, size_t len,
		 uint32_t ino, uint32_t mode);
int ext2_dir_remove(struct ext2_fs *fs, struct ext2_inode *dir, const char *name, size_t len);
/* Points an existing entry at another inode. */
int ext2_dir_retarget(struct ext2_fs *fs, struct ext2_inode *dir, const char *name, size_t len,
		      uint32_t ino, uint32_t mode);
/* 1 if only "." and ".." are left, 0 if not, or a negative error. */
int ext2_dir_is_empty(struct ext2_fs *fs, struct ext2_inode *dir);
/* A new directory's first block with "." and "..". */
int ext2_dir_init(struct ext2_fs *fs, struct ext2_inode *dir, uint32_t parent);
int ext2_dir_set_parent(struct ext2_fs *fs, struct ext2_inode *dir, uint32_t parent);
int ext2_dir_get_parent(struct ext2_fs *fs, struct ext2_inode *dir, uint32_t *parent);

#endif

/* dir.h - directory entries (dir.c). */
#ifndef FS0_EXT2_DIR_H
#define FS0_EXT2_DIR_H

#include "ext2_local.h"

int ext2_dir_find(struct ext2_fs *fs, struct ext2_inode *dir, const char *name, size_t len,
		  uint32_t *ino, uint32_t *type);
/* Where a new entry of a name's length fits, as the search for that name
 * saw it: the first entry (block logical of the directory, offset off)
 * whose slack takes it, if found. Good until the directory next changes. */
struct ext2_dir_room {
	bool found;
	uint64_t logical;
	uint32_t off;
};
/* As ext2_dir_find; when the name is not there (-ENOENT) room says where
 * ext2_dir_add may put it without walking the directory again. */
int ext2_dir_find_room(struct ext2_fs *fs, struct ext2_inode *dir, const char *name,
		       size_t len, uint32_t *ino, struct ext2_dir_room *room);
/* Adds the name at room (from ext2_dir_find_room, with no change to the
 * directory since) when it still fits there; else, or with room NULL, in
 * the first entry with slack enough or a new block. */
int ext2_dir_add(struct ext2_fs *fs, struct ext2_inode *dir, const char *name, size_t len,
		 uint32_t ino, uint32_t mode, const struct ext2_dir_room *room);
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

/* file.h - file contents by inode (file.c), for regular files and slow
 * symlinks. */
#ifndef FS0_EXT2_FILE_H
#define FS0_EXT2_FILE_H

#include "ext2_local.h"

long ext2_file_read(struct ext2_fs *fs, struct ext2_inode *in, void *buf, size_t len,
		    uint64_t offset);
long ext2_file_write(struct ext2_fs *fs, struct ext2_inode *in, const void *buf, size_t len,
		     uint64_t offset, enum ext2_kind kind);

#endif

/* super.h - what super.c offers the other files: writing the in-memory
 * superblock and descriptors into the cache. */
#ifndef FS0_EXT2_SUPER_H
#define FS0_EXT2_SUPER_H

#include "ext2_local.h"

/* Copies the in-memory superblock and changed descriptors into the cache. */
int ext2_meta_commit(struct ext2_fs *fs);

#endif

/* namei.h - the unlinked inodes that wait for release (namei.c). */
#ifndef FS0_EXT2_NAMEI_H
#define FS0_EXT2_NAMEI_H

#include "ext2_local.h"

int ext2_orphans_release(struct ext2_fs *fs);

#endif

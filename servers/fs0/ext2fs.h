/* ext2fs.h - an ext2 file system as an fs0 mount (ext2fs.c). */
#ifndef FS0_EXT2FS_H
#define FS0_EXT2FS_H

#include "vnode.h"

struct ext2_fs;

extern const struct fs0_fs_ops ext2fs_ops;

/* Gives a new mount of ext2fs_ops the library's fs (taken over, also on
 * error: the unmount frees it) and reads its root in. */
int ext2fs_fill_root(struct fs0_mount *mount, struct ext2_fs *fs);

#endif

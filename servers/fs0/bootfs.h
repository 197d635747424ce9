/* bootfs.h - the read-only boot file system (bootfs.c): its ops and the
 * filling of a mounted root from a cpio archive. */
#ifndef FS0_BOOTFS_H
#define FS0_BOOTFS_H

#include <stddef.h>
#include "vnode.h"

extern const struct fs0_fs_ops bootfs_ops;
int bootfs_fill(struct fs0_vnode *root, const void *archive, size_t archive_size);

#endif

/* ramfs.h - the writable in-memory file system's ops (ramfs.c). */
#ifndef FS0_RAMFS_H
#define FS0_RAMFS_H

#include "vnode.h"

extern const struct fs0_fs_ops ramfs_ops;

#endif

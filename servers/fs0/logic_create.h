/* logic_create.h - making a new name in a directory (logic_create.c), shared
 * by open, mkdir, symlink and mknod. */
#ifndef FS0_LOGIC_CREATE_H
#define FS0_LOGIC_CREATE_H

#include <stdint.h>

struct fs0_lookup;
struct fs0_task;
struct fs0_vnode;

/* Makes a vnode of mode (type and permission bits) called lookup->name in
 * lookup->parent, owned by task's user; *out is referenced. A symbolic
 * link's target (counted_alloc'd, NUL-terminated; NULL for other types) is
 * taken over, also on error. -FS0_EROFS, -FS0_EACCES (no write or search
 * permission in the directory), -FS0_ENOMEM, or the disk's error. */
int create_child(struct fs0_task *task, struct fs0_lookup *lookup, uint32_t mode, char *link_target,
		 struct fs0_vnode **out);

#endif

/* vfs.h - mounts and path lookup (vfs.c). */
#ifndef FS0_VFS_H
#define FS0_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fs0_fs_ops;
struct fs0_mount;
struct fs0_vnode;

struct fs0_lookup {
	struct fs0_vnode *parent;	/* referenced */
	struct fs0_vnode *vnode;	/* referenced, or NULL if the last name is absent */
	const char *name;		/* last component, inside the caller's path */
	size_t name_len;		/* 0 when the path names "/" or ends in . or .. */
};

int vfs_mount(struct fs0_vnode *covered, bool read_only, const struct fs0_fs_ops *ops,
	      struct fs0_mount **out);
void vfs_set_root(struct fs0_mount *mount);
int vfs_sync_all(void);
void vfs_unmount(struct fs0_mount *mount);
void vfs_unmount_all(void);
struct fs0_vnode *vfs_parent(struct fs0_vnode *dir);
struct fs0_vnode *vfs_root(void);
uint32_t vfs_mount_count(void);
int vfs_lookup(struct fs0_vnode *base, const char *path, bool follow, struct fs0_lookup *out);
void vfs_lookup_done(struct fs0_lookup *lookup);
int vfs_resolve(struct fs0_vnode *base, const char *path, bool follow, struct fs0_vnode **out);
bool vfs_is_ancestor(const struct fs0_vnode *ancestor, const struct fs0_vnode *vnode);
int vfs_path_of(struct fs0_vnode *dir, char *buf, size_t size);

#endif

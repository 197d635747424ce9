/* vfs.c - mounts and path lookup: absolute and relative paths, "." and "..",
 * crossing into mounted roots and back out of them. */
#include <string.h>
#include <server/counted_alloc.h>
#include "vfs.h"
#include "dir.h"
#include "vnode.h"

static struct fs0_mount *mounts;	/* newest first; the root mount is last */
static struct fs0_mount *root_mount;
static uint32_t next_dev = 1;

struct fs0_vnode *vfs_root(void)
{
	return root_mount ? root_mount->root : NULL;
}

uint32_t vfs_mount_count(void)
{
	uint32_t count = 0;
	for (struct fs0_mount *mount = mounts; mount; mount = mount->next)
		count++;
	return count;
}

/* Mounts an empty file system on covered (NULL: as the root). A mounted
 * root cannot be covered again: mounts do not stack. */
int vfs_mount(struct fs0_vnode *covered, bool read_only, const struct fs0_fs_ops *ops,
	      struct fs0_mount **out)
{
	if (covered && !FS0_S_ISDIR(covered->mode))
		return -FS0_ENOTDIR;
	if (covered && (covered == covered->mount->root || covered->covered_by))
		return -FS0_EBUSY;
	struct fs0_mount *mount = counted_alloc(sizeof(*mount));
	if (!mount)
		return -FS0_ENOMEM;
	mount->root = vnode_alloc(mount, FS0_S_IFDIR | (read_only ? 0555 : 0755));
	if (!mount->root) {
		counted_free(mount);
		return -FS0_ENOMEM;
	}
	mount->root->nlink = 2;
	vnode_get(mount->root);
	mount->dev = next_dev++;
	mount->read_only = read_only;
	mount->ops = ops;
	if (covered) {
		mount->covered = covered;
		vnode_get(covered);
		covered->covered_by = mount;
	} else {
		root_mount = mount;
	}
	mount->next = mounts;
	mounts = mount;
	*out = mount;
	return 0;
}

/* Only when no task, file or handle refers into the mount any more. */
void vfs_unmount(struct fs0_mount *mount)
{
	struct fs0_mount **link = &mounts;
	while (*link != mount)
		link = &(*link)->next;
	*link = mount->next;
	if (mount == root_mount)
		root_mount = NULL;
	if (mount->covered) {
		mount->covered->covered_by = NULL;
		vnode_put(mount->covered);
	}
	dir_destroy_tree(mount->root);
	mount->root->nlink = 0;
	vnode_put(mount->root);
	counted_free(mount);
}

void vfs_unmount_all(void)
{
	while (mounts)
		vfs_unmount(mounts);
}

static struct fs0_vnode *follow_mounts(struct fs0_vnode *vnode)
{
	while (vnode->covered_by)
		vnode = vnode->covered_by->root;
	return vnode;
}

/* The directory ".." names, leaving mounted roots through what they cover. */
struct fs0_vnode *vfs_parent(struct fs0_vnode *dir)
{
	while (dir->mount && dir == dir->mount->root && dir->mount->covered)
		dir = dir->mount->covered;
	return dir->parent ? dir->parent : dir;
}

/* Moves *cur (referenced) to the component name; *cur stays on error. */
static int step(struct fs0_vnode **cur, const char *name, size_t len)
{
	struct fs0_vnode *dir = *cur;
	if (!FS0_S_ISDIR(dir->mode))
		return -FS0_ENOTDIR;
	if (dir->nlink == 0)
		return -FS0_ENOENT;
	struct fs0_vnode *next;
	if (len == 1 && name[0] == '.') {
		next = dir;
	} else if (len == 2 && name[0] == '.' && name[1] == '.') {
		next = vfs_parent(dir);
	} else {
		struct fs0_dir_entry *entry = dir_find(dir, name, len);
		if (!entry)
			return -FS0_ENOENT;
		next = follow_mounts(entry->vnode);
	}
	vnode_get(next);
	vnode_put(dir);
	*cur = next;
	return 0;
}

static bool is_dot_or_dotdot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

/* Resolves all but the last component; the last is looked up but may be
 * absent (out->vnode NULL) so create, mkdir and rename can use the name.
 * A path ending in "/", "." or ".." has no name to create (name_len 0). */
int vfs_lookup(struct fs0_vnode *cwd, const char *path, struct fs0_lookup *out)
{
	memset(out, 0, sizeof(*out));
	size_t path_len = strnlen(path, FS0_PATH_MAX);
	if (path_len == FS0_PATH_MAX)
		return -FS0_ENAMETOOLONG;
	if (path_len == 0)
		return -FS0_ENOENT;
	struct fs0_vnode *cur = path[0] == '/' ? vfs_root() : cwd;
	vnode_get(cur);

	const char *end = path + path_len;
	const char *name = path;
	int error = 0;
	for (;;) {
		while (name < end && *name == '/')
			name++;
		const char *name_end = name;
		while (name_end < end && *name_end != '/')
			name_end++;
		size_t len = (size_t)(name_end - name);
		if (len > FS0_NAME_MAX) {
			error = -FS0_ENAMETOOLONG;
			break;
		}
		const char *rest = name_end;
		while (rest < end && *rest == '/')
			rest++;
		bool last = rest == end;
		if (last && len > 0 && !is_dot_or_dotdot(name, len)) {
			if (!FS0_S_ISDIR(cur->mode)) {
				error = -FS0_ENOTDIR;
				break;
			}
			if (cur->nlink == 0) {
				error = -FS0_ENOENT;
				break;
			}
			struct fs0_dir_entry *entry = dir_find(cur, name, len);
			out->parent = cur;
			out->name = name;
			out->name_len = len;
			if (entry) {
				out->vnode = follow_mounts(entry->vnode);
				vnode_get(out->vnode);
			}
			return 0;
		}
		if (len > 0) {
			error = step(&cur, name, len);
			if (error)
				break;
		}
		if (last) {
			out->vnode = cur;
			return 0;
		}
		name = rest;
	}
	vnode_put(cur);
	return error;
}

void vfs_lookup_done(struct fs0_lookup *lookup)
{
	if (lookup->parent)
		vnode_put(lookup->parent);
	if (lookup->vnode)
		vnode_put(lookup->vnode);
	lookup->parent = NULL;
	lookup->vnode = NULL;
}

/* Whether the path ends in a slash: then what it names must be a directory. */
static bool has_trailing_slash(const char *path)
{
	size_t len = strnlen(path, FS0_PATH_MAX);
	return len > 0 && path[len - 1] == '/';
}

/* Resolves a path that must exist; returns a referenced vnode. */
int vfs_resolve(struct fs0_vnode *cwd, const char *path, struct fs0_vnode **out)
{
	struct fs0_lookup lookup;
	int error = vfs_lookup(cwd, path, &lookup);
	if (error)
		return error;
	if (!lookup.vnode) {
		vfs_lookup_done(&lookup);
		return -FS0_ENOENT;
	}
	if (has_trailing_slash(path) && !FS0_S_ISDIR(lookup.vnode->mode)) {
		vfs_lookup_done(&lookup);
		return -FS0_ENOTDIR;
	}
	*out = lookup.vnode;
	lookup.vnode = NULL;
	vfs_lookup_done(&lookup);
	return 0;
}

bool vfs_is_ancestor(const struct fs0_vnode *ancestor, const struct fs0_vnode *vnode)
{
	for (;;) {
		if (vnode == ancestor)
			return true;
		struct fs0_vnode *up = vfs_parent((struct fs0_vnode *)vnode);
		if (up == vnode)
			return false;
		vnode = up;
	}
}

/* Writes dir's absolute path; returns its length including the NUL. */
int vfs_path_of(struct fs0_vnode *dir, char *buf, size_t size)
{
	char reversed[FS0_PATH_MAX];
	size_t start = sizeof(reversed) - 1;
	reversed[start] = '\0';
	while (dir != vfs_root()) {
		if (dir->nlink == 0)
			return -FS0_ENOENT;
		if (dir == dir->mount->root) {
			dir = dir->mount->covered;
			continue;
		}
		struct fs0_dir_entry *entry = dir_find_vnode(dir->parent, dir);
		if ((size_t)entry->name_len + 1 > start)
			return -FS0_ENAMETOOLONG;
		start -= entry->name_len;
		memcpy(reversed + start, entry->name, entry->name_len);
		reversed[--start] = '/';
		dir = dir->parent;
	}
	if (start == sizeof(reversed) - 1)
		reversed[--start] = '/';
	size_t length = sizeof(reversed) - start;
	if (length > size)
		return -FS0_ERANGE;
	memcpy(buf, reversed + start, length);
	return (int)length;
}

/* vfs.c - mounts and path lookup: absolute and relative paths, "." and "..",
 * symbolic links (at most FS0_SYMLOOP_MAX per resolution), crossing into
 * mounted roots and back out of them. */
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

/* Mounts an empty file system on covered (NULL: as the root if there is
 * none yet, else covering nothing until vfs_set_root). A mounted
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
	} else if (!root_mount) {
		root_mount = mount;
	}
	mount->next = mounts;
	mounts = mount;
	*out = mount;
	return 0;
}

/* A disk's file system becomes "/"; the root until then stays mounted
 * for the descriptors that still refer into it. */
void vfs_set_root(struct fs0_mount *mount)
{
	root_mount = mount;
}

/* Each mount's sync hook (disks); returns the first error. */
int vfs_sync_all(void)
{
	int first_error = 0;
	for (struct fs0_mount *mount = mounts; mount; mount = mount->next) {
		int error = FS0_HOOK(mount, sync, mount);
		if (!first_error)
			first_error = error;
	}
	return first_error;
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
	if (mount->ops->unmount)
		mount->ops->unmount(mount);
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

static int lookup_from(struct fs0_vnode *base, const char *path, bool follow, uint32_t *links_left,
		       struct fs0_lookup *out);

/* Spends one of the links a resolution may follow: -FS0_ELOOP past SYMLOOP_MAX. */
static int spend_link(uint32_t *links_left)
{
	if (*links_left == 0)
		return -FS0_ELOOP;
	(*links_left)--;
	return 0;
}

/* *cur (referenced), the directory holding link, becomes what the link's
 * target names, which must exist; *cur stays on error. */
static int enter_link(struct fs0_vnode **cur, const struct fs0_vnode *link, uint32_t *links_left)
{
	int error = spend_link(links_left);
	if (error)
		return error;
	struct fs0_lookup target;
	error = lookup_from(*cur, link->link_target, true, links_left, &target);
	if (error)
		return error;
	if (!target.vnode) {
		vfs_lookup_done(&target);
		return -FS0_ENOENT;
	}
	vnode_put(*cur);
	*cur = target.vnode;
	target.vnode = NULL;
	vfs_lookup_done(&target);
	return 0;
}

/* Moves *cur (referenced) to the component name, through a symbolic link
 * if it is one; *cur stays on error. */
static int step(struct fs0_vnode **cur, const char *name, size_t len, uint32_t *links_left)
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
		if (FS0_S_ISLNK(entry->vnode->mode))
			return enter_link(cur, entry->vnode, links_left);
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

/* The last component, name, in cur (referenced; the lookup takes it over).
 * A final link is followed when follow is set (a trailing slash sets it). */
static int lookup_last(struct fs0_vnode *cur, const char *name, size_t len, bool follow,
		       uint32_t *links_left, struct fs0_lookup *out)
{
	if (!FS0_S_ISDIR(cur->mode) || cur->nlink == 0) {
		int error = FS0_S_ISDIR(cur->mode) ? -FS0_ENOENT : -FS0_ENOTDIR;
		vnode_put(cur);
		return error;
	}
	struct fs0_dir_entry *entry = dir_find(cur, name, len);
	if (entry && follow && FS0_S_ISLNK(entry->vnode->mode)) {
		int error = spend_link(links_left);
		if (!error)
			error = lookup_from(cur, entry->vnode->link_target, true, links_left, out);
		vnode_put(cur);
		return error;
	}
	out->parent = cur;
	out->name = name;
	out->name_len = len;
	if (entry) {
		out->vnode = follow_mounts(entry->vnode);
		vnode_get(out->vnode);
	}
	return 0;
}

/* Resolves all but the last component from base (or the root for an
 * absolute path), following every link on the way. */
static int lookup_from(struct fs0_vnode *base, const char *path, bool follow, uint32_t *links_left,
		       struct fs0_lookup *out)
{
	memset(out, 0, sizeof(*out));
	size_t path_len = strnlen(path, FS0_PATH_MAX);
	if (path_len == FS0_PATH_MAX)
		return -FS0_ENAMETOOLONG;
	if (path_len == 0)
		return -FS0_ENOENT;
	struct fs0_vnode *cur = path[0] == '/' ? vfs_root() : base;
	vnode_get(cur);

	const char *end = path + path_len;
	const char *name = path;
	bool slash_at_end = path[path_len - 1] == '/';
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
		if (last && len > 0 && !is_dot_or_dotdot(name, len))
			return lookup_last(cur, name, len, follow || slash_at_end, links_left, out);
		if (len > 0) {
			error = step(&cur, name, len, links_left);
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

/* Resolves all but the last component; the last is looked up but may be
 * absent (out->vnode NULL) so create, mkdir and rename can use the name.
 * A path ending in "/", "." or ".." has no name to create (name_len 0).
 * Links met on the way are followed; a final one only when follow is set
 * (then out names what it points to, or where that would be created). */
int vfs_lookup(struct fs0_vnode *base, const char *path, bool follow, struct fs0_lookup *out)
{
	uint32_t links_left = FS0_SYMLOOP_MAX;
	return lookup_from(base, path, follow, &links_left, out);
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
int vfs_resolve(struct fs0_vnode *base, const char *path, bool follow, struct fs0_vnode **out)
{
	struct fs0_lookup lookup;
	int error = vfs_lookup(base, path, follow, &lookup);
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

/* Writes dir's absolute path; returns its length including the NUL. The
 * names are laid from the end of buf backwards, then moved to its start, so
 * no path-sized buffer sits on fs0's stack. */
int vfs_path_of(struct fs0_vnode *dir, char *buf, size_t size)
{
	if (size == 0)
		return -FS0_ERANGE;
	size_t start = size - 1;
	buf[start] = '\0';
	bool too_long = false;
	while (dir != vfs_root()) {
		if (dir->nlink == 0)
			return -FS0_ENOENT;
		if (dir == dir->mount->root) {
			if (!dir->mount->covered)
				break;	/* a root a disk replaced: only old descriptors reach it */
			dir = dir->mount->covered;
			continue;
		}
		struct fs0_dir_entry *entry = dir_find_vnode(dir->parent, dir);
		if ((size_t)entry->name_len + 1 > start) {
			too_long = true;
			break;
		}
		start -= entry->name_len;
		memcpy(buf + start, entry->name, entry->name_len);
		buf[--start] = '/';
		dir = dir->parent;
	}
	if (!too_long && start == size - 1) {
		if (start == 0)
			too_long = true;
		else
			buf[--start] = '/';
	}
	size_t length = size - start;
	if (too_long)
		return size >= FS0_PATH_MAX ? -FS0_ENAMETOOLONG : -FS0_ERANGE;
	if (length > FS0_PATH_MAX)
		return -FS0_ENAMETOOLONG;
	memmove(buf, buf + start, length);
	return (int)length;
}

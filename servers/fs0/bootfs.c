/* bootfs.c - the read-only boot file system: a directory tree built from a
 * newc cpio archive whose file bytes are read in place. */
#include <string.h>
#include "cpio.h"
#include "bootfs.h"
#include "dir.h"
#include "vnode.h"

static long bootfs_read(struct fs0_vnode *vnode, void *buf, size_t len, int64_t offset)
{
	if (offset >= vnode->size)
		return 0;
	if ((int64_t)len > vnode->size - offset)
		len = (size_t)(vnode->size - offset);
	memcpy(buf, vnode->archive_data + offset, len);
	return (long)len;
}

static void bootfs_release_data(struct fs0_vnode *vnode)
{
	vnode->archive_data = NULL;
}

/* No write or truncate: the VFS refuses them with EROFS first. */
const struct fs0_fs_ops bootfs_ops = {
	.read = bootfs_read,
	.release_data = bootfs_release_data,
};

/* Finds or makes (as a directory) the component name under dir. */
static int step_into(struct fs0_vnode *dir, const char *name, size_t len,
		     struct fs0_vnode **out)
{
	struct fs0_dir_entry *entry = dir_find(dir, name, len);
	if (entry) {
		if (!FS0_S_ISDIR(entry->vnode->mode))
			return -FS0_EINVAL;
		*out = entry->vnode;
		return 0;
	}
	struct fs0_vnode *child = vnode_alloc(dir->mount, FS0_S_IFDIR | 0555);
	if (!child)
		return -FS0_ENOMEM;
	child->nlink = 2;
	int error = dir_add(dir, name, len, child);
	if (error) {
		vnode_drop_link(child);
		return error;
	}
	*out = child;
	return 0;
}

static bool is_dot_name(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

/* Adds one archive entry, making missing parent directories on the way.
 * A directory listed after its contents is accepted; anything else listed
 * twice, or a name with "." or ".." inside, makes the archive invalid. */
static int add_entry(struct fs0_vnode *root, const struct cpio_entry *entry)
{
	const char *name = entry->name;
	const char *end = name + entry->name_len;
	while (name < end && (*name == '/' || (*name == '.' && (name + 1 == end || name[1] == '/'))))
		name++;
	uint32_t type = entry->mode & FS0_S_IFMT;
	if (type != FS0_S_IFREG && type != FS0_S_IFDIR)
		return -FS0_EINVAL;
	if (name == end)
		return type == FS0_S_IFDIR ? 0 : -FS0_EINVAL;	/* the top directory, "." */

	struct fs0_vnode *dir = root;
	for (;;) {
		const char *slash = memchr(name, '/', (size_t)(end - name));
		size_t len = (size_t)((slash ? slash : end) - name);
		if (len == 0 || len > FS0_NAME_MAX || is_dot_name(name, len))
			return -FS0_EINVAL;
		if (slash && slash + 1 < end) {
			int error = step_into(dir, name, len, &dir);
			if (error)
				return error;
			name = slash + 1;
			continue;
		}
		struct fs0_dir_entry *existing = dir_find(dir, name, len);
		if (existing) {
			if (type == FS0_S_IFDIR && FS0_S_ISDIR(existing->vnode->mode))
				return 0;
			return -FS0_EINVAL;
		}
		if (type == FS0_S_IFDIR) {
			struct fs0_vnode *child;
			return step_into(dir, name, len, &child);
		}
		struct fs0_vnode *file = vnode_alloc(root->mount, FS0_S_IFREG | (entry->mode & 0555));
		if (!file)
			return -FS0_ENOMEM;
		file->nlink = 1;
		file->size = entry->size;
		file->archive_data = entry->data;
		int error = dir_add(dir, name, len, file);
		if (error)
			vnode_drop_link(file);
		return error;
	}
}

/* Fills root from the archive; on error root may hold a partial tree,
 * which the caller destroys. */
int bootfs_fill(struct fs0_vnode *root, const void *archive, size_t archive_size)
{
	size_t offset = 0;
	struct cpio_entry entry;
	int status;
	while ((status = cpio_next(archive, archive_size, &offset, &entry)) > 0) {
		int error = add_entry(root, &entry);
		if (error)
			return error;
	}
	return status;
}

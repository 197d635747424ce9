/* dir.c - directory contents shared by every file system here: a list of
 * named entries in creation order, so readdir cookies are list positions. */
#include <string.h>
#include <server/counted_alloc.h>
#include "dir.h"
#include "vnode.h"

int dir_load(struct fs0_vnode *dir)
{
	if (!dir->entries_unloaded)
		return 0;
	int error = dir->mount->ops->load_dir(dir);
	if (!error)
		dir->entries_unloaded = false;
	return error;
}

/* A disk directory that cannot be read in looks empty. */
struct fs0_dir_entry *dir_find(struct fs0_vnode *dir, const char *name, size_t len)
{
	if (dir_load(dir))
		return NULL;
	for (struct fs0_dir_entry *entry = dir->entries; entry; entry = entry->next)
		if (entry->name_len == len && memcmp(entry->name, name, len) == 0)
			return entry;
	return NULL;
}

struct fs0_dir_entry *dir_find_vnode(struct fs0_vnode *dir, const struct fs0_vnode *vnode)
{
	if (dir_load(dir))
		return NULL;
	for (struct fs0_dir_entry *entry = dir->entries; entry; entry = entry->next)
		if (entry->vnode == vnode)
			return entry;
	return NULL;
}

/* Links vnode under name; the caller has checked the name is free. */
int dir_add(struct fs0_vnode *dir, const char *name, size_t len, struct fs0_vnode *vnode)
{
	struct fs0_dir_entry *entry = counted_alloc(sizeof(*entry) + len + 1);
	if (!entry)
		return -FS0_ENOMEM;
	memcpy(entry->name, name, len);
	entry->name[len] = '\0';
	entry->name_len = (uint16_t)len;
	entry->vnode = vnode;
	if (dir->last_entry)
		dir->last_entry->next = entry;
	else
		dir->entries = entry;
	dir->last_entry = entry;
	dir->entry_count++;
	vnode_touch_data(dir);
	if (FS0_S_ISDIR(vnode->mode)) {
		vnode->parent = dir;
		dir->nlink++;
	}
	return 0;
}

/* Unlinks the entry; the vnode's link count is the caller's business. */
void dir_remove(struct fs0_vnode *dir, struct fs0_dir_entry *entry)
{
	struct fs0_dir_entry **link = &dir->entries;
	struct fs0_dir_entry *previous = NULL;
	while (*link != entry) {
		previous = *link;
		link = &(*link)->next;
	}
	*link = entry->next;
	if (dir->last_entry == entry)
		dir->last_entry = previous;
	dir->entry_count--;
	vnode_touch_data(dir);
	if (FS0_S_ISDIR(entry->vnode->mode))
		dir->nlink--;
	counted_free(entry);
}

struct fs0_dir_entry *dir_entry_at(struct fs0_vnode *dir, uint32_t index)
{
	if (dir_load(dir))
		return NULL;
	struct fs0_dir_entry *entry = dir->entries;
	while (entry && index--)
		entry = entry->next;
	return entry;
}

/* Unlinks everything below dir (an unmounted tree); referenced vnodes
 * live on until their last reference goes. */
void dir_destroy_tree(struct fs0_vnode *dir)
{
	while (dir->entries) {
		struct fs0_vnode *child = dir->entries->vnode;
		if (FS0_S_ISDIR(child->mode))
			dir_destroy_tree(child);
		dir_remove(dir, dir->entries);
		vnode_drop_link(child);
	}
}

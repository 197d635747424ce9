/* dir.h - directory contents (dir.c): named entries in creation order. */
#ifndef FS0_DIR_H
#define FS0_DIR_H

#include <stddef.h>
#include <stdint.h>

struct fs0_vnode;

/* One name in a directory. The entry stands for one link (nlink), not a
 * reference: a vnode lives while it has links or references. */
struct fs0_dir_entry {
	struct fs0_dir_entry *next;
	struct fs0_vnode *vnode;
	uint16_t name_len;
	char name[];		/* NUL-terminated */
};

/* A disk directory's entries are read in on first use (the finders do it). */
int dir_load(struct fs0_vnode *dir);
struct fs0_dir_entry *dir_find(struct fs0_vnode *dir, const char *name, size_t len);
struct fs0_dir_entry *dir_find_vnode(struct fs0_vnode *dir, const struct fs0_vnode *vnode);
int dir_add(struct fs0_vnode *dir, const char *name, size_t len, struct fs0_vnode *vnode);
void dir_remove(struct fs0_vnode *dir, struct fs0_dir_entry *entry);
struct fs0_dir_entry *dir_entry_at(struct fs0_vnode *dir, uint32_t index);
void dir_destroy_tree(struct fs0_vnode *dir);

#endif

/* VM objects in the Mach/BSD style: file, devzero, shadow, shm and environment objects. */
#ifndef MM0_VM_OBJECT_H
#define MM0_VM_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem/list.h"

enum vm_object_type {
	VM_OBJ_DEVZERO,		/* the one source of zero pages, never freed */
	VM_OBJ_FILE,		/* a file's page cache, filled by its pager */
	VM_OBJ_SHADOW,		/* private copies of pages of the object it shadows */
	VM_OBJ_SHM,		/* shared memory: zero-filled on first touch, kept */
	VM_OBJ_ENV,		/* a task's argument/environment page */
};

/* The pager's side of file objects (fs0, or a boot module). get_page fills the
 * page at phys with the file's contents at page offset pgoff before it returns:
 * 0 or -errno. */
struct file_pager_ops {
	int (*get_page)(void *ctx, uint32_t file_id, uint32_t pgoff, uint32_t phys);
	int (*put_page)(void *ctx, uint32_t file_id, uint32_t pgoff, uint32_t phys);
	/* Optional: the file object is gone (after its dirty pages went out). */
	void (*release)(void *ctx, uint32_t file_id);
	/* Optional: the pages put so far are on the file's disk, the device
	 * flushed (msync(MS_SYNC)); 0 or -errno. */
	int (*sync)(void *ctx, uint32_t file_id);
	/* Optional: starts filling the page at phys as get_page would and returns
	 * at once (0), page_wait_done telling the end; -errno (-ENOSYS: no
	 * asynchronous reads now) when it cannot (mem/page_wait.h). */
	int (*post_page)(void *ctx, uint32_t file_id, uint32_t pgoff, uint32_t phys);
};

struct vm_page {
	struct vm_page *next;	/* sorted by pgoff */
	uint32_t pgoff;
	uint32_t phys;
	bool dirty;		/* file pages written through a shared mapping */
};

struct vm_object {
	enum vm_object_type type;
	uint32_t id;			/* file id for files */
	uint32_t npages;		/* size; file faults past it are SIGBUS */
	struct vm_page *pages;
	struct vm_page *last;		/* highest pgoff: faults in ascending order cost O(1) */
	struct vm_page *cursor;		/* where the last search stopped; searches in
					 * ascending order (fork, copy-on-write) go on from it */
	uint32_t page_count;
	struct vm_object *backing;	/* the object this one shadows */
	struct list shadowers;		/* objects whose backing is this one */
	struct list shadower_node;	/* our place in backing->shadowers */
	uint32_t shadow_count;		/* length of shadowers */
	struct list links;		/* vm_areas that map this object directly */
	uint32_t link_count;
	uint32_t holds;			/* openers and names */
	const struct file_pager_ops *pager;
	void *pager_ctx;
	uint32_t committed;		/* shm: pages promised for it (mem/commit.h) */
	void *env_data;			/* VM_OBJ_ENV: the page's bytes */
	size_t env_len;
	struct list file_node;		/* in the table of open file objects */
};

int vm_object_init(void);
void vm_object_fini(void);
struct vm_object *vm_devzero(void);
struct vm_object *vm_object_create(enum vm_object_type type, uint32_t npages);
/* A new empty shadow in front of backing. */
struct vm_object *vm_object_shadow(struct vm_object *backing);

struct vm_page *vm_object_page_find(struct vm_object *obj, uint32_t pgoff);
int vm_object_page_insert(struct vm_object *obj, uint32_t pgoff, uint32_t phys,
			  struct vm_page **out);
/* Free obj's pages at page offsets [first, first + count); none may be mapped. */
void vm_object_free_range(struct vm_object *obj, uint32_t first, uint32_t count);
/* Promise pages for a shm object of npages (or give back what it no longer
 * needs) before it takes that size: 0 or -ENOMEM. */
int vm_object_commit_resize(struct vm_object *obj, uint32_t npages);
/* Walk the shadow chain from obj; the page found and its owner, or NULL. */
struct vm_page *vm_object_chain_find(struct vm_object *obj, uint32_t pgoff,
				     struct vm_object **owner);
struct vm_object *vm_object_chain_bottom(struct vm_object *obj);

/* Whether faults may write straight into obj's pages: a shadow nobody else sees. */
bool vm_object_private(const struct vm_object *obj);

void vm_object_hold(struct vm_object *obj);
void vm_object_release(struct vm_object *obj);
/* The one place that decides, from the counts, to merge, delete or keep. */
void vm_object_settle(struct vm_object *obj);

/* File objects, found by fs0's file id; each open adds to the opener count. */
int vm_file_open(uint32_t file_id, uint32_t npages, const struct file_pager_ops *pager,
		 void *pager_ctx, struct vm_object **out);
void vm_file_close(struct vm_object *file);
/* The open file object with that id, or NULL. */
struct vm_object *vm_file_find(uint32_t file_id);

uint32_t vm_object_live(void);

#endif

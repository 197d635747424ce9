/* Address spaces as mm0 sees them: a sorted list of vm areas, each mapping one object. */
#ifndef MM0_VM_AREA_H
#define MM0_VM_AREA_H

#include <stdint.h>

#include "mem/list.h"
#include "mem/vm_object.h"
#include "mm0_local.h"

struct vm_space {
	uint32_t refs;			/* tasks (threads) using this space */
	uint32_t space;			/* kernel name: a thread id living in it */
	struct list areas;		/* struct vm_area, sorted by start */
	uint32_t utcb_used[(MM0_UTCB_SLOTS + 31) / 32];
};

struct vm_area {
	struct list node;		/* in vm->areas */
	struct vm_space *vm;
	uint32_t start, end;		/* byte addresses, page aligned, end exclusive */
	unsigned prot;			/* MM0_PROT_* */
	unsigned flags;			/* MM0_MAP_SHARED or MM0_MAP_PRIVATE */
	uint32_t pgoff;			/* object page mapped at start */
	struct vm_object *obj;		/* the top of the chain; one link */
	struct list obj_node;		/* in obj->links */
};

struct vm_space *vm_space_create(uint32_t space);
void vm_space_get(struct vm_space *vm);
/* Drop a reference; the last one unmaps and unlinks every area. */
void vm_space_put(struct vm_space *vm);

struct vm_area *vma_find(struct vm_space *vm, uint32_t addr);
int vma_insert(struct vm_space *vm, uint32_t start, uint32_t end, unsigned prot,
	       unsigned flags, struct vm_object *obj, uint32_t pgoff, struct vm_area **out);
/* Point area at a different object, dropping its link to the old one. */
void vma_relink(struct vm_area *area, struct vm_object *obj);
/* Cut area at addr; the upper piece into *upper, with its own link. */
int vma_split(struct vm_area *area, uint32_t addr, struct vm_area **upper);
/* Unmap and remove every area part inside [start, end); holes are skipped. */
int vma_unmap_range(struct vm_space *vm, uint32_t start, uint32_t end);
/* Unmap the parts of [start, end) that map obj directly, and only those: what
 * a client put at an address in its own place stays. 0 or -errno. */
int vma_unmap_object(struct vm_space *vm, uint32_t start, uint32_t end,
		     const struct vm_object *obj);
/* Set the protection of every area part inside [start, end). */
int vma_protect_range(struct vm_space *vm, uint32_t start, uint32_t end, unsigned prot);
/* A free, page-aligned range of len bytes: at hint if it fits there, else
 * the first one from hint upwards, else from the bottom. */
int vma_find_free(struct vm_space *vm, uint32_t hint, uint32_t len, uint32_t *addr);

uint32_t vm_area_live(void);

#endif

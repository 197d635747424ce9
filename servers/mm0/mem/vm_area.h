/* Address spaces as mm0 sees them: a sorted list of vm areas, each mapping one object. */
#ifndef MM0_VM_AREA_H
#define MM0_VM_AREA_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/list.h"
#include "mem/vm_object.h"
#include "mm0_local.h"

/* An area flag beside MM0_MAP_SHARED/PRIVATE: the main stack, which a fault
 * just below it extends downwards (Linux's MAP_GROWSDOWN value). */
#define VMA_GROWSDOWN		0x0100u
/* Area records one page of commit pays for (an area, its shadow and the heap's
 * overhead take about 256 bytes). */
#define VMA_AREAS_PER_PAGE	16u
/* The per-process record limit: areas one space may have (docs/mm0.md); at
 * VMA_AREAS_PER_PAGE a full space pays 8 MiB of commit for them. */
#define VMA_AREAS_MAX		32768u
#define VM_NO_LIMIT		UINT32_MAX
/* Commit every space pays for mm0's records of its process. */
#define VM_SPACE_RECORD_PAGES	2u

/* What a space may have, in pages (VM_NO_LIMIT: no limit but the commit's). */
struct vm_limits {
	uint32_t as_pages;		/* RLIMIT_AS: every area */
	uint32_t data_pages;		/* RLIMIT_DATA: private writable areas but the stack */
	uint32_t stack_pages;		/* RLIMIT_STACK: how far the stack may grow */
};

/* What a space has: its records and pages, and its share of the commit. */
struct vm_usage {
	uint32_t areas;
	uint32_t total_pages;
	uint32_t data_pages;
	uint32_t committed;		/* private writable pages and its records' pages */
};

struct vm_space {
	uint32_t refs;			/* tasks (threads) using this space */
	uint32_t space;			/* kernel name: a thread id living in it */
	struct list areas;		/* struct vm_area, sorted by start */
	uint32_t utcb_used[(MM0_UTCB_SLOTS + 31) / 32];
	struct vm_limits limits;
	struct vm_usage usage;
	uint32_t heap_start;		/* the break moves in [heap_start, ...) (0: no heap) */
	uint32_t heap_end;		/* the break: the heap's end, page aligned */
	uint32_t stack_floor;		/* the lowest address the stack may grow to
					 * (a guard page below it stays free) */
	struct vm_area *last_area;	/* the area vma_find_from found or vma_insert
					 * made last, tried before the list walk */
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
	uint32_t ahead_next;		/* fault-ahead (mem/fault.c): where a fault
					 * would continue the last sequential run */
	uint32_t ahead_pages;		/* the pages the last fault made ahead */
};

/* Nothing can be mapped in an area that still links devzero: its first fault
 * gives it a shadow of its own (mem/fault.c), so the kernel calls that would
 * unmap or write-protect its pages are left out. */
static inline bool vma_never_faulted(const struct vm_area *area)
{
	return area->obj->type == VM_OBJ_DEVZERO;
}

struct vm_space *vm_space_create(uint32_t space);
void vm_space_get(struct vm_space *vm);
/* Drop a reference; the last one unmaps and unlinks every area. */
void vm_space_put(struct vm_space *vm);

struct vm_area *vma_find(struct vm_space *vm, uint32_t addr);
/* The area holding addr, else the first one above it, else NULL. */
struct vm_area *vma_find_from(struct vm_space *vm, uint32_t addr);
int vma_insert(struct vm_space *vm, uint32_t start, uint32_t end, unsigned prot,
	       unsigned flags, struct vm_object *obj, uint32_t pgoff, struct vm_area **out);
/* Join area with its neighbours when they map the same anonymous memory
 * seamlessly (same object, or fresh zero-fill beside a private copy of it),
 * so mapping after mapping keeps one record. */
void vma_merge_neighbours(struct vm_area *area);
/* Extend the stack area downwards to cover addr's page: -EFAULT past its
 * floor, its RLIMIT_STACK or the guard page above the area below; -ENOMEM
 * without commit. */
int vma_grow_down(struct vm_area *stack, uint32_t addr);
/* fork: the child's space takes over the parent's usage with one charge
 * (its areas are copies), and vma_insert_copy then adds each copy uncharged.
 * 0 or -ENOMEM. */
int vm_space_charge_copy(struct vm_space *child, const struct vm_space *parent);
int vma_insert_copy(struct vm_space *vm, const struct vm_area *from);
/* Point area at a different object, dropping its link to the old one. */
void vma_relink(struct vm_area *area, struct vm_object *obj);
/* Cut area at addr; the upper piece into *upper, with its own link. */
int vma_split(struct vm_area *area, uint32_t addr, struct vm_area **upper);
/* Unmap area's pages and remove it (its own private copies go with it). */
int vma_remove(struct vm_area *area);
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

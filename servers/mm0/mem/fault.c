/* The fault path: find the area, walk its shadow chain, fill, copy or upgrade, map. */
#include <errno.h>
#include <string.h>

#include "mem/fault.h"
#include "mem/kernel_ops.h"
#include "mem/page_wait.h"
#include "mem/phys.h"
#include "mem/vm_area.h"

/* The thread's fault that vm_fault_parkable resolves now, or NULL: only a
 * thread's own fault may wait for its page without an answer. */
static const struct parked_fault *fault_parkable;

/* Read a file page into the file's cache. A thread's fault waits parked while
 * the pager reads it (-EINPROGRESS) where the pager can do that; everyone
 * else (mm0's own copies, exec, populate) waits for fs0's answer here. */
static int page_in(struct vm_object *file, uint32_t pgoff, struct vm_page **page)
{
	uint32_t phys;
	int err;

	if (fault_parkable) {
		err = page_wait_park(file, pgoff, fault_parkable);
		if (err != -ENOSYS)
			return err;
	}
	err = phys_alloc(&phys);
	if (err)
		return err;
	err = file->pager->get_page(file->pager_ctx, file->id, pgoff, phys);
	if (!err)
		err = vm_object_page_insert(file, pgoff, phys, page);
	else
		err = -EIO;
	if (err)
		phys_free(phys);
	return err;
}

/* A page of obj itself: file pages from the pager, shm pages zero-filled. */
static int fill_cache(struct vm_object *obj, uint32_t pgoff, struct vm_page **page)
{
	uint32_t phys;
	int err;

	if (pgoff >= obj->npages)
		return -ENXIO;
	if (obj->type == VM_OBJ_FILE)
		return page_in(obj, pgoff, page);
	err = phys_alloc(&phys);
	if (err)
		return err;
	phys_page_zero(phys_view(phys));
	err = vm_object_page_insert(obj, pgoff, phys, page);
	if (err)
		phys_free(phys);
	return err;
}

/* A new page in top with a copy of source's contents, or zeros without one. */
static int page_copy_into(struct vm_object *top, uint32_t pgoff, const void *source,
			  size_t length, struct vm_page **page)
{
	uint32_t phys;
	char *view;
	int err = phys_alloc(&phys);

	if (err)
		return err;
	view = phys_view(phys);
	if (length == MM0_PAGE_SIZE) {
		phys_page_copy(view, source);
	} else {
		phys_page_zero(view);
		if (length)
			memcpy(view, source, length);
	}
	err = vm_object_page_insert(top, pgoff, phys, page);
	if (err)
		phys_free(phys);
	return err;
}

/* Give area a shadow of its own before it writes into a shared object. */
static int area_make_private(struct vm_area *area)
{
	struct vm_object *shadow;

	if (vm_object_private(area->obj))
		return 0;
	shadow = vm_object_shadow(area->obj);
	if (!shadow)
		return -ENOMEM;
	vma_relink(area, shadow);
	return 0;
}

static int map_page(struct vm_area *area, uint32_t addr, uint32_t phys, unsigned perms)
{
	return mm0_kernel->map(mm0_kernel_ctx, area->vm->space, phys, addr, 1, perms);
}

/* The most pages one fault makes ahead of itself (32 KiB). */
#define FAULT_AHEAD_MAX	8u

/* A shared area's page at pgoff, made in its object if missing, into *phys,
 * and the permissions to map it with into *perms. */
static inline int shared_page(struct vm_area *area, uint32_t pgoff, unsigned access,
			      uint32_t *phys, unsigned *perms)
{
	struct vm_object *obj = area->obj;
	struct vm_page *page = vm_object_page_find(obj, pgoff);
	int err;

	*perms = area->prot;
	if (!page) {
		err = fill_cache(obj, pgoff, &page);
		if (err)
			return err;
	}
	/* File pages stay read-only until written, so dirty pages are known. */
	if (obj->type == VM_OBJ_FILE) {
		if (access & MM0_PROT_WRITE)
			page->dirty = true;
		if (!page->dirty)
			*perms &= ~MM0_PROT_WRITE;
	}
	*phys = page->phys;
	return 0;
}

static int resolve_shared(struct vm_area *area, uint32_t addr, uint32_t pgoff,
			  unsigned access)
{
	uint32_t phys;
	unsigned perms;
	int err = shared_page(area, pgoff, access, &phys, &perms);

	return err ? err : map_page(area, addr, phys, perms);
}

/* Devzero and environment objects hand their contents to the top object. */
static int produce_private(struct vm_area *area, uint32_t pgoff, struct vm_object *bottom,
			   struct vm_page **page)
{
	int err = area_make_private(area);
	size_t length = 0;

	if (err)
		return err;
	if (bottom->type == VM_OBJ_ENV && pgoff == 0)
		length = bottom->env_len;
	return page_copy_into(area->obj, pgoff, bottom->env_data, length, page);
}

/* The page after a private fault, made in the area's own (private) object as
 * the fault would make it: a copy of a shadowed page, or zeros over devzero.
 * Its physical address, or 0 where a fault would do something else (a page
 * already there, a file, shm or environment page below) or memory is short. */
static uint32_t page_ahead(struct vm_area *area, uint32_t pgoff)
{
	struct vm_object *top = area->obj, *owner;
	struct vm_page *page;

	if (vm_object_page_find(top, pgoff))
		return 0;
	page = vm_object_chain_find(top->backing, pgoff, &owner);
	if (page ? owner->type != VM_OBJ_SHADOW
		 : vm_object_chain_bottom(top)->type != VM_OBJ_DEVZERO)
		return 0;
	if (page_copy_into(top, pgoff, page ? phys_view(page->phys) : NULL,
			   page ? MM0_PAGE_SIZE : 0, &page))
		return 0;
	return page->phys;
}

/* Fault-ahead: a fault that goes on where the area's last one ended (a
 * sequential first touch: a new heap, a buffer, a copy-on-write child
 * writing its data) also makes the following pages of the area, doubling
 * the window from one to FAULT_AHEAD_MAX with each such fault, and maps
 * them with the faulting page, one kernel call per physically contiguous
 * run. Private writable areas have their whole size committed, so the
 * pages made ahead are promised already; what a sequential run that stops
 * leaves unused is at most FAULT_AHEAD_MAX pages, freed with the area. */
static int map_with_ahead(struct vm_area *area, uint32_t addr, uint32_t pgoff,
			  uint32_t phys, unsigned perms)
{
	uint32_t window = 0, made = 0, run_addr = addr, run_phys = phys, run = 1;
	int err = 0;

	if (addr == area->ahead_next && area->ahead_next)
		window = area->ahead_pages ? 2 * area->ahead_pages : 1;
	if (window > FAULT_AHEAD_MAX)
		window = FAULT_AHEAD_MAX;
	if (window > (area->end - addr) / MM0_PAGE_SIZE - 1)
		window = (area->end - addr) / MM0_PAGE_SIZE - 1;
	while (made < window) {
		uint32_t next = page_ahead(area, pgoff + made + 1);

		if (!next)
			break;
		made++;
		if (next == run_phys + run * MM0_PAGE_SIZE) {
			run++;
			continue;
		}
		err = mm0_kernel->map(mm0_kernel_ctx, area->vm->space, run_phys, run_addr, run,
				      perms);
		if (err)
			return err;
		run_addr = addr + made * MM0_PAGE_SIZE;
		run_phys = next;
		run = 1;
	}
	area->ahead_next = addr + (made + 1) * MM0_PAGE_SIZE;
	area->ahead_pages = made;
	return mm0_kernel->map(mm0_kernel_ctx, area->vm->space, run_phys, run_addr, run, perms);
}

static int resolve_private(struct vm_area *area, uint32_t addr, uint32_t pgoff,
			   unsigned access)
{
	struct vm_object *owner;
	struct vm_page *page = vm_object_chain_find(area->obj, pgoff, &owner);
	unsigned perms = area->prot;
	bool produced = false;
	int err;

	if (!page) {
		struct vm_object *bottom = vm_object_chain_bottom(area->obj);

		if (bottom->type == VM_OBJ_FILE || bottom->type == VM_OBJ_SHM) {
			err = fill_cache(bottom, pgoff, &page);
			owner = bottom;
		} else {
			err = produce_private(area, pgoff, bottom, &page);
			owner = area->obj;
			produced = true;
		}
		if (err)
			return err;
	}
	/* produce_private has just made the area's object private: no second test. */
	bool writable = produced || (owner == area->obj && vm_object_private(owner));

	if ((access & MM0_PROT_WRITE) && !writable) {
		struct vm_page *copy;

		err = area_make_private(area);
		if (!err)
			err = page_copy_into(area->obj, pgoff, phys_view(page->phys),
					     MM0_PAGE_SIZE, &copy);
		if (err)
			return err;
		/* The copy is in the area's own object, private now. */
		page = copy;
		writable = true;
	}
	if (!writable) {
		perms &= ~MM0_PROT_WRITE;
		return map_page(area, addr, page->phys, perms);
	}
	return map_with_ahead(area, addr, pgoff, page->phys, perms);
}

int vm_fault(struct vm_space *vm, uint32_t addr, unsigned access)
{
	struct vm_area *area = vma_find_from(vm, addr);
	uint32_t pgoff;

	/* Below the stack, in the room it may grow into, the stack grows; a
	 * growth refused (its limit, the guard page, no commit) is SIGSEGV. */
	if (area && addr < area->start && vma_grow_down(area, addr))
		return -EFAULT;
	addr &= ~MM0_PAGE_MASK;
	if (!area || (access & ~area->prot))
		return -EFAULT;
	pgoff = area->pgoff + (addr - area->start) / MM0_PAGE_SIZE;
	if (area->flags & MM0_MAP_SHARED)
		return resolve_shared(area, addr, pgoff, access);
	return resolve_private(area, addr, pgoff, access);
}

int vm_fault_parkable(struct vm_space *vm, const struct parked_fault *fault)
{
	int err;

	fault_parkable = fault;
	err = vm_fault(vm, fault->addr, fault->access);
	fault_parkable = NULL;
	return err;
}

/* The pages of a shared area from addr to end (inside it), each as its fault
 * would make it, mapped with one kernel call per physically contiguous run
 * of one permission: a buffer in fs0's window is 64 pages, which a call
 * each made cost more than making them. */
static int populate_shared(struct vm_area *area, uint32_t addr, uint32_t end, unsigned access)
{
	uint32_t run_addr = addr, run_phys = 0, run = 0;
	unsigned run_perms = 0;
	int err;

	for (; addr < end; addr += MM0_PAGE_SIZE) {
		uint32_t phys;
		unsigned perms;

		err = shared_page(area, area->pgoff + (addr - area->start) / MM0_PAGE_SIZE, access,
				  &phys, &perms);
		if (err)
			return err;
		if (run && phys == run_phys + run * MM0_PAGE_SIZE && perms == run_perms) {
			run++;
			continue;
		}
		if (run) {
			err = mm0_kernel->map(mm0_kernel_ctx, area->vm->space, run_phys, run_addr,
					      run, run_perms);
			if (err)
				return err;
		}
		run_addr = addr;
		run_phys = phys;
		run_perms = perms;
		run = 1;
	}
	if (!run)
		return 0;
	return mm0_kernel->map(mm0_kernel_ctx, area->vm->space, run_phys, run_addr, run, run_perms);
}

int vm_populate(struct vm_space *vm, uint32_t start, uint32_t end)
{
	uint32_t addr = start & ~MM0_PAGE_MASK;

	while (addr < end) {
		struct vm_area *area = vma_find(vm, addr);
		uint32_t stop;
		unsigned access;
		int err;

		if (!area) {
			addr += MM0_PAGE_SIZE;
			continue;
		}
		/* The area's pages up to the one that holds end's last byte. */
		stop = end - area->start > area->end - area->start ? area->end
				: ((end - 1) & ~MM0_PAGE_MASK) + MM0_PAGE_SIZE;
		if (area->prot & MM0_PROT_WRITE)
			access = MM0_PROT_WRITE;
		else if (area->prot & MM0_PROT_READ)
			access = MM0_PROT_READ;
		else if (area->prot & MM0_PROT_EXEC)
			access = MM0_PROT_EXEC;
		else {
			addr = stop;
			continue;
		}
		if (area->flags & MM0_MAP_SHARED) {
			err = populate_shared(area, addr, stop, access);
			addr = stop;
		} else {
			err = vm_fault(vm, addr, access);
			addr += MM0_PAGE_SIZE;
		}
		if (err)
			return err;
	}
	return 0;
}

/* mmap, munmap, mprotect, msync: validate the request, then work on vm areas. */
#include <errno.h>

#include "mem/kernel_ops.h"
#include "mem/mmap.h"
#include "mem/vm_area.h"
#include "mem/vm_object.h"

#define PROT_ALL (MM0_PROT_READ | MM0_PROT_WRITE | MM0_PROT_EXEC)
#define MAP_KNOWN (MM0_MAP_SHARED | MM0_MAP_PRIVATE | MM0_MAP_FIXED | MM0_MAP_ANONYMOUS)

long mmap_object(struct vm_space *vm, uint32_t addr, uint32_t len, unsigned prot,
		 unsigned flags, struct vm_object *obj, uint32_t pgoff)
{
	bool anonymous = obj->type == VM_OBJ_DEVZERO;
	struct vm_area *area;
	int err;

	if (flags & MM0_MAP_FIXED) {
		err = vma_unmap_range(vm, addr, addr + len);
		if (err)
			return err;
	} else {
		err = vma_find_free(vm, addr, len, &addr);
		if (err)
			return err;
	}
	/* Zero-fill is numbered by address, as Linux does, so neighbouring
	 * anonymous mappings line up and merge into one area. */
	if (anonymous)
		pgoff = addr / MM0_PAGE_SIZE;
	err = vma_insert(vm, addr, addr + len, prot,
			 flags & (MM0_MAP_SHARED | MM0_MAP_PRIVATE | VMA_GROWSDOWN), obj, pgoff, &area);
	if (err)
		return err;
	if (anonymous)
		vma_merge_neighbours(area);
	return (long)addr;
}

long mm0_map_stack(struct vm_space *vm, uint32_t top, uint32_t size, uint32_t room)
{
	vm->stack_floor = top - room;
	return mmap_object(vm, top - size, size, MM0_PROT_READ | MM0_PROT_WRITE,
			   MM0_MAP_PRIVATE | MM0_MAP_FIXED | VMA_GROWSDOWN, vm_devzero(), 0);
}

/* The break: the heap is one area from heap_start that grows and shrinks
 * at its end; growth needs free room above it (the stack's room and guard
 * count as taken), RLIMIT_DATA and commit. */
long mm0_brk(struct vm_space *vm, uint32_t end)
{
	uint32_t new_end = (end + MM0_PAGE_MASK) & ~MM0_PAGE_MASK, free_at;
	long result;

	if (!vm->heap_start)
		return -ENOMEM;
	if (end == 0)
		return vm->heap_end;
	if (end < vm->heap_start || end > MM0_USER_END - MM0_PAGE_SIZE)
		return -ENOMEM;
	if (new_end < vm->heap_end) {
		result = vma_unmap_range(vm, new_end, vm->heap_end);
		if (result)
			return result;
	} else if (new_end > vm->heap_end) {
		if (vma_find_free(vm, vm->heap_end, new_end - vm->heap_end, &free_at) ||
		    free_at != vm->heap_end)
			return -ENOMEM;
		result = mmap_object(vm, vm->heap_end, new_end - vm->heap_end,
				     MM0_PROT_READ | MM0_PROT_WRITE, MM0_MAP_PRIVATE | MM0_MAP_FIXED,
				     vm_devzero(), 0);
		if (result < 0)
			return result;
	}
	vm->heap_end = new_end;
	return new_end;
}

/* A page-rounded length, or 0 when the range cannot be user memory. */
static uint32_t page_length(uint32_t length)
{
	if (length == 0 || length > MM0_USER_END - MM0_USER_MIN)
		return 0;
	return (length + MM0_PAGE_MASK) & ~MM0_PAGE_MASK;
}

static bool range_is_user(uint32_t addr, uint32_t len)
{
	return addr >= MM0_USER_MIN && addr <= MM0_USER_END && len <= MM0_USER_END - addr;
}

long mm0_mmap(struct vm_space *vm, uint32_t addr, uint32_t length, int prot, int flags,
	      struct vm_object *file, uint32_t offset)
{
	unsigned sharing = (unsigned)flags & (MM0_MAP_SHARED | MM0_MAP_PRIVATE);
	uint32_t len = page_length(length), pgoff;
	struct vm_object *obj;
	long result;

	if ((prot & ~PROT_ALL) || (flags & ~MAP_KNOWN) || sharing == 0 ||
	    sharing == (MM0_MAP_SHARED | MM0_MAP_PRIVATE) || length == 0)
		return -EINVAL;
	if (!len)
		return -ENOMEM;
	if ((flags & MM0_MAP_FIXED) && ((addr & MM0_PAGE_MASK) || !range_is_user(addr, len)))
		return -EINVAL;
	if (flags & MM0_MAP_ANONYMOUS) {
		pgoff = 0;
		obj = vm_devzero();
		if (sharing == MM0_MAP_SHARED) {
			obj = vm_object_create(VM_OBJ_SHM, len / MM0_PAGE_SIZE);
			if (!obj)
				return -ENOMEM;
			if (vm_object_commit_resize(obj, len / MM0_PAGE_SIZE)) {
				vm_object_settle(obj);
				return -ENOMEM;
			}
		}
	} else {
		if (!file || (file->type != VM_OBJ_FILE && file->type != VM_OBJ_SHM))
			return -EBADF;
		if (offset & MM0_PAGE_MASK)
			return -EINVAL;
		pgoff = offset / MM0_PAGE_SIZE;
		obj = file;
	}
	result = mmap_object(vm, addr, len, (unsigned)prot, (unsigned)flags, obj, pgoff);
	if (result < 0)
		vm_object_settle(obj);
	return result;
}

long mm0_munmap(struct vm_space *vm, uint32_t addr, uint32_t length)
{
	uint32_t len = page_length(length);

	if ((addr & MM0_PAGE_MASK) || !len || !range_is_user(addr, len))
		return -EINVAL;
	return vma_unmap_range(vm, addr, addr + len);
}

long mm0_mprotect(struct vm_space *vm, uint32_t addr, uint32_t length, int prot)
{
	uint32_t len = page_length(length);

	if ((addr & MM0_PAGE_MASK) || (prot & ~PROT_ALL) || !len || !range_is_user(addr, len))
		return -EINVAL;
	return vma_protect_range(vm, addr, addr + len, (unsigned)prot);
}

/* A page just written back: every shared writable mapping of it loses write,
 * so the next write faults and marks it dirty again. */
static int write_protect_page(struct vm_object *file, uint32_t pgoff)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &file->links) {
		struct vm_area *area = container_of(pos, struct vm_area, obj_node);
		uint32_t pages = (area->end - area->start) / MM0_PAGE_SIZE;
		int err;

		if (!(area->prot & MM0_PROT_WRITE) || pgoff < area->pgoff || pgoff - area->pgoff >= pages)
			continue;
		err = mm0_kernel->protect(mm0_kernel_ctx, area->vm->space,
					  area->start + (pgoff - area->pgoff) * MM0_PAGE_SIZE, 1,
					  area->prot & ~MM0_PROT_WRITE);
		if (err)
			return err;
	}
	return 0;
}

/* A dirty page goes back to the file; a clean one is read again from it, in
 * place, so every mapping shows what write() put in the file meanwhile. A
 * page wholly past the end of a shrunk file keeps its bytes. */
static int sync_page(struct vm_object *file, struct vm_page *page)
{
	int err;

	if (page->dirty) {
		/* fs0 answers the bytes it wrote (those inside the file). */
		if (file->pager->put_page(file->pager_ctx, file->id, page->pgoff, page->phys) < 0)
			return -EIO;
		page->dirty = false;
		return write_protect_page(file, page->pgoff);
	}
	err = file->pager->get_page(file->pager_ctx, file->id, page->pgoff, page->phys);
	return err == 0 || err == -ENXIO ? 0 : -EIO;
}

/* MS_SYNC: once the pages are in the file, the pager puts the file on its
 * disk (fs0's fsync), so msync returns with the data durable. */
static int sync_area(struct vm_area *area, uint32_t start, uint32_t end, int flags)
{
	struct vm_object *file = area->obj;

	if (!(area->flags & MM0_MAP_SHARED) || file->type != VM_OBJ_FILE || !file->pager->put_page)
		return 0;
	for (uint32_t addr = start; addr < end; addr += MM0_PAGE_SIZE) {
		struct vm_page *page = vm_object_page_find(file, area->pgoff +
							   (addr - area->start) / MM0_PAGE_SIZE);
		int err = page ? sync_page(file, page) : 0;

		if (err)
			return err;
	}
	if ((flags & MM0_MS_SYNC) && file->pager->sync && file->pager->sync(file->pager_ctx, file->id) < 0)
		return -EIO;
	return 0;
}

long mm0_msync(struct vm_space *vm, uint32_t addr, uint32_t length, int flags)
{
	uint32_t len = length ? page_length(length) : 0, end, at;
	struct vm_area *area;

	if ((addr & MM0_PAGE_MASK) || (flags & ~MM0_MS_KNOWN) ||
	    ((flags & MM0_MS_SYNC) && (flags & MM0_MS_ASYNC)))
		return -EINVAL;
	if (length && (!len || !range_is_user(addr, len)))
		return -ENOMEM;
	end = addr + len;
	/* Every page of the range must be mapped before anything is written. */
	for (at = addr; at < end; at = area->end) {
		area = vma_find(vm, at);
		if (!area)
			return -ENOMEM;
	}
	for (at = addr; at < end; at = area->end) {
		int err;

		area = vma_find(vm, at);
		err = sync_area(area, at, area->end < end ? area->end : end, flags);
		if (err)
			return err;
	}
	return 0;
}

/* mmap, munmap, mprotect: validate the request, then work on vm areas. */
#include <errno.h>

#include "mmap.h"
#include "task.h"
#include "vm_area.h"

#define PROT_ALL (MM0_PROT_READ | MM0_PROT_WRITE | MM0_PROT_EXEC)
#define MAP_KNOWN (MM0_MAP_SHARED | MM0_MAP_PRIVATE | MM0_MAP_FIXED | MM0_MAP_ANONYMOUS)

long mmap_object(struct vm_space *vm, uint32_t addr, uint32_t len, unsigned prot,
		 unsigned flags, struct vm_object *obj, uint32_t pgoff)
{
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
	err = vma_insert(vm, addr, addr + len, prot, flags & (MM0_MAP_SHARED | MM0_MAP_PRIVATE),
			 obj, pgoff, NULL);
	return err ? err : (long)addr;
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

long mm0_mmap(struct task *task, uint32_t addr, uint32_t length, int prot, int flags,
	      struct vm_object *file, uint32_t offset)
{
	unsigned sharing = (unsigned)flags & (MM0_MAP_SHARED | MM0_MAP_PRIVATE);
	uint32_t len = page_length(length), pgoff;
	struct vm_object *obj;
	long result;

	if (!task || !task->vm)
		return -ESRCH;
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
		}
	} else {
		if (!file || (file->type != VM_OBJ_FILE && file->type != VM_OBJ_SHM))
			return -EBADF;
		if (offset & MM0_PAGE_MASK)
			return -EINVAL;
		pgoff = offset / MM0_PAGE_SIZE;
		obj = file;
	}
	result = mmap_object(task->vm, addr, len, (unsigned)prot, (unsigned)flags, obj, pgoff);
	if (result < 0)
		vm_object_settle(obj);
	return result;
}

long mm0_munmap(struct task *task, uint32_t addr, uint32_t length)
{
	uint32_t len = page_length(length);

	if (!task || !task->vm)
		return -ESRCH;
	if ((addr & MM0_PAGE_MASK) || !len || !range_is_user(addr, len))
		return -EINVAL;
	return vma_unmap_range(task->vm, addr, addr + len);
}

long mm0_mprotect(struct task *task, uint32_t addr, uint32_t length, int prot)
{
	uint32_t len = page_length(length);

	if (!task || !task->vm)
		return -ESRCH;
	if ((addr & MM0_PAGE_MASK) || (prot & ~PROT_ALL) || !len || !range_is_user(addr, len))
		return -EINVAL;
	return vma_protect_range(task->vm, addr, addr + len, (unsigned)prot);
}

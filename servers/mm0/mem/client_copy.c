/* Client memory for mm0's handlers: reads through a held object, copies through a space. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "mem/client_copy.h"
#include "mem/fault.h"
#include "mem/phys.h"
#include "mem/vm_area.h"
#include "mem/vm_object.h"

int client_object_read(struct vm_object *obj, uint32_t off, uint32_t len, void *out)
{
	uint8_t *to = out;

	if (!obj || off > obj->npages * MM0_PAGE_SIZE || len > obj->npages * MM0_PAGE_SIZE - off)
		return -EFAULT;
	while (len) {
		uint32_t in_page = off & MM0_PAGE_MASK;
		uint32_t part = MM0_PAGE_SIZE - in_page < len ? MM0_PAGE_SIZE - in_page : len;
		struct vm_page *page = vm_object_page_find(obj, off / MM0_PAGE_SIZE);

		if (!page)
			return -EFAULT;
		memcpy(to, (const uint8_t *)phys_view(page->phys) + in_page, part);
		to += part;
		off += part;
		len -= part;
	}
	return 0;
}

/* What a space copy does with each piece: read it, write it, or zero it. */
enum copy_kind { COPY_READ, COPY_WRITE, COPY_ZERO };

static int space_copy(struct vm_space *vm, uint32_t addr, uint8_t *bytes, uint32_t len,
		      enum copy_kind kind)
{
	unsigned access = kind == COPY_READ ? MM0_PROT_READ : MM0_PROT_WRITE;

	if (addr < MM0_USER_MIN || addr >= MM0_USER_END || len > MM0_USER_END - addr)
		return -EFAULT;
	while (len) {
		uint32_t offset = addr & MM0_PAGE_MASK, chunk = MM0_PAGE_SIZE - offset;
		struct vm_area *area;
		struct vm_object *owner;
		struct vm_page *page;
		uint8_t *view;

		int err;

		if (chunk > len)
			chunk = len;
		/* After a successful fault the area and its page are there: mm0
		 * serves one message at a time, so nothing changes in between. */
		err = vm_fault(vm, addr, access);
		if (err)
			return err;
		area = vma_find(vm, addr);
		page = vm_object_chain_find(area->obj,
					    area->pgoff + (addr - area->start) / MM0_PAGE_SIZE,
					    &owner);
		if (!page)
			return -EFAULT;
		view = (uint8_t *)phys_view(page->phys) + offset;
		if (kind == COPY_READ)
			memcpy(bytes, view, chunk);
		else if (kind == COPY_WRITE)
			memcpy(view, bytes, chunk);
		else
			phys_bytes_zero(view, chunk);
		addr += chunk;
		if (bytes)
			bytes += chunk;
		len -= chunk;
	}
	return 0;
}

int client_space_read(struct vm_space *vm, uint32_t addr, void *out, uint32_t len)
{
	return space_copy(vm, addr, out, len, COPY_READ);
}

int client_space_write(struct vm_space *vm, uint32_t addr, const void *data, uint32_t len)
{
	/* space_copy only reads from the bytes of a write. */
	return space_copy(vm, addr, (uint8_t *)(uintptr_t)data, len, COPY_WRITE);
}

int client_space_zero(struct vm_space *vm, uint32_t addr, uint32_t len)
{
	return space_copy(vm, addr, NULL, len, COPY_ZERO);
}

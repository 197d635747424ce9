/* Boot modules as read-only files: the page cache of each is filled by copying from the image. */
#include <errno.h>
#include <string.h>

#include "fs/module_file.h"
#include "mem/phys.h"
#include "mem/vm_object.h"
#include "mm0_local.h"

/* What one file object shows: bytes [offset, offset + filesz) of the image
 * starting skew bytes into the object's first page. */
struct module_view {
	const uint8_t *image;
	uint32_t offset;
	uint32_t filesz;
	uint32_t skew;
};

struct module {
	char name[MODULE_NAME_MAX + 1];
	const uint8_t *image;
	uint32_t size;
	struct module_view whole;
	struct module_view segments[MODULE_SEGMENTS];
};

static struct module modules[MODULE_MAX];
static int module_count;

static int module_get_page(void *ctx, uint32_t file_id, uint32_t pgoff, uint32_t phys)
{
	const struct module_view *view = ctx;
	uint8_t *page = phys_view(phys);
	uint64_t page_start = (uint64_t)pgoff * MM0_PAGE_SIZE;
	uint64_t data_start = view->skew, data_end = (uint64_t)view->skew + view->filesz;
	uint64_t from = page_start > data_start ? page_start : data_start;
	uint64_t to = page_start + MM0_PAGE_SIZE < data_end ? page_start + MM0_PAGE_SIZE : data_end;

	(void)file_id;
	memset(page, 0, MM0_PAGE_SIZE);
	if (from < to)
		memcpy(page + (from - page_start), view->image + view->offset + (from - data_start),
		       (size_t)(to - from));
	return 0;
}

/* Modules are read-only: a dirty page cannot happen (mmap maps them private). */
static int module_put_page(void *ctx, uint32_t file_id, uint32_t pgoff, uint32_t phys)
{
	(void)ctx;
	(void)file_id;
	(void)pgoff;
	(void)phys;
	return -EROFS;
}

static const struct file_pager_ops module_pager = {
	.get_page = module_get_page,
	.put_page = module_put_page,
};

int module_register(const char *name, const void *image, uint32_t size)
{
	struct module *module;
	size_t length = name ? strlen(name) : 0;

	if (!image || length == 0 || length > MODULE_NAME_MAX)
		return -EINVAL;
	if (module_find(name) >= 0)
		return -EEXIST;
	if (module_count == MODULE_MAX)
		return -ENOSPC;
	module = &modules[module_count];
	memset(module, 0, sizeof(*module));
	memcpy(module->name, name, length);
	module->image = image;
	module->size = size;
	module->whole = (struct module_view){ image, 0, size, 0 };
	return module_count++;
}

void module_reset(void)
{
	module_count = 0;
}

int module_find(const char *name)
{
	for (int i = 0; i < module_count; i++)
		if (strcmp(modules[i].name, name) == 0)
			return i;
	return -ENOENT;
}

const void *module_image(int index, uint32_t *size)
{
	if (index < 0 || index >= module_count)
		return NULL;
	*size = modules[index].size;
	return modules[index].image;
}

static uint32_t pages_for(uint64_t bytes)
{
	return (uint32_t)((bytes + MM0_PAGE_SIZE - 1) / MM0_PAGE_SIZE);
}

/* File ids: MODULE_HANDLE_BIT (fs0 file ids stay below it), the module index, then the view (0xff: the whole file). */
static uint32_t file_id_of(int index, unsigned view)
{
	return MODULE_HANDLE_BIT | ((uint32_t)index << 8) | view;
}

int module_file_open(int index, struct vm_object **out)
{
	if (index < 0 || index >= module_count)
		return -EBADF;
	return vm_file_open(file_id_of(index, 0xff), pages_for(modules[index].size), &module_pager,
			    &modules[index].whole, out);
}

int module_segment_open(int index, unsigned slot, uint32_t offset, uint32_t filesz,
			uint32_t vaddr, struct vm_object **out)
{
	struct module_view *view;

	if (index < 0 || index >= module_count || slot >= MODULE_SEGMENTS)
		return -EINVAL;
	if (offset > modules[index].size || filesz > modules[index].size - offset)
		return -ENOEXEC;
	view = &modules[index].segments[slot];
	*view = (struct module_view){ modules[index].image, offset, filesz, vaddr & MM0_PAGE_MASK };
	return vm_file_open(file_id_of(index, slot), pages_for((uint64_t)view->skew + filesz),
			    &module_pager, view, out);
}

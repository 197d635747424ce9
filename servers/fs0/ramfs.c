/* ramfs.c - the writable in-memory file system's file data: an array of
 * 4 KiB pages per file, allocated on first write so holes cost nothing;
 * reads and writes stamp the file's times. */
#include <string.h>
#include <server/counted_alloc.h>
#include <server/data_copy.h>
#include "ramfs.h"
#include "space.h"

static uint32_t pages_for(int64_t size)
{
	return (uint32_t)((size + FS0_PAGE_SIZE - 1) / FS0_PAGE_SIZE);
}

static long ramfs_read(struct fs0_vnode *vnode, void *buf, size_t len, int64_t offset)
{
	vnode_touch_read(vnode);
	if (offset >= vnode->size)
		return 0;
	if ((int64_t)len > vnode->size - offset)
		len = (size_t)(vnode->size - offset);
	uint8_t *out = buf;
	size_t done = 0;
	while (done < len) {
		int64_t position = offset + (int64_t)done;
		uint32_t index = (uint32_t)(position / FS0_PAGE_SIZE);
		size_t in_page = (size_t)(position % FS0_PAGE_SIZE);
		size_t chunk = FS0_PAGE_SIZE - in_page;
		if (chunk > len - done)
			chunk = len - done;
		const uint8_t *page = index < vnode->page_slots ? vnode->pages[index] : NULL;
		if (page)
			data_copy(out + done, page + in_page, chunk);
		else
			memset(out + done, 0, chunk);
		done += chunk;
	}
	return (long)done;
}

static int ensure_slots(struct fs0_vnode *vnode, uint32_t slots)
{
	if (slots <= vnode->page_slots)
		return 0;
	uint8_t **pages = counted_realloc_array(vnode->pages, slots, sizeof(*pages));
	if (!pages)
		return -FS0_ENOMEM;
	memset(pages + vnode->page_slots, 0, (slots - vnode->page_slots) * sizeof(*pages));
	vnode->pages = pages;
	vnode->page_slots = slots;
	return 0;
}

static long ramfs_write(struct fs0_vnode *vnode, const void *buf, size_t len, int64_t offset)
{
	if (len == 0)
		return 0;
	if (offset >= FS0_FILE_SIZE_MAX)
		return -FS0_EFBIG;
	if ((int64_t)len > FS0_FILE_SIZE_MAX - offset)
		len = (size_t)(FS0_FILE_SIZE_MAX - offset);
	/* Out of room is ENOSPC for a write; what is stored already stays. */
	if (ensure_slots(vnode, pages_for(offset + (int64_t)len)))
		return -FS0_ENOSPC;
	const uint8_t *in = buf;
	size_t done = 0;
	while (done < len) {
		int64_t position = offset + (int64_t)done;
		uint32_t index = (uint32_t)(position / FS0_PAGE_SIZE);
		size_t in_page = (size_t)(position % FS0_PAGE_SIZE);
		size_t chunk = FS0_PAGE_SIZE - in_page;
		if (chunk > len - done)
			chunk = len - done;
		if (!vnode->pages[index]) {
			if (fs0_data_bytes + FS0_PAGE_SIZE > fs0_space_limit)
				break;
			vnode->pages[index] = counted_alloc(FS0_PAGE_SIZE);
			if (!vnode->pages[index])
				break;
			fs0_data_bytes += FS0_PAGE_SIZE;
		}
		data_copy(vnode->pages[index] + in_page, in + done, chunk);
		done += chunk;
	}
	if (done == 0)
		return -FS0_ENOSPC;
	if (offset + (int64_t)done > vnode->size)
		vnode->size = offset + (int64_t)done;
	vnode_touch_data(vnode);
	return (long)done;
}

static void free_pages_from(struct fs0_vnode *vnode, uint32_t first)
{
	for (uint32_t i = first; i < vnode->page_slots; i++) {
		if (vnode->pages[i]) {
			counted_free(vnode->pages[i]);
			fs0_data_bytes -= FS0_PAGE_SIZE;
			vnode->pages[i] = NULL;
		}
	}
}

/* Shrinking frees whole pages and zeroes the tail of the last one, so a
 * later grow reads zeros there; growing only moves the size. */
static int ramfs_truncate(struct fs0_vnode *vnode, int64_t size)
{
	if (size > FS0_FILE_SIZE_MAX)
		return -FS0_EFBIG;
	if (size < vnode->size) {
		uint32_t keep = pages_for(size);
		free_pages_from(vnode, keep);
		size_t tail = (size_t)(size % FS0_PAGE_SIZE);
		if (tail && keep <= vnode->page_slots && vnode->pages[keep - 1])
			memset(vnode->pages[keep - 1] + tail, 0, FS0_PAGE_SIZE - tail);
	}
	vnode->size = size;
	vnode_touch_data(vnode);
	return 0;
}

static void ramfs_release_data(struct fs0_vnode *vnode)
{
	free_pages_from(vnode, 0);
	counted_free(vnode->pages);
	vnode->pages = NULL;
	vnode->page_slots = 0;
}

const struct fs0_fs_ops ramfs_ops = {
	.read = ramfs_read,
	.write = ramfs_write,
	.truncate = ramfs_truncate,
	.release_data = ramfs_release_data,
};

/* Files of fs0 as vm objects: a pager that moves pages through mm0's page in fs0's
 * window, which the generated stubs use as mm0's buffer for fs0's bulk parameters. */
#include <errno.h>
#include <string.h>

#include <server/data_copy.h>
#include "fs/fs_link.h"
#include "fs/fs_link_state.h"
#include "mem/phys.h"
#include "mem/vm_object.h"
#include "mm0_local.h"
#include "proc/task.h"

/* fs0's O_ACCMODE values (Linux's). */
#define FS_O_WRONLY	1
#define FS_O_RDWR	2

static int fs_get_page(void *ctx, uint32_t file_id, uint32_t pgoff, uint32_t phys)
{
	int got;

	(void)ctx;
	if (!fs_link_up())
		return -EIO;
	got = fs_link.ops->read_page(file_id, pgoff, phys_view(phys));
	if (got < 0)
		return got;
	return got == 0 ? -ENXIO : 0;
}

static int fs_put_page(void *ctx, uint32_t file_id, uint32_t pgoff, uint32_t phys)
{
	(void)ctx;
	if (!fs_link_up())
		return -EIO;
	return fs_link.ops->write_page(file_id, pgoff, phys_view(phys));
}

/* Through the pager thread, when there is one; fs_get_page's answer comes
 * to page_wait_done. */
static int fs_post_page(void *ctx, uint32_t file_id, uint32_t pgoff, uint32_t phys)
{
	(void)ctx;
	if (!fs_link_up() || !fs_link.pager_page || !fs_link.ops->post_read_page)
		return -ENOSYS;
	return fs_link.ops->post_read_page(file_id, pgoff, phys);
}

static void fs_release(void *ctx, uint32_t file_id)
{
	(void)ctx;
	if (fs_link_up())
		fs_link.ops->release(file_id);
}

static int fs_sync(void *ctx, uint32_t file_id)
{
	(void)ctx;
	if (!fs_link_up())
		return -EIO;
	return fs_link.ops->fsync(file_id);
}

/* Without the pager thread (no disk: fs0 answers a page at once) a file has
 * no post_page, so its faults read synchronously from the start instead of
 * making a read record, a page and a parked fault to give back when the post
 * is refused. The thread starts before mm0 opens any file (arm/main.c). */
static const struct file_pager_ops fs_pager = {
	.get_page = fs_get_page,
	.put_page = fs_put_page,
	.release = fs_release,
	.sync = fs_sync,
};

static const struct file_pager_ops fs_pager_posting = {
	.get_page = fs_get_page,
	.put_page = fs_put_page,
	.release = fs_release,
	.sync = fs_sync,
	.post_page = fs_post_page,
};

/* One fs0 handle per file object: a second get for a cached file is given back. */
static int object_for(const struct fs_file_info *info, struct vm_object **out)
{
	bool cached = vm_file_find(info->handle) != NULL;
	uint32_t npages = (uint32_t)((info->size + MM0_PAGE_MASK) / MM0_PAGE_SIZE);
	int err = vm_file_open(info->handle, npages, fs_link.pager_page ? &fs_pager_posting : &fs_pager,
			       NULL, out);

	if (cached || err)
		fs_link.ops->release(info->handle);
	return err;
}

int fs_file_open_fd(struct task *task, int fd, int prot, int flags, struct vm_object **out)
{
	struct fs_file_info info;
	int err;

	if (!task)
		return -ESRCH;
	if (!fs_link_up() || !task->fs_known)
		return -EBADF;
	err = fs_link.ops->get_fd(task->l4_tid, fd, &info);
	if (err)
		return err;
	if (info.access == FS_O_WRONLY ||
	    ((flags & MM0_MAP_SHARED) && (prot & MM0_PROT_WRITE) &&
	     (info.access != FS_O_RDWR || !info.writable_fs))) {
		fs_link.ops->release(info.handle);
		return -EACCES;
	}
	if (info.size > MM0_USER_END) {
		fs_link.ops->release(info.handle);
		return -EOVERFLOW;
	}
	return object_for(&info, out);
}

int fs_file_open_path(struct task *task, const char *path, uint32_t *size,
		      struct vm_object **out)
{
	struct fs_file_info info;
	size_t length = strnlen(path, MM0_PAGE_SIZE);
	int err;

	if (!task)
		return -ESRCH;
	if (!fs_link_up() || !task->fs_known)
		return -ENOENT;
	if (length == 0)
		return -ENOENT;
	if (length == MM0_PAGE_SIZE)
		return -ENAMETOOLONG;
	err = fs_link.ops->get_path(task->l4_tid, path, &info);
	if (err)
		return err;
	if (info.size > MM0_USER_END) {
		fs_link.ops->release(info.handle);
		return -ENOEXEC;
	}
	*size = (uint32_t)info.size;
	return object_for(&info, out);
}

int fs_file_head(struct vm_object *file, uint8_t head[FS0_PAGE_SIZE])
{
	if (!fs_link_up())
		return -EIO;
	return fs_link.ops->read_page(file->id, 0, head);
}

/* mm0 calls only fs0 with bulk parameters: its page in fs0's window is the
 * buffer, and the pager thread's own page for that thread's reads. */
int idlrt_bulk_buffer(idlrt_dest_t dest, void **base, uint32_t *size)
{
	if (!fs_link.own_page || dest != fs_link.task->l4_tid)
		return -ENOBUFS;
	*base = fs_link.own_page;
	if (fs_link.pager_page && fs_link.ops->on_pager_thread())
		*base = fs_link.pager_page;
	*size = MM0_PAGE_SIZE;
	return 0;
}

/* mm0 never faults: its side of every copy is its own memory or a page it holds.
 * A file page read or written through the window is a whole aligned page:
 * data_copy's ldm/stm loop, a quarter of memcpy's instructions. */
int idlrt_bulk_copy(void *to, const void *from, uint32_t len)
{
	data_copy(to, from, len);
	return 0;
}

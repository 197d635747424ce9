/* fs_ops over the generated fs0 client stubs: mm0's calls to fs0 on the target. */
#include "boot.h"
#include "fs/fs_link.h"
#include "fs/fs_link_state.h"
#include "fs0.h"
#include "pager_thread.h"
#include "serve/time_requests.h"

static idlrt_dest_t fs0_dest;

static void info_from(const struct fs0_mm_info *wire, struct fs_file_info *info)
{
	info->handle = wire->handle;
	info->openers = wire->openers;
	info->access = wire->access;
	info->writable_fs = wire->writable_fs;
	info->size = wire->size;
}

static int l4_task_fork(uint32_t parent, uint32_t child, bool share_table, uint32_t pid)
{
	return fs0_task_fork(fs0_dest, parent, child, share_table, pid);
}

static int l4_task_exit(uint32_t task)
{
	return fs0_task_exit(fs0_dest, task);
}

static int l4_set_buffer(uint32_t tid, uint32_t window_off, uint32_t size)
{
	return fs0_set_buffer(fs0_dest, tid, window_off, size);
}

static int l4_get_fd(uint32_t task, int32_t fd, struct fs_file_info *info)
{
	struct fs0_mm_info wire;
	int result = fs0_mm_get_fd(fs0_dest, task, fd, &wire);

	if (result >= 0)
		info_from(&wire, info);
	return result;
}

/* The stub copies the path into mm0's own page in fs0's window (fs_file.c). */
static int l4_get_path(uint32_t task, const char *path, struct fs_file_info *info)
{
	struct fs0_mm_info wire;
	int result = fs0_mm_get_path(fs0_dest, task, path, &wire);

	if (result >= 0)
		info_from(&wire, info);
	return result;
}

/* The stub moves the page through mm0's own page in fs0's window (fs_file.c). */
static int l4_read_page(uint32_t handle, uint32_t page_index, void *page)
{
	uint32_t len = FS0_PAGE_SIZE;

	return fs0_mm_read_page(fs0_dest, handle, page_index, page, &len);
}

static int l4_write_page(uint32_t handle, uint32_t page_index, const void *page)
{
	return fs0_mm_write_page(fs0_dest, handle, page_index, page, FS0_PAGE_SIZE);
}

static int l4_task_cancel(uint32_t task)
{
	return fs0_task_cancel(fs0_dest, task);
}

static int l4_task_exec(uint32_t task)
{
	return fs0_task_exec(fs0_dest, task);
}

static int l4_release(uint32_t handle)
{
	return fs0_mm_release(fs0_dest, handle);
}

static int l4_fsync(uint32_t handle)
{
	return fs0_mm_fsync(fs0_dest, handle);
}

static int l4_name_pager(uint32_t tid)
{
	return fs0_mm_pager_thread(fs0_dest, tid);
}

static const struct fs_ops l4_fs_ops = {
	.task_fork = l4_task_fork,
	.task_exit = l4_task_exit,
	.task_cancel = l4_task_cancel,
	.task_exec = l4_task_exec,
	.set_buffer = l4_set_buffer,
	.get_fd = l4_get_fd,
	.get_path = l4_get_path,
	.read_page = l4_read_page,
	.write_page = l4_write_page,
	.release = l4_release,
	.fsync = l4_fsync,
	.post_read_page = pager_thread_post,
	.name_pager = l4_name_pager,
	.on_pager_thread = pager_thread_current,
};

const struct fs_ops *fs0_ops_for(uint32_t fs0_tid)
{
	fs0_dest = fs0_tid;
	return &l4_fs_ops;
}

int fs0_send_boot_time(void)
{
	return fs0_set_boot_time(fs0_dest, serve_boot_time_ns);
}

int fs0_send_power_off(void)
{
	return fs0_dest ? fs0_power_off(fs0_dest) : 0;
}

/* handle_mm.c - the handlers of mm0's requests (tasks, shared buffers, file
 * handles and pages); every other sender gets -EPERM before anything runs. */
#include "fs0_server.h"
#include "serve.h"
#include "serve_state.h"

static void mm_file_to_wire(const struct fs0_mm_file *file, struct fs0_mm_info *wire)
{
	wire->handle = file->handle;
	wire->openers = file->openers;
	wire->access = file->access;
	wire->writable_fs = file->writable_fs;
	wire->size = file->size;
}

int fs0_handle_task_fork(struct idlrt_request *idl_rq, uint32_t parent, uint32_t child, bool share_table,
			 uint32_t pid)
{
	int error = serve_require_mm0(idl_rq);
	if (!error)
		error = fs_task_fork(parent, child, share_table);
	if (!error)
		fs_task_set_pid(child, pid);
	return error;
}

/* The buffer goes too: nothing of the thread waits on it any more. */
int fs0_handle_task_exit(struct idlrt_request *idl_rq, uint32_t task)
{
	int error = serve_require_mm0(idl_rq);
	if (error)
		return error;
	error = fs_task_exit(task);
	idlrt_bulk_forget(task);
	return error;
}

int fs0_handle_task_cancel(struct idlrt_request *idl_rq, uint32_t task)
{
	int error = serve_require_mm0(idl_rq);
	return error ? error : fs_task_cancel(task);
}

int fs0_handle_task_exec(struct idlrt_request *idl_rq, uint32_t task)
{
	int error = serve_require_mm0(idl_rq);
	return error ? error : fs_task_exec(task);
}

/* Only mm0's own first thread names its other threads; each call adds one. */
int fs0_handle_mm_pager_thread(struct idlrt_request *idl_rq, uint32_t tid)
{
	if (idl_rq->client != serve_mm0_tid)
		return -FS0_EPERM;
	for (unsigned i = 0; i < SERVE_MM0_THREADS_MAX; i++)
		if (serve_mm0_pager_tids[i] == L4_NILTHREAD || serve_mm0_pager_tids[i] == tid) {
			serve_mm0_pager_tids[i] = tid;
			return 0;
		}
	return -FS0_ENOMEM;
}

int fs0_handle_set_buffer(struct idlrt_request *idl_rq, uint32_t tid, uint32_t window_off, uint32_t size)
{
	int error = serve_require_mm0(idl_rq);
	return error ? error : buffer_set(tid, window_off, size);
}

int fs0_handle_mm_get_fd(struct idlrt_request *idl_rq, uint32_t task, int32_t fd, struct fs0_mm_info *info)
{
	int error = serve_require_mm0(idl_rq);
	if (error)
		return error;
	struct fs0_mm_file file;
	error = fs_mm_get_fd(task, fd, &file);
	if (error == 0)
		mm_file_to_wire(&file, info);
	return error;
}

int fs0_handle_mm_get_path(struct idlrt_request *idl_rq, uint32_t task, const char *path,
			   struct fs0_mm_info *info)
{
	int error = serve_require_mm0(idl_rq);
	if (error)
		return error;
	struct fs0_mm_file file;
	error = fs_mm_get_path(task, path, &file);
	if (error == 0)
		mm_file_to_wire(&file, info);
	return error;
}

/* A page is whole both ways: mm0's stub asks for exactly FS0_PAGE_SIZE bytes. */
int fs0_handle_mm_read_page(struct idlrt_request *idl_rq, uint32_t handle, uint32_t page_index, void *page,
			    uint32_t *page_len)
{
	int error = serve_require_mm0(idl_rq);
	if (error)
		return error;
	if (*page_len != FS0_PAGE_SIZE)
		return -FS0_EINVAL;
	return fs_mm_read_page(handle, page_index, page);
}

int fs0_handle_mm_write_page(struct idlrt_request *idl_rq, uint32_t handle, uint32_t page_index,
			     const void *page, uint32_t page_len)
{
	int error = serve_require_mm0(idl_rq);
	if (error)
		return error;
	if (page_len != FS0_PAGE_SIZE)
		return -FS0_EINVAL;
	return fs_mm_write_page(handle, page_index, page);
}

int fs0_handle_mm_release(struct idlrt_request *idl_rq, uint32_t handle)
{
	int error = serve_require_mm0(idl_rq);
	return error ? error : fs_mm_release(handle);
}

int fs0_handle_set_boot_time(struct idlrt_request *idl_rq, int64_t ns)
{
	int error = serve_require_mm0(idl_rq);
	if (error == 0)
		fs_set_boot_time(ns);
	return error;
}

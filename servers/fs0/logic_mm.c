/* logic_mm.c - the logic of the requests only mm0 makes: task fork and exit, and file
 * handles for file mappings and exec with page-sized reads and writes. */
#include <string.h>
#include <server/counted_alloc.h>
#include "logic_device.h"
#include "logic_mm.h"
#include "path_base.h"
#include "fdtable.h"
#include "file.h"
#include "locks.h"
#include "pipe.h"
#include "poll.h"
#include "vfs.h"
#include "vnode.h"

struct mm_handle {
	struct mm_handle *next;
	struct fs0_vnode *vnode;	/* referenced */
	uint32_t gets;			/* releases still owed */
};

static struct mm_handle *handles;
static uint32_t handle_count;

int fs_task_fork(fs0_task_t parent_id, fs0_task_t child_id, bool share_table)
{
	if (child_id == FS0_TASK_NONE || !vfs_root())
		return -FS0_EINVAL;
	if (task_find(child_id))
		return -FS0_EEXIST;
	struct fs0_task *parent = NULL;
	if (parent_id != FS0_TASK_NONE) {
		parent = task_find(parent_id);
		if (!parent)
			return -FS0_ESRCH;
	}
	int error = task_create(child_id, parent, share_table);
	if (error || parent)
		return error;
	error = device_open_console(task_find(child_id));
	if (error)
		task_destroy(task_find(child_id));
	return error;
}

void fs_task_set_pid(fs0_task_t task_id, uint32_t pid)
{
	struct fs0_task *task = task_find(task_id);
	if (task)
		task->pid = pid;
}

uint32_t fs_task_pid(fs0_task_t task_id)
{
	const struct fs0_task *task = task_find(task_id);
	return task ? task->pid : 0;
}

/* Blocked requests of the task are answered with EINTR before its
 * descriptors close, so nothing waits on a task that is gone. */
int fs_task_exit(fs0_task_t task_id)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	pipe_interrupt_task(task_id);
	poll_interrupt_task(task_id);
	locks_task_gone(task_id);
	task_destroy(task);
	return 0;
}

int fs_task_cancel(fs0_task_t task_id)
{
	if (!task_find(task_id))
		return -FS0_ESRCH;
	return (int)(pipe_interrupt_task(task_id) + locks_interrupt_task(task_id) +
		     poll_interrupt_task(task_id));
}

int fs_task_exec(fs0_task_t task_id)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	int error = task_unshare_table(task);
	if (error)
		return error;
	int closed = 0;
	for (int fd = 0; fd < FS0_OPEN_MAX; fd++)
		if (task->table->slots[fd] && task->table->cloexec[fd]) {
			locks_closed(task_id, task->table->slots[fd]->vnode);
			fd_close(task->table, fd);
			closed++;
		}
	return closed;
}

static struct mm_handle *find_handle(uint32_t id)
{
	for (struct mm_handle *handle = handles; handle; handle = handle->next)
		if (handle->vnode->id == id)
			return handle;
	return NULL;
}

static int grant_handle(struct fs0_vnode *vnode, uint32_t access, struct fs0_mm_file *out)
{
	struct mm_handle *handle = find_handle(vnode->id);
	if (!handle) {
		handle = counted_alloc(sizeof(*handle));
		if (!handle)
			return -FS0_ENOMEM;
		handle->vnode = vnode;
		vnode_get(vnode);
		handle->next = handles;
		handles = handle;
		handle_count++;
	}
	handle->gets++;
	out->handle = vnode->id;
	out->openers = vnode->openers;
	out->access = access;
	out->writable_fs = !vnode->mount->read_only;
	out->size = vnode->size;
	return 0;
}

int fs_mm_get_fd(fs0_task_t task_id, int fd, struct fs0_mm_file *out)
{
	int error = 0;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	if (!FS0_S_ISREG(file->vnode->mode))
		return -FS0_ENODEV;
	return grant_handle(file->vnode, file->flags & FS0_O_ACCMODE, out);
}

int fs_mm_get_path(fs0_task_t task_id, const char *path, struct fs0_mm_file *out)
{
	struct fs0_vnode *vnode;
	int error = at_resolve(task_id, FS0_AT_FDCWD, path, true, &vnode);
	if (error)
		return error;
	if (!FS0_S_ISREG(vnode->mode))
		error = -FS0_EACCES;
	else
		error = grant_handle(vnode, FS0_O_RDONLY, out);
	vnode_put(vnode);
	return error;
}

/* Bytes of the file that fall in page page_index. */
static int64_t bytes_in_page(const struct fs0_vnode *vnode, uint32_t page_index)
{
	int64_t start = (int64_t)page_index * FS0_PAGE_SIZE;
	if (start >= vnode->size)
		return 0;
	int64_t left = vnode->size - start;
	return left < FS0_PAGE_SIZE ? left : FS0_PAGE_SIZE;
}

int fs_mm_read_page(uint32_t handle_id, uint32_t page_index, void *page)
{
	struct mm_handle *handle = find_handle(handle_id);
	if (!handle)
		return -FS0_EBADF;
	struct fs0_vnode *vnode = handle->vnode;
	int64_t bytes = bytes_in_page(vnode, page_index);
	memset(page, 0, FS0_PAGE_SIZE);
	if (bytes == 0)
		return 0;
	long got = vnode->mount->ops->read(vnode, page, (size_t)bytes,
					   (int64_t)page_index * FS0_PAGE_SIZE);
	return (int)got;
}

int fs_mm_write_page(uint32_t handle_id, uint32_t page_index, const void *page)
{
	struct mm_handle *handle = find_handle(handle_id);
	if (!handle)
		return -FS0_EBADF;
	struct fs0_vnode *vnode = handle->vnode;
	if (vnode->mount->read_only)
		return -FS0_EROFS;
	int64_t bytes = bytes_in_page(vnode, page_index);
	if (bytes == 0)
		return 0;
	long put = vnode->mount->ops->write(vnode, page, (size_t)bytes,
					    (int64_t)page_index * FS0_PAGE_SIZE);
	return (int)put;
}

static void drop_handle(struct mm_handle *handle)
{
	struct mm_handle **link = &handles;
	while (*link != handle)
		link = &(*link)->next;
	*link = handle->next;
	vnode_put(handle->vnode);
	counted_free(handle);
	handle_count--;
}

int fs_mm_release(uint32_t handle_id)
{
	struct mm_handle *handle = find_handle(handle_id);
	if (!handle)
		return -FS0_EBADF;
	if (--handle->gets == 0)
		drop_handle(handle);
	return 0;
}

void mm_release_all(void)
{
	while (handles)
		drop_handle(handles);
}

uint32_t mm_handle_count(void)
{
	return handle_count;
}

struct fs0_vnode *mm_handle_vnode(uint32_t handle_id)
{
	struct mm_handle *handle = find_handle(handle_id);
	return handle ? handle->vnode : NULL;
}

/* mm0's side of fs0: fs0 as a server that never faults, its view of threads, shared buffers. */
#include <errno.h>

#include "fs/fs_link.h"
#include "fs/fs_link_state.h"
#include "fs/module_file.h"
#include "mem/client_copy.h"
#include "mem/fault.h"
#include "mem/mmap.h"
#include "mem/phys.h"
#include "mem/vm_area.h"
#include "mem/vm_object.h"
#include "proc/task.h"

struct fs_link fs_link;

static long map_object(struct vm_space *vm, uint32_t addr, uint32_t len, unsigned prot,
		       unsigned flags, struct vm_object *obj)
{
	long result = mmap_object(vm, addr, len, prot, flags, obj, 0);

	if (result < 0)
		vm_object_settle(obj);
	return result;
}

/* len bytes of obj at a free place in fs0's window, mapped now. */
static long window_map(struct vm_object *obj, uint32_t len)
{
	struct task *fs0 = fs_link.task;
	uint32_t addr;
	long result;
	int err = vma_find_free(fs0->vm, FS0_WINDOW_BASE, len, &addr);

	if (err)
		return err;
	if (addr < FS0_WINDOW_BASE || addr - FS0_WINDOW_BASE > FS0_WINDOW_SIZE - len)
		return -ENOMEM;
	vm_object_hold(obj);
	result = map_object(fs0->vm, addr, len, MM0_PROT_READ | MM0_PROT_WRITE,
			    MM0_MAP_SHARED | MM0_MAP_FIXED, obj);
	if (result >= 0)
		err = vm_populate(fs0->vm, addr, addr + len);
	vm_object_release(obj);
	if (result >= 0 && err) {
		vma_unmap_range(fs0->vm, addr, addr + len);
		result = err;
	}
	return result;
}

/* After task_exit: fs0 has forgotten the buffer and nothing waits on it.
 * Only the client's areas that still map the buffer go: whatever it mapped
 * there itself since is its own. */
static void buffer_unmap(struct task *task)
{
	struct vm_object *obj = task->fs_buffer_obj;

	if (!task->fs_buffer_len)
		return;
	if (fs_link.task && fs_link.task->vm)
		vma_unmap_range(fs_link.task->vm, task->fs_window, task->fs_window + task->fs_buffer_len);
	if (task->vm)
		vma_unmap_object(task->vm, task->fs_buffer, task->fs_buffer + task->fs_buffer_len, obj);
	task->fs_buffer = task->fs_window = task->fs_buffer_len = 0;
	task->fs_buffer_obj = NULL;
	vm_object_release(obj);
}

/* The buffer is a shm object that mm0 holds for as long as the thread has
 * it, so a client that unmaps or replaces its side never frees the pages
 * fs0's window maps or that mm0 reads a request's bytes from. */
static long buffer_create(struct task *task)
{
	uint32_t len = MM0_FS_BUFFER_SIZE;
	struct vm_object *obj = vm_object_create(VM_OBJ_SHM, len / MM0_PAGE_SIZE);
	long window, client;
	int err;

	if (!obj)
		return -ENOMEM;
	/* fs0's window maps every page at once: they are promised now. */
	if (vm_object_commit_resize(obj, len / MM0_PAGE_SIZE)) {
		vm_object_settle(obj);
		return -ENOMEM;
	}
	vm_object_hold(obj);
	window = window_map(obj, len);
	if (window < 0) {
		vm_object_release(obj);
		return window;
	}
	client = mmap_object(task->vm, 0, len, MM0_PROT_READ | MM0_PROT_WRITE, MM0_MAP_SHARED, obj, 0);
	err = client < 0 ? (int)client
			 : fs_link.ops->set_buffer(task->l4_tid, (uint32_t)window - FS0_WINDOW_BASE,
						   len);
	if (err) {
		vma_unmap_range(fs_link.task->vm, (uint32_t)window, (uint32_t)window + len);
		if (client >= 0)
			vma_unmap_range(task->vm, (uint32_t)client, (uint32_t)client + len);
		vm_object_release(obj);
		return err;
	}
	task->fs_buffer = (uint32_t)client;
	task->fs_window = (uint32_t)window;
	task->fs_buffer_len = len;
	task->fs_buffer_obj = obj;
	return client;
}

long mm0_fs_buffer(struct task *task)
{
	if (!task || !task->vm)
		return -ESRCH;
	if (!fs_link_up() || !task->fs_known)
		return -ENOSYS;
	if (task->fs_buffer_len)
		return task->fs_buffer;
	return buffer_create(task);
}

/* fs0's heap, a share of the free RAM, so its RAM file system can grow without
 * fs0 ever faulting; populated with the rest of fs0's space. */
static struct vm_object *heap_map(struct task *fs0, uint32_t *size)
{
	uint32_t pages = phys_free_pages() / MM0_FS0_HEAP_SHARE;
	struct vm_object *heap;

	*size = pages < FS0_HEAP_SIZE_MAX / MM0_PAGE_SIZE ? pages * MM0_PAGE_SIZE
							       : FS0_HEAP_SIZE_MAX;
	if (*size < MM0_FS0_HEAP_SIZE_MIN)
		*size = MM0_FS0_HEAP_SIZE_MIN;
	heap = vm_object_create(VM_OBJ_SHM, *size / MM0_PAGE_SIZE);
	if (!heap)
		return NULL;
	if (map_object(fs0->vm, FS0_HEAP_BASE, *size, MM0_PROT_READ | MM0_PROT_WRITE,
		       MM0_MAP_SHARED | MM0_MAP_FIXED, heap) < 0)
		return NULL;
	return heap;
}

/* A page of fs0's window for one of mm0's threads: where it is in the
 * window in *window, mm0's view of it in *page. 0 or -errno. */
static int window_page(uint32_t *window, uint8_t **page)
{
	struct vm_object *obj = vm_object_create(VM_OBJ_SHM, 1);
	long result;

	if (!obj)
		return -ENOMEM;
	result = window_map(obj, MM0_PAGE_SIZE);
	if (result < 0) {
		vm_object_settle(obj);
		return (int)result;
	}
	*window = (uint32_t)result;
	*page = phys_view(vm_object_page_find(obj, 0)->phys);
	return 0;
}

int fs_link_prepare(struct task *fs0, int bootfs_module)
{
	struct vm_object *archive, *heap;
	uint32_t heap_size;
	struct list *pos, *tmp;
	uint32_t size;
	long result;
	int err;

	if (bootfs_module >= 0) {
		if (!module_image(bootfs_module, &size) || size == 0 || size > FS0_BOOTFS_SIZE_MAX)
			return -EINVAL;
		err = module_file_open(bootfs_module, &archive);
		if (err)
			return err;
		result = mmap_object(fs0->vm, FS0_BOOTFS_BASE, (size + MM0_PAGE_MASK) & ~MM0_PAGE_MASK,
				     MM0_PROT_READ, MM0_MAP_PRIVATE | MM0_MAP_FIXED, archive, 0);
		vm_file_close(archive);
		if (result < 0)
			return (int)result;
	}
	heap = heap_map(fs0, &heap_size);
	if (!heap)
		return -ENOMEM;
	list_for_each_safe(pos, tmp, &fs0->vm->areas) {
		struct vm_area *area = container_of(pos, struct vm_area, node);

		err = vm_populate(fs0->vm, area->start, area->end);
		if (err)
			return err;
	}
	*(uint32_t *)phys_view(vm_object_page_find(heap, 0)->phys) = heap_size;
	fs_link.task = fs0;
	err = window_page(&fs_link.own_window, &fs_link.own_page);
	if (err) {
		fs_link.task = NULL;
		return err;
	}
	return window_page(&fs_link.pager_window, &fs_link.pager_page_made);
}

int fs_link_start(const struct fs_ops *ops)
{
	int err;

	if (!fs_link.task || !ops)
		return -EINVAL;
	err = ops->set_buffer(task_self()->l4_tid, fs_link.own_window - FS0_WINDOW_BASE,
			      MM0_PAGE_SIZE);
	if (err)
		return err;
	fs_link.ops = ops;
	return 0;
}

int fs_link_add_pager(uint32_t tid)
{
	int err;

	if (!fs_link_up() || !fs_link.pager_page_made || !fs_link.ops->name_pager ||
	    !fs_link.ops->on_pager_thread)
		return -ENOSYS;
	err = fs_link.ops->set_buffer(tid, fs_link.pager_window - FS0_WINDOW_BASE, MM0_PAGE_SIZE);
	if (!err)
		err = fs_link.ops->name_pager(tid);
	if (!err)
		fs_link.pager_page = fs_link.pager_page_made;
	return err;
}

int fs_link_add_worker(uint32_t tid)
{
	int err;

	if (!fs_link_up() || !fs_link.ops->name_pager)
		return -ENOSYS;
	err = fs_link.ops->set_buffer(tid, fs_link.own_window - FS0_WINDOW_BASE, MM0_PAGE_SIZE);
	return err ? err : fs_link.ops->name_pager(tid);
}

bool fs_link_up(void)
{
	return fs_link.ops != NULL;
}

uint32_t fs_link_tid(void)
{
	return fs_link_up() ? fs_link.task->l4_tid : 0;
}

int fs_thread_new(struct task *parent, struct task *child, bool share_table)
{
	uint32_t parent_tid = parent && parent->fs_known ? parent->l4_tid : 0;
	int err;

	if (!fs_link_up())
		return 0;
	err = fs_link.ops->task_fork(parent_tid, child->l4_tid, share_table, child->pid);
	if (err)
		return err;
	child->fs_known = true;
	/* The copied space maps the parent's buffer: the child must not use it. */
	if (parent && parent->fs_buffer_len && child->vm != parent->vm)
		return vma_unmap_object(child->vm, parent->fs_buffer,
					parent->fs_buffer + parent->fs_buffer_len, parent->fs_buffer_obj);
	return 0;
}

void fs_thread_gone(struct task *task)
{
	if (fs_link.task && task == fs_link.task) {
		/* fs0 itself: nobody is served any more (its window goes with its space). */
		fs_link.ops = NULL;
		fs_link.task = NULL;
		fs_link.own_page = NULL;
		fs_link.pager_page = NULL;
		fs_link.pager_page_made = NULL;
		return;
	}
	if (task->fs_known && fs_link_up())
		fs_link.ops->task_exit(task->l4_tid);
	task->fs_known = false;
	buffer_unmap(task);
}

int fs_thread_cancel(struct task *task)
{
	int answered;

	if (!task->fs_known || !fs_link_up() || task == fs_link.task)
		return 0;
	answered = fs_link.ops->task_cancel(task->l4_tid);
	return answered > 0 ? answered : 0;
}

int fs_thread_exec(struct task *task)
{
	int result;

	if (!task->fs_known || !fs_link_up())
		return 0;
	result = fs_link.ops->task_exec(task->l4_tid);
	return result < 0 ? result : 0;
}

int fs_buffer_read(struct task *task, uint32_t off, uint32_t len, void *out)
{
	/* A thread without a buffer holds no object: -EFAULT there too. */
	return client_object_read(task->fs_buffer_obj, off, len, out);
}

int fs_buffer_drop(struct task *task)
{
	int err;

	if (!task->fs_buffer_len)
		return 0;
	err = fs_link_up() ? fs_link.ops->set_buffer(task->l4_tid, 0, 0) : 0;
	if (err)
		return err;
	buffer_unmap(task);
	return 0;
}

/* mm0 maps no client's buffer into its own space: the bulk bytes of a request
 * (execve's path and strings) are read out of the object it holds for the
 * caller into a mirror of the buffer's first bytes, at the same offsets (the
 * stubs lay a request's parameters side by side from 0), before any handler
 * runs. A range past the mirror is one no stub of mm0's interface sends. */
static uint8_t bulk_mirror[IDLRT_BULK_ALIGN(MM0_EXEC_PATH_MAX) + MM0_EXEC_ARGS_MAX];

int idlrt_bulk_at(const struct idlrt_request *rq, uint32_t offset, uint32_t len, void **at)
{
	struct task *task = task_by_l4_tid(rq->client);
	int err;

	if (!task || !idlrt_bulk_fits(offset, len, sizeof(bulk_mirror)))
		return -EFAULT;
	err = fs_buffer_read(task, offset, len, bulk_mirror + offset);
	if (err)
		return err;
	*at = bulk_mirror + offset;
	return 0;
}

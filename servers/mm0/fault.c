/* The fault path: find the area, walk its shadow chain, fill, copy or upgrade, map. */
#include <errno.h>
#include <string.h>

#include "fault.h"
#include "mm0.h"
#include "mm0_alloc.h"
#include "task.h"
#include "vm_area.h"

/* Faults waiting for one pager read; each is one (space, page) however
 * many threads wait on it. */
struct pager_io {
	struct list node;		/* in pager_ios */
	struct vm_object *obj;
	uint32_t pgoff;
	uint32_t phys;
	struct list faults;		/* struct pending_fault */
};

struct pending_fault {
	struct list node;		/* in io->faults */
	struct vm_space *vm;
	uint32_t page;
	unsigned access;		/* union of the waiters' accesses */
	struct list waiters;		/* struct fault_waiter */
};

struct fault_waiter {
	struct list node;
	struct task *task;
	void *token;
};

static struct list pager_ios = { &pager_ios, &pager_ios };

static struct pager_io *io_find(const struct vm_object *obj, uint32_t pgoff)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &pager_ios) {
		struct pager_io *io = container_of(pos, struct pager_io, node);

		if (io->obj == obj && io->pgoff == pgoff)
			return io;
	}
	return NULL;
}

/* Start (or join) reading a file page into the file's cache. */
static int page_in(struct vm_object *file, uint32_t pgoff, struct vm_page **page,
		   struct pager_io **pending)
{
	struct pager_io *io = io_find(file, pgoff);
	int err;

	if (io) {
		*pending = io;
		return MM0_PAGER_PENDING;
	}
	io = mm0_alloc(sizeof(*io));
	if (!io)
		return -ENOMEM;
	err = phys_alloc(&io->phys);
	if (err) {
		mm0_free(io);
		return err;
	}
	io->obj = file;
	io->pgoff = pgoff;
	list_init(&io->faults);
	err = file->pager->get_page(file->pager_ctx, file->id, pgoff, io->phys, io);
	if (err == MM0_PAGER_PENDING) {
		vm_object_hold(file);
		list_add_tail(&pager_ios, &io->node);
		*pending = io;
		return err;
	}
	if (!err)
		err = vm_object_page_insert(file, pgoff, io->phys, page);
	else
		err = -EIO;
	if (err)
		phys_free(io->phys);
	mm0_free(io);
	return err;
}

/* A page of obj itself: file pages from the pager, shm pages zero-filled. */
static int fill_cache(struct vm_object *obj, uint32_t pgoff, struct vm_page **page,
		      struct pager_io **pending)
{
	uint32_t phys;
	int err;

	if (pgoff >= obj->npages)
		return -ENXIO;
	if (obj->type == VM_OBJ_FILE)
		return page_in(obj, pgoff, page, pending);
	err = phys_alloc(&phys);
	if (err)
		return err;
	phys_page_zero(phys_view(phys));
	err = vm_object_page_insert(obj, pgoff, phys, page);
	if (err)
		phys_free(phys);
	return err;
}

/* A new page in top with a copy of source's contents, or zeros without one. */
static int page_copy_into(struct vm_object *top, uint32_t pgoff, const void *source,
			  size_t length, struct vm_page **page)
{
	uint32_t phys;
	char *view;
	int err = phys_alloc(&phys);

	if (err)
		return err;
	view = phys_view(phys);
	if (length == MM0_PAGE_SIZE) {
		phys_page_copy(view, source);
	} else {
		phys_page_zero(view);
		if (length)
			memcpy(view, source, length);
	}
	err = vm_object_page_insert(top, pgoff, phys, page);
	if (err)
		phys_free(phys);
	return err;
}

/* Give area a shadow of its own before it writes into a shared object. */
static int area_make_private(struct vm_area *area)
{
	struct vm_object *shadow;

	if (vm_object_private(area->obj))
		return 0;
	shadow = vm_object_shadow(area->obj);
	if (!shadow)
		return -ENOMEM;
	vma_relink(area, shadow);
	return 0;
}

static int map_page(struct vm_area *area, uint32_t addr, uint32_t phys, unsigned perms)
{
	int err = mm0_kernel->map(mm0_kernel_ctx, area->vm->space, phys, addr, 1, perms);

	return err ? kernel_error_to_errno(err) : 0;
}

static int resolve_shared(struct vm_area *area, uint32_t addr, uint32_t pgoff,
			  unsigned access, struct pager_io **pending)
{
	struct vm_object *obj = area->obj;
	struct vm_page *page = vm_object_page_find(obj, pgoff);
	unsigned perms = area->prot;
	int err;

	if (!page) {
		err = fill_cache(obj, pgoff, &page, pending);
		if (err)
			return err;
	}
	/* File pages stay read-only until written, so dirty pages are known. */
	if (obj->type == VM_OBJ_FILE) {
		if (access & MM0_PROT_WRITE)
			page->dirty = true;
		if (!page->dirty)
			perms &= ~MM0_PROT_WRITE;
	}
	return map_page(area, addr, page->phys, perms);
}

/* Devzero and environment objects hand their contents to the top object. */
static int produce_private(struct vm_area *area, uint32_t pgoff, struct vm_object *bottom,
			   struct vm_page **page)
{
	int err = area_make_private(area);
	size_t length = 0;

	if (err)
		return err;
	if (bottom->type == VM_OBJ_ENV && pgoff == 0)
		length = bottom->env_len;
	return page_copy_into(area->obj, pgoff, bottom->env_data, length, page);
}

static int resolve_private(struct vm_area *area, uint32_t addr, uint32_t pgoff,
			   unsigned access, struct pager_io **pending)
{
	struct vm_object *owner;
	struct vm_page *page = vm_object_chain_find(area->obj, pgoff, &owner);
	unsigned perms = area->prot;
	int err;

	if (!page) {
		struct vm_object *bottom = vm_object_chain_bottom(area->obj);

		if (bottom->type == VM_OBJ_FILE || bottom->type == VM_OBJ_SHM) {
			err = fill_cache(bottom, pgoff, &page, pending);
			owner = bottom;
		} else {
			err = produce_private(area, pgoff, bottom, &page);
			owner = area->obj;
		}
		if (err)
			return err;
	}
	bool writable = owner == area->obj && vm_object_private(owner);

	if ((access & MM0_PROT_WRITE) && !writable) {
		struct vm_page *copy;

		err = area_make_private(area);
		if (!err)
			err = page_copy_into(area->obj, pgoff, phys_view(page->phys),
					     MM0_PAGE_SIZE, &copy);
		if (err)
			return err;
		/* The copy is in the area's own object, private now. */
		page = copy;
		writable = true;
	}
	if (!writable)
		perms &= ~MM0_PROT_WRITE;
	return map_page(area, addr, page->phys, perms);
}

/* 0 when mapped, MM0_PAGER_PENDING with *pending set, or -errno. */
static int fault_resolve(struct vm_space *vm, uint32_t addr, unsigned access,
			 struct pager_io **pending)
{
	struct vm_area *area = vma_find(vm, addr);
	uint32_t pgoff;

	if (!area || (access & ~area->prot))
		return -EFAULT;
	pgoff = area->pgoff + (addr - area->start) / MM0_PAGE_SIZE;
	if (area->flags & MM0_MAP_SHARED)
		return resolve_shared(area, addr, pgoff, access, pending);
	return resolve_private(area, addr, pgoff, access, pending);
}

static int signal_for(int err)
{
	if (err == -EFAULT)
		return MM0_SIGSEGV;
	if (err == -ENOMEM)
		return MM0_SIGKILL;
	return MM0_SIGBUS;
}

static struct pending_fault *pending_find(const struct vm_space *vm, uint32_t page)
{
	struct list *io_pos, *io_tmp, *pos, *tmp;

	list_for_each_safe(io_pos, io_tmp, &pager_ios) {
		struct pager_io *io = container_of(io_pos, struct pager_io, node);

		list_for_each_safe(pos, tmp, &io->faults) {
			struct pending_fault *fault = container_of(pos, struct pending_fault, node);

			if (fault->vm == vm && fault->page == page)
				return fault;
		}
	}
	return NULL;
}

static int wait_on(struct pending_fault *fault, struct task *task, void *token)
{
	struct fault_waiter *waiter = mm0_alloc(sizeof(*waiter));

	if (!waiter)
		return -ENOMEM;
	waiter->task = task;
	waiter->token = token;
	list_add_tail(&fault->waiters, &waiter->node);
	task->fault_wait = waiter;
	return 0;
}

static int pending_create(struct pager_io *io, struct vm_space *vm, uint32_t page,
			  unsigned access, struct task *task, void *token)
{
	struct pending_fault *fault = mm0_alloc(sizeof(*fault));

	if (!fault)
		return -ENOMEM;
	fault->vm = vm;
	fault->page = page;
	fault->access = access;
	list_init(&fault->waiters);
	if (wait_on(fault, task, token)) {
		mm0_free(fault);
		return -ENOMEM;
	}
	list_add_tail(&io->faults, &fault->node);
	return 0;
}

long mm0_fault(struct task *task, uint32_t addr, unsigned access, void *token)
{
	uint32_t page = addr & ~MM0_PAGE_MASK;
	struct pending_fault *fault;
	struct pager_io *io = NULL;
	int err;

	if (!task || !task->vm || task->fault_wait || !access ||
	    (access & ~(MM0_PROT_READ | MM0_PROT_WRITE | MM0_PROT_EXEC)))
		return -EINVAL;
	fault = pending_find(task->vm, page);
	if (fault) {
		struct vm_area *area = vma_find(task->vm, page);

		err = -EFAULT;
		if (area && !(access & ~area->prot))
			err = wait_on(fault, task, token);
		if (!err) {
			fault->access |= access;
			return MM0_DEFERRED;
		}
	} else {
		err = fault_resolve(task->vm, page, access, &io);
		if (err == MM0_PAGER_PENDING) {
			err = pending_create(io, task->vm, page, access, task, token);
			if (!err)
				return MM0_DEFERRED;
		}
		if (!err)
			return 0;
	}
	signal_fault(task, signal_for(err), addr);
	return err;
}

int mm0_fault_in(struct vm_space *vm, uint32_t addr, unsigned access)
{
	struct pager_io *io = NULL;
	int err;

	if (pending_find(vm, addr & ~MM0_PAGE_MASK))
		return -EAGAIN;
	err = fault_resolve(vm, addr & ~MM0_PAGE_MASK, access, &io);
	return err == MM0_PAGER_PENDING ? -EAGAIN : err;
}

int mm0_populate(struct task *task, uint32_t start, uint32_t end)
{
	for (uint32_t addr = start & ~MM0_PAGE_MASK; addr < end; addr += MM0_PAGE_SIZE) {
		struct vm_area *area = vma_find(task->vm, addr);
		unsigned access;
		int err;

		if (!area)
			continue;
		if (area->prot & MM0_PROT_WRITE)
			access = MM0_PROT_WRITE;
		else if (area->prot & MM0_PROT_READ)
			access = MM0_PROT_READ;
		else if (area->prot & MM0_PROT_EXEC)
			access = MM0_PROT_EXEC;
		else
			continue;
		err = mm0_fault_in(task->vm, addr, access);
		if (err)
			return err;
	}
	return 0;
}

static void waiter_free(struct fault_waiter *waiter)
{
	list_del(&waiter->node);
	waiter->task->fault_wait = NULL;
	mm0_free(waiter);
}

/* Answer every waiter of a resolved fault: one resolution serves them all. */
static void pending_finish(struct pending_fault *fault, int err)
{
	if (err && !list_empty(&fault->waiters)) {
		struct fault_waiter *first = container_of(fault->waiters.next,
							  struct fault_waiter, node);

		signal_fault(first->task, signal_for(err), fault->page);
	}
	while (!list_empty(&fault->waiters)) {
		struct fault_waiter *waiter = container_of(fault->waiters.next,
							   struct fault_waiter, node);
		void *token = waiter->token;

		waiter_free(waiter);
		mm0_reply->complete(token, 0);
	}
	mm0_free(fault);
}

void vm_pager_complete(void *cookie, int result)
{
	struct pager_io *io = cookie, *next_io;
	struct vm_object *obj = io->obj;
	int err = result ? -EIO : 0;

	list_del(&io->node);
	if (err || vm_object_page_find(obj, io->pgoff))
		phys_free(io->phys);
	else if (vm_object_page_insert(obj, io->pgoff, io->phys, NULL)) {
		phys_free(io->phys);
		err = -ENOMEM;
	}
	while (!list_empty(&io->faults)) {
		struct pending_fault *fault = container_of(io->faults.next,
							   struct pending_fault, node);
		int fault_err = err;

		list_del(&fault->node);
		if (list_empty(&fault->waiters)) {
			mm0_free(fault);
			continue;
		}
		if (!fault_err)
			fault_err = fault_resolve(fault->vm, fault->page, fault->access, &next_io);
		if (fault_err == MM0_PAGER_PENDING) {
			list_add_tail(&next_io->faults, &fault->node);
			continue;
		}
		pending_finish(fault, fault_err);
	}
	mm0_free(io);
	vm_object_release(obj);
}

void fault_forget_task(struct task *task)
{
	if (task->fault_wait)
		waiter_free(task->fault_wait);
}

void fault_forget_space(struct vm_space *vm)
{
	struct list *io_pos, *io_tmp, *pos, *tmp;

	list_for_each_safe(io_pos, io_tmp, &pager_ios) {
		struct pager_io *io = container_of(io_pos, struct pager_io, node);

		list_for_each_safe(pos, tmp, &io->faults) {
			struct pending_fault *fault = container_of(pos, struct pending_fault, node);

			if (fault->vm != vm)
				continue;
			while (!list_empty(&fault->waiters))
				waiter_free(container_of(fault->waiters.next,
							 struct fault_waiter, node));
			list_del(&fault->node);
			mm0_free(fault);
		}
	}
}

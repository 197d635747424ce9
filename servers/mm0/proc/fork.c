/* fork and clone: new processes with copy-on-write spaces, new threads in shared ones. */
#include <errno.h>
#include <string.h>

#include "fs/fs_link.h"
#include "mem/kernel_ops.h"
#include "mem/vm_area.h"
#include "proc/bulk_link.h"
#include "proc/exit.h"
#include "proc/fork.h"
#include "proc/rlimit.h"
#include "proc/signals.h"
#include "proc/task.h"

/* Give child every area of parent, linked to the same objects. Private
 * writable areas lose write access in the parent (one protect call per
 * area, none for one never faulted) so the next write on either side
 * faults and copies. */
static int vm_copy(struct vm_space *parent, struct vm_space *child)
{
	struct list *pos, *tmp;
	int err = vm_space_charge_copy(child, parent);

	if (err)
		return err;
	list_for_each_safe(pos, tmp, &parent->areas) {
		struct vm_area *area = container_of(pos, struct vm_area, node);

		err = vma_insert_copy(child, area);
		if (err)
			return err;
		if (!(area->flags & MM0_MAP_SHARED) && (area->prot & MM0_PROT_WRITE) &&
		    !vma_never_faulted(area)) {
			err = mm0_kernel->protect(mm0_kernel_ctx, parent->space, area->start,
						  (area->end - area->start) / MM0_PAGE_SIZE,
						  area->prot & ~MM0_PROT_WRITE);
			if (err)
				return err;
		}
	}
	return 0;
}

/* The kernel thread and the space or share of one for a new task. */
static int thread_setup(struct task *task, struct task *creator, bool share_vm)
{
	struct vm_space *vm = creator->vm;
	uint32_t l4_tid;
	int slot, err;

	if (share_vm && utcb_count(vm) >= MM0_SPACE_THREADS_MAX)
		return -EAGAIN;
	slot = share_vm ? utcb_alloc(vm) : (int)creator->utcb_slot;
	if (slot < 0)
		return slot;
	err = mm0_kernel->thread_create(mm0_kernel_ctx, share_vm ? vm->space : 0,
					utcb_addr((uint32_t)slot), &l4_tid);
	if (err) {
		if (share_vm)
			utcb_free(vm, (uint32_t)slot);
		/* A thread the space's kernel quota has no room for: a limit, not a fault. */
		return share_vm && err == -ENOMEM ? -EAGAIN : err;
	}
	task->l4_tid = l4_tid;
	task->utcb_slot = (uint32_t)slot;
	task->thread_alive = true;
	if (share_vm) {
		vm_space_get(vm);
		task->vm = vm;
		return 0;
	}
	task->vm = vm_space_create(l4_tid);
	if (!task->vm) {
		mm0_kernel->thread_destroy(mm0_kernel_ctx, l4_tid);
		task->thread_alive = false;
		return -ENOMEM;
	}
	task->vm->utcb_used[slot / 32] |= 1u << (slot % 32);
	task->vm->heap_start = vm->heap_start;
	task->vm->heap_end = vm->heap_end;
	task->vm->stack_floor = vm->stack_floor;
	return vm_copy(vm, task->vm);
}

/* Undo a half-made task: its references, its kernel thread, its record. */
static void task_discard(struct task *task)
{
	if (task->thread_alive)
		thread_release(task);
	else if (task->files)
		fd_table_put(task->files);
	task_free(task);
}

static long task_spawn(struct task *caller, unsigned flags, uint32_t pc, uint32_t sp)
{
	struct task *leader = (flags & MM0_CLONE_THREAD) ? caller->leader : NULL;
	struct task *parent = (flags & MM0_CLONE_PARENT) ? caller->leader->parent : caller->leader;
	struct task *task;
	int err;

	if (!leader && !parent)
		return -EINVAL;
	task = task_alloc(leader, parent);
	if (!task)
		return -ENOMEM;
	signal_fork(caller, task, flags & MM0_CLONE_THREAD);
	if (!leader) {
		task->fixups = caller->leader->fixups;	/* the same image */
		memcpy(task->name, caller->leader->name, sizeof(task->name));
	}
	if (flags & MM0_CLONE_FILES) {
		task->files = caller->files;
		task->files->refs++;
	} else {
		task->files = fd_table_copy(caller->files);
		if (!task->files) {
			task_free(task);
			return -ENOMEM;
		}
	}
	err = thread_setup(task, caller, flags & MM0_CLONE_VM);
	if (!err && !leader)
		rlimit_apply(task);
	if (!err)
		err = fs_thread_new(caller, task, flags & MM0_CLONE_FILES);
	if (!err)
		err = bulk_link_fork(caller, task);
	if (!err)
		err = mm0_kernel->thread_start(mm0_kernel_ctx, task->l4_tid, pc, sp, 0);
	if (err) {
		task_discard(task);
		return err;
	}
	return task->tid;
}

static bool user_code_ok(uint32_t pc, uint32_t sp)
{
	return pc >= MM0_USER_MIN && pc < MM0_USER_END && sp >= MM0_USER_MIN &&
	       sp <= MM0_USER_END && !(sp & 7);
}

long mm0_fork(struct task *task, uint32_t pc, uint32_t sp)
{
	if (!task || !task->thread_alive)
		return -ESRCH;
	if (!user_code_ok(pc, sp))
		return -EINVAL;
	return task_spawn(task, 0, pc, sp);
}

long mm0_clone(struct task *task, unsigned flags, uint32_t child_sp, uint32_t pc)
{
	unsigned known = MM0_CLONE_VM | MM0_CLONE_FILES | MM0_CLONE_PARENT | MM0_CLONE_THREAD;
	unsigned signal = flags & MM0_CLONE_SIGNAL_MASK;

	if (!task || !task->thread_alive)
		return -ESRCH;
	if ((flags & ~(known | MM0_CLONE_SIGNAL_MASK)) || (signal && signal != MM0_SIGCHLD))
		return -EINVAL;
	if ((flags & MM0_CLONE_THREAD) && !(flags & MM0_CLONE_VM))
		return -EINVAL;
	if (!user_code_ok(pc, child_sp))
		return -EINVAL;
	return task_spawn(task, flags, pc, child_sp);
}

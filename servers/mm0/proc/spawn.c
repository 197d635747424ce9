/* New processes: an empty task with its environment page, and a boot module's ELF program
 * started in one (segments as module-backed private areas). */
#include <errno.h>

#include "fs/fs_link.h"
#include "fs/module_file.h"
#include "mem/kernel_ops.h"
#include "mem/mmap.h"
#include "mem/vm_area.h"
#include "mem/vm_object.h"
#include "proc/elf.h"
#include "proc/env.h"
#include "proc/exit.h"
#include "proc/rlimit.h"
#include "proc/signals.h"
#include "proc/spawn.h"
#include "proc/task.h"

int mm0_task_create(struct task *parent, const char *const argv[], const char *const envp[],
		    struct task **out)
{
	struct vm_object *env;
	struct task *task;
	uint32_t l4_tid;
	int err;

	if (!parent || !parent->thread_alive)
		return -ESRCH;
	err = env_object_create(argv, envp, &env);
	if (err)
		return err;
	task = task_alloc(NULL, parent->leader);
	if (!task) {
		vm_object_settle(env);
		return -ENOMEM;
	}
	signal_spawned(task, parent);
	task_set_name(task, argv && argv[0] ? argv[0] : "");
	task->files = fd_table_copy(NULL);
	err = task->files ? mm0_kernel->thread_create(mm0_kernel_ctx, 0, utcb_addr(0), &l4_tid)
			  : -ENOMEM;
	if (err) {
		vm_object_settle(env);
		if (task->files)
			fd_table_put(task->files);
		task_free(task);
		return err;
	}
	task->l4_tid = l4_tid;
	task->thread_alive = true;
	task->vm = vm_space_create(l4_tid);
	if (task->vm)
		rlimit_apply(task);
	err = task->vm ? vma_insert(task->vm, MM0_ENV_ADDR, MM0_ENV_ADDR + MM0_PAGE_SIZE,
				    MM0_PROT_READ | MM0_PROT_WRITE, MM0_MAP_PRIVATE, env, 0, NULL)
		       : -ENOMEM;
	if (err) {
		vm_object_settle(env);
		if (!task->vm) {
			fd_table_put(task->files);
			mm0_kernel->thread_destroy(mm0_kernel_ctx, l4_tid);
			task_free(task);
			return err;
		}
		task->utcb_slot = (uint32_t)utcb_alloc(task->vm);
		thread_release(task);
		task_free(task);
		return err;
	}
	task->utcb_slot = (uint32_t)utcb_alloc(task->vm);
	*out = task;
	return 0;
}

int mm0_task_start(struct task *task, uint32_t pc, uint32_t sp)
{
	if (!task || !task->thread_alive)
		return -ESRCH;
	if (pc < MM0_USER_MIN || pc >= MM0_USER_END || sp > MM0_USER_END || (sp & 7))
		return -EINVAL;
	return mm0_kernel->thread_start(mm0_kernel_ctx, task->l4_tid, pc, sp, MM0_ENV_ADDR);
}

static int segment_check(const struct elf_segment *seg, uint32_t size)
{
	if (seg->type != PT_LOAD)
		return 0;
	if (seg->offset > size || seg->filesz > size - seg->offset || seg->filesz > seg->memsz ||
	    seg->vaddr < MM0_USER_MIN || seg->memsz > MM0_STACK_TOP - MM0_STACK_SIZE ||
	    seg->vaddr > MM0_STACK_TOP - MM0_STACK_SIZE - MM0_HEAP_SIZE - seg->memsz)
		return -ENOEXEC;
	return 1;
}

int elf_check(const uint8_t *image, uint32_t head_size, uint32_t size, uint32_t *entry)
{
	const struct elf_header *eh = (const struct elf_header *)image;
	uint32_t count, loads = 0;
	const struct elf_segment *seg;

	if (!elf_header_valid(eh, head_size) || eh->phnum == 0 || (eh->phoff & 3))
		return -ENOEXEC;
	seg = segments_of(image, &count);
	for (uint32_t i = 0; i < count; i++) {
		int load = segment_check(&seg[i], size);

		if (load < 0)
			return load;
		loads += (uint32_t)load;
	}
	if (loads == 0 || loads > MODULE_SEGMENTS)
		return -ENOEXEC;
	*entry = eh->entry;
	return 0;
}

int spawn_check(int module_index, uint32_t *entry)
{
	uint32_t size;
	const uint8_t *image = module_image(module_index, &size);

	if (!image)
		return -ENOENT;
	return elf_check(image, size, size, entry);
}

long spawn_map_anon(struct task *task, uint32_t start, uint32_t end, int prot)
{
	if (start >= end)
		return 0;
	return mm0_mmap(task->vm, start, end - start, prot,
			MM0_MAP_PRIVATE | MM0_MAP_FIXED | MM0_MAP_ANONYMOUS, NULL, 0);
}

/* The file part from the module (private: writes copy), the rest zero-fill. */
static long map_segment(struct task *task, int module_index, unsigned slot,
			const struct elf_segment *seg)
{
	uint32_t start = seg->vaddr & ~MM0_PAGE_MASK;
	uint32_t file_end = page_up(seg->vaddr + seg->filesz), end = page_up(seg->vaddr + seg->memsz);
	int prot = elf_prot(seg->flags);
	struct vm_object *file;
	long result;

	if (seg->filesz) {
		result = module_segment_open(module_index, slot, seg->offset, seg->filesz, seg->vaddr,
					     &file);
		if (result)
			return result;
		result = mm0_mmap(task->vm, start, file_end - start, prot,
				  MM0_MAP_PRIVATE | MM0_MAP_FIXED, file, 0);
		vm_file_close(file);
		if (result < 0)
			return result;
		start = file_end;
	}
	return spawn_map_anon(task, start, end, prot);
}

/* The heap's first MiB is the break's start (mm.brk moves it); the stack's
 * room follows RLIMIT_STACK as it is now. */
long spawn_map_heap_stack(struct task *task, uint32_t image_end)
{
	long result = spawn_map_anon(task, image_end, image_end + MM0_HEAP_SIZE,
				     MM0_PROT_READ | MM0_PROT_WRITE);

	if (result < 0)
		return result;
	task->vm->heap_start = image_end;
	task->vm->heap_end = image_end + MM0_HEAP_SIZE;
	return mm0_map_stack(task->vm, MM0_STACK_TOP, MM0_STACK_SIZE,
			     rlimit_stack_room(task->leader));
}

static long load_image(struct task *task, int module_index)
{
	uint32_t size, count, image_end = 0;
	const uint8_t *image = module_image(module_index, &size);
	const struct elf_segment *seg = segments_of(image, &count);
	unsigned slot = 0;
	long result;

	for (uint32_t i = 0; i < count; i++) {
		if (seg[i].type != PT_LOAD)
			continue;
		result = map_segment(task, module_index, slot++, &seg[i]);
		if (result < 0)
			return result;
		if (page_up(seg[i].vaddr + seg[i].memsz) > image_end)
			image_end = page_up(seg[i].vaddr + seg[i].memsz);
	}
	return spawn_map_heap_stack(task, image_end);
}

void spawn_undo(struct task *parent, struct task *task)
{
	uint32_t pid = task->pid;
	int status;

	task_kill(task, MM0_SIGKILL);
	if (parent->leader != task_self())
		mm0_waitpid(parent, pid, MM0_WNOHANG, NULL, &status);
}

long mm0_spawn_stopped(struct task *parent, const char *name, const char *const argv[],
		       struct task **out, uint32_t *entry)
{
	int module_index = module_find(name);
	struct task *task;
	long result;

	if (module_index < 0)
		return module_index;
	result = spawn_check(module_index, entry);
	if (result)
		return result;
	result = mm0_task_create(parent, argv, NULL, &task);
	if (result)
		return result;
	result = load_image(task, module_index);
	if (result < 0) {
		spawn_undo(parent, task);
		return result;
	}
	*out = task;
	return 0;
}

long mm0_spawn(struct task *parent, const char *name, const char *const argv[])
{
	struct task *task;
	uint32_t entry;
	long result = mm0_spawn_stopped(parent, name, argv, &task, &entry);

	if (result)
		return result;
	result = fs_thread_new(NULL, task, false);
	if (result >= 0)
		result = mm0_task_start(task, entry, MM0_STACK_TOP);
	if (result >= 0)
		return task->pid;
	spawn_undo(parent, task);
	return result;
}

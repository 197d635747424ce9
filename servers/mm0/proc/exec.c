/* execve: a program file served by fs0 replaces the calling process's image, keeping its pid. */
#include <errno.h>
#include <string.h>

#include <idlrt/idlrt.h>

#include "fs/fs_link.h"
#include "mem/client_copy.h"
#include "mem/kernel_ops.h"
#include <server/counted_alloc.h>
#include "mem/mmap.h"
#include "mem/vm_area.h"
#include "mem/vm_object.h"
#include "proc/bulk_link.h"
#include "proc/elf.h"
#include "proc/env.h"
#include "proc/exec.h"
#include "proc/exit.h"
#include "proc/signals.h"
#include "proc/spawn.h"
#include "proc/task.h"
#include "proc/timers.h"

/* What exec copies out of the caller's buffer before anything changes. */
struct exec_request {
	char path[MM0_EXEC_PATH_MAX + 1];
	char args[MM0_EXEC_ARGS_MAX];
	const char *vector[MM0_EXEC_ARGS_MAX / 2 + 2];
	const char *const *argv;
	const char *const *envp;
	uint8_t head[FS0_PAGE_SIZE];
};

/* count NUL-terminated strings filling exactly len bytes of args, into vector. */
static int strings_split(char *args, uint32_t len, uint32_t count, const char **vector)
{
	uint32_t at = 0;

	for (uint32_t i = 0; i < count; i++) {
		char *end = at < len ? memchr(args + at, '\0', len - at) : NULL;

		if (!end)
			return -EINVAL;
		vector[i] = args + at;
		at = (uint32_t)(end - args) + 1;
	}
	vector[count] = NULL;
	return at == len ? 0 : -EINVAL;
}

/* The dispatch checked the bounds and fetched the bytes (idlrt_bulk_at):
 * they are copied here, as the request lives on through the exec. */
static int request_read(const struct mm0_exec_args *in, struct exec_request *rq)
{
	int err;

	if (in->path[0] == '\0')
		return -ENOENT;
	if (in->argc > MM0_EXEC_ARGS_MAX / 2 || in->envc > MM0_EXEC_ARGS_MAX / 2 - in->argc)
		return -E2BIG;
	if (in->argc == 0)
		return -EINVAL;
	strcpy(rq->path, in->path);
	memcpy(rq->args, in->args, in->args_len);
	err = strings_split(rq->args, in->args_len, in->argc + in->envc, rq->vector);
	if (err)
		return err;
	/* The argument strings end where the environment's begin: split the vector. */
	rq->argv = rq->vector;
	rq->envp = rq->vector + in->argc + 1;
	memmove(rq->vector + in->argc + 1, rq->vector + in->argc,
		(in->envc + 1) * sizeof(rq->vector[0]));
	rq->vector[in->argc] = NULL;
	return 0;
}

/* Segments must map straight from the file: offset and address agree within a page. */
static int segments_mappable(const uint8_t *head)
{
	uint32_t count;
	const struct elf_segment *seg = segments_of(head, &count);

	for (uint32_t i = 0; i < count; i++)
		if (seg[i].type == PT_LOAD && seg[i].filesz &&
		    ((seg[i].vaddr ^ seg[i].offset) & MM0_PAGE_MASK))
			return -ENOEXEC;
	return 0;
}

/* The file part privately from the file (the bytes past filesz in its last
 * page are zeroed when bss follows), the rest zero-filled. */
static long map_segment(struct task *task, struct vm_object *file, const struct elf_segment *seg)
{
	uint32_t start = seg->vaddr & ~MM0_PAGE_MASK, file_end = page_up(seg->vaddr + seg->filesz);
	uint32_t tail = (seg->vaddr + seg->filesz) & MM0_PAGE_MASK;
	bool zero_tail = seg->filesz && tail && seg->memsz > seg->filesz;
	int prot = elf_prot(seg->flags);
	long result;

	if (seg->filesz) {
		result = mm0_mmap(task->vm, start, file_end - start,
				  zero_tail ? prot | (int)MM0_PROT_WRITE : prot,
				  MM0_MAP_PRIVATE | MM0_MAP_FIXED, file, seg->offset & ~MM0_PAGE_MASK);
		if (result < 0)
			return result;
		if (zero_tail) {
			int err = client_space_zero(task->vm, file_end - MM0_PAGE_SIZE + tail,
						    MM0_PAGE_SIZE - tail);

			if (err)
				return err;
			if (!(prot & MM0_PROT_WRITE)) {
				result = mm0_mprotect(task->vm, start, file_end - start, prot);
				if (result < 0)
					return result;
			}
		}
		start = file_end;
	}
	return spawn_map_anon(task, start, page_up(seg->vaddr + seg->memsz), prot);
}

static long map_env(struct task *task, const char *const argv[], const char *const envp[])
{
	struct vm_object *env;
	long result = env_object_create(argv, envp, &env);

	if (result)
		return result;
	result = vma_insert(task->vm, MM0_ENV_ADDR, MM0_ENV_ADDR + MM0_PAGE_SIZE,
			    MM0_PROT_READ | MM0_PROT_WRITE, MM0_MAP_PRIVATE, env, 0, NULL);
	if (result)
		vm_object_settle(env);
	return result;
}

/* Segments, bss, heap and stack of the program whose header is head. */
static long load(struct task *task, struct vm_object *file, const uint8_t *head)
{
	uint32_t count, image_end = 0;
	const struct elf_segment *seg = segments_of(head, &count);
	long result = 0;

	for (uint32_t i = 0; i < count; i++) {
		if (seg[i].type != PT_LOAD)
			continue;
		result = map_segment(task, file, &seg[i]);
		if (result < 0)
			return result;
		if (page_up(seg[i].vaddr + seg[i].memsz) > image_end)
			image_end = page_up(seg[i].vaddr + seg[i].memsz);
	}
	return spawn_map_heap_stack(task, image_end);
}

/* The program file at path as task would open it, checked: its header in head. */
static int program_open(struct task *task, const char *path, uint8_t head[FS0_PAGE_SIZE],
			struct vm_object **file, uint32_t *entry)
{
	uint32_t size;
	int result = fs_file_open_path(task, path, &size, file);

	if (result)
		return result;
	result = fs_file_head(*file, head);
	if (result >= 0)
		result = elf_check(head, size < FS0_PAGE_SIZE ? size : FS0_PAGE_SIZE, size, entry);
	if (!result)
		result = segments_mappable(head);
	if (result) {
		vm_file_close(*file);
		*file = NULL;
	}
	return result;
}

/* The leader's record, which holds the process (pid, children, signals, limits), takes
 * over thread, the one that called execve: its kernel thread, UTCB, space, files and
 * link to fs0; thread's own record goes. */
static struct task *thread_into_leader(struct task *thread)
{
	struct task *leader = thread->leader;

	leader->l4_tid = thread->l4_tid;
	leader->utcb_slot = thread->utcb_slot;
	leader->vm = thread->vm;
	leader->files = thread->files;
	leader->fs_known = thread->fs_known;
	leader->fs_buffer = thread->fs_buffer;
	leader->fs_window = thread->fs_window;
	leader->fs_buffer_len = thread->fs_buffer_len;
	leader->fs_buffer_obj = thread->fs_buffer_obj;
	leader->reaped_child_ns = thread->reaped_child_ns;
	leader->sig.blocked = thread->sig.blocked;
	leader->thread_alive = true;
	task_free(thread);
	return leader;
}

/* POSIX: exec ends every other thread of the process; the caller goes on as its only
 * thread, in the leader's record, so the pid (and its tid) stays. */
static struct task *other_threads_end(struct task *task)
{
	struct task *leader = task->leader;
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &leader->threads) {
		struct task *thread = container_of(pos, struct task, thread_node);

		if (thread == task)
			continue;
		if (thread->thread_alive)
			thread_release(thread);
		if (thread != leader)
			task_free(thread);
	}
	return task == leader ? task : thread_into_leader(task);
}

long mm0_execve(struct task *task, const struct mm0_exec_args *in)
{
	struct exec_request *rq;
	struct vm_object *file = NULL;
	uint32_t entry;
	long result;

	if (!task || !task->vm)
		return -ESRCH;
	rq = counted_alloc(sizeof(*rq));
	if (!rq)
		return -ENOMEM;
	result = request_read(in, rq);
	if (!result)
		result = program_open(task, rq->path, rq->head, &file, &entry);
	if (!result)
		result = fs_buffer_drop(task);
	if (!result)
		result = fs_thread_exec(task);
	if (result) {
		if (file)
			vm_file_close(file);
		counted_free(rq);
		return result;
	}
	/* No way back from here: a failure ends the process. */
	task = other_threads_end(task);
	task_set_name(task, rq->path);
	result = vma_unmap_range(task->vm, MM0_USER_MIN, MM0_ENV_ADDR + MM0_PAGE_SIZE);
	bulk_link_exec(task);
	if (!result)
		result = map_env(task, rq->argv, rq->envp);
	if (!result)
		result = load(task, file, rq->head);
	vm_file_close(file);
	counted_free(rq);
	if (result >= 0 && mm0_kernel->thread_stop)
		result = mm0_kernel->thread_stop(mm0_kernel_ctx, task->l4_tid);
	if (result >= 0) {
		signal_exec(task);
		timers_exec(task->leader);
		task->leader->fixups = (struct fault_fixups){ 0 };	/* the new image registers its own */
		result = mm0_task_start(task, entry, MM0_STACK_TOP);
	}
	if (result < 0) {
		task_kill(task, MM0_SIGKILL);
		return result;
	}
	return IDLRT_DEFERRED;
}

long mm0_spawn_path(struct task *parent, const char *path, const char *const argv[])
{
	uint8_t *head = counted_alloc(FS0_PAGE_SIZE);
	struct vm_object *file = NULL;
	struct task *task = NULL;
	uint32_t entry;
	long result;

	if (!head)
		return -ENOMEM;
	result = program_open(parent, path, head, &file, &entry);
	if (!result)
		result = mm0_task_create(parent, argv, NULL, &task);
	if (!result)
		result = load(task, file, head);
	if (result >= 0)
		result = fs_thread_new(NULL, task, false);
	if (result >= 0)
		result = mm0_task_start(task, entry, MM0_STACK_TOP);
	if (file)
		vm_file_close(file);
	counted_free(head);
	if (result >= 0)
		return task->pid;
	if (task)
		spawn_undo(parent, task);
	return result;
}

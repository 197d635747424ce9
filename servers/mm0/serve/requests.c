/* The handlers of idl/mm0.idl: each finds the calling task and runs the request's logic. */
#include <errno.h>
#include <string.h>

#include "fs/fs_link.h"
#include "fs/module_file.h"
#include "mem/commit.h"
#include "mem/mmap.h"
#include "mem/posix_shm.h"
#include "mem/shm.h"
#include "mem/vm_area.h"
#include "mem/vm_object.h"
#include "mm0_server.h"
#include "proc/exec.h"
#include "proc/exit.h"
#include "proc/fault_fixup.h"
#include "proc/fork.h"
#include "proc/rlimit.h"
#include "proc/spawn.h"
#include "proc/task.h"
#include "serve/serve.h"
#include "serve/startup.h"

static struct task *caller(const struct idlrt_request *rq)
{
	return task_by_l4_tid(rq->client);
}

/* The memory requests work on the caller's space: NULL for a thread mm0 does not know. */
static struct vm_space *caller_space(const struct idlrt_request *rq)
{
	struct task *task = caller(rq);

	return task ? task->vm : NULL;
}

int mm_handle_getpid(struct idlrt_request *idl_rq)
{
	return (int)mm0_getpid(caller(idl_rq));
}

int mm_handle_getppid(struct idlrt_request *idl_rq)
{
	return (int)mm0_getppid(caller(idl_rq));
}

int mm_handle_gettid(struct idlrt_request *idl_rq)
{
	return (int)mm0_gettid(caller(idl_rq));
}

int mm_handle_exit(struct idlrt_request *idl_rq, int32_t code)
{
	return (int)mm0_exit(caller(idl_rq), code);
}

int mm_handle_thread_exit(struct idlrt_request *idl_rq, int32_t code)
{
	return (int)mm0_thread_exit(caller(idl_rq), code);
}

int mm_handle_waitpid(struct idlrt_request *idl_rq, idlrt_token_t idl_token, int32_t pid,
		      int32_t options, int32_t *status)
{
	int wait_status = 0;
	long result = mm0_waitpid(caller(idl_rq), pid, options, serve_token(idl_token),
				  &wait_status);

	if (result != IDLRT_DEFERRED)
		*status = wait_status;
	return (int)result;
}

int mm_handle_fork(struct idlrt_request *idl_rq, uintptr_t pc, uintptr_t sp)
{
	return (int)mm0_fork(caller(idl_rq), (uint32_t)pc, (uint32_t)sp);
}

int mm_handle_clone(struct idlrt_request *idl_rq, uint32_t flags, uintptr_t child_sp,
		    uintptr_t pc)
{
	return (int)mm0_clone(caller(idl_rq), flags, (uint32_t)child_sp, (uint32_t)pc);
}

/* A descriptor's object, held until vm_file_close: mm0's own descriptors
 * (from MM0_FD_BASE: a boot module or a POSIX shm object), else fs0's. */
static int file_of(struct task *task, int32_t fd, int32_t prot, int32_t flags,
		   struct vm_object **file)
{
	long handle;

	if (fd < MM0_FD_BASE)
		return fs_file_open_fd(task, fd, prot, flags, file);
	handle = mm0_fd_get(task, fd);
	if (handle < 0)
		return (int)handle;
	*file = posix_shm_handle_object((uint32_t)handle);
	if (*file) {
		vm_object_hold(*file);
		return 0;
	}
	return module_file_open((int)(handle & ~MODULE_HANDLE_BIT), file);
}

int mm_handle_mmap(struct idlrt_request *idl_rq, uintptr_t addr, uint32_t length, int32_t prot,
		   int32_t flags, int32_t fd, uint32_t offset)
{
	struct task *task = caller(idl_rq);
	struct vm_object *file = NULL;
	long result;

	if (!task || !task->vm)
		return -ESRCH;
	if (!(flags & MM0_MAP_ANONYMOUS)) {
		int err = file_of(task, fd, prot, flags, &file);

		if (err)
			return err;
	}
	result = mm0_mmap(task->vm, (uint32_t)addr, length, prot, flags, file, offset);
	if (file)
		vm_file_close(file);
	return (int)result;
}

int mm_handle_mmap_anon(struct idlrt_request *idl_rq, uintptr_t addr, uint32_t length,
			int32_t prot, int32_t flags)
{
	struct vm_space *vm = caller_space(idl_rq);

	if (!vm)
		return -ESRCH;
	if (!(flags & MM0_MAP_ANONYMOUS))
		return -EINVAL;
	return (int)mm0_mmap(vm, (uint32_t)addr, length, prot, flags, NULL, 0);
}

int mm_handle_munmap(struct idlrt_request *idl_rq, uintptr_t addr, uint32_t length)
{
	struct vm_space *vm = caller_space(idl_rq);

	return vm ? (int)mm0_munmap(vm, (uint32_t)addr, length) : -ESRCH;
}

int mm_handle_mprotect(struct idlrt_request *idl_rq, uintptr_t addr, uint32_t length, int32_t prot)
{
	struct vm_space *vm = caller_space(idl_rq);

	return vm ? (int)mm0_mprotect(vm, (uint32_t)addr, length, prot) : -ESRCH;
}

int mm_handle_msync(struct idlrt_request *idl_rq, uintptr_t addr, uint32_t length, int32_t flags)
{
	struct vm_space *vm = caller_space(idl_rq);

	return vm ? (int)mm0_msync(vm, (uint32_t)addr, length, flags) : -ESRCH;
}

int mm_handle_shmget(struct idlrt_request *idl_rq, int32_t key, uint32_t size, int32_t flags)
{
	struct task *task = caller(idl_rq);

	return task ? (int)mm0_shmget((int32_t)task->pid, key, size, flags) : -ESRCH;
}

int mm_handle_shmat(struct idlrt_request *idl_rq, int32_t shmid, uintptr_t addr, int32_t flags)
{
	struct vm_space *vm = caller_space(idl_rq);

	return vm ? (int)mm0_shmat(vm, shmid, (uint32_t)addr, flags) : -ESRCH;
}

int mm_handle_shmdt(struct idlrt_request *idl_rq, uintptr_t addr)
{
	struct vm_space *vm = caller_space(idl_rq);

	return vm ? (int)mm0_shmdt(vm, (uint32_t)addr) : -ESRCH;
}

int mm_handle_shmctl(struct idlrt_request *idl_rq, int32_t shmid, int32_t cmd,
		     struct mm0_shm_stat *stat)
{
	return caller(idl_rq) ? (int)mm0_shmctl(shmid, cmd, stat) : -ESRCH;
}

int mm_handle_shm_remove(struct idlrt_request *idl_rq, int32_t shmid)
{
	return caller(idl_rq) ? (int)mm0_shmctl(shmid, MM0_IPC_RMID, NULL) : -ESRCH;
}

int mm_handle_spawn(struct idlrt_request *idl_rq, const char *name, const char *arg)
{
	const char *argv[] = { name, arg[0] ? arg : NULL, NULL };
	struct task *task = caller(idl_rq);

	if (!task)
		return -ESRCH;
	/* A boot-time server runs once, as the boot configuration started it. */
	if (task_system_runs(name))
		return -EPERM;
	return (int)(name[0] == '/' ? mm0_spawn_path(task, name, argv) : mm0_spawn(task, name, argv));
}

int mm_handle_open_module(struct idlrt_request *idl_rq, const char *name)
{
	struct task *task = caller(idl_rq);
	int index = module_find(name);

	if (!task)
		return -ESRCH;
	if (index < 0)
		return index;
	return (int)mm0_fd_install(task, MODULE_HANDLE((uint32_t)index));
}

int mm_handle_close(struct idlrt_request *idl_rq, int32_t fd)
{
	struct task *task = caller(idl_rq);
	long handle = mm0_fd_get(task, fd);

	if (handle < 0)
		return (int)handle;
	return (int)mm0_fd_set(task, fd, 0);
}

int mm_handle_stats(struct idlrt_request *idl_rq, struct mm_counts *now)
{
	struct mm0_stats stats;

	(void)idl_rq;
	mm0_stats(&stats);
	now->free_pages = stats.free_pages;
	now->live_objects = stats.live_objects;
	now->live_areas = stats.live_areas;
	now->live_tasks = stats.live_tasks;
	now->live_allocs = (uint32_t)stats.live_allocs;
	return 0;
}

int mm_handle_fs0_buffer(struct idlrt_request *idl_rq, uint32_t *fs0_tid, uintptr_t *addr,
			 uint32_t *size)
{
	struct task *task = caller(idl_rq);
	long result = mm0_fs_buffer(task);

	if (result < 0)
		return (int)result;
	*fs0_tid = fs_link_tid();
	*addr = (uintptr_t)result;
	*size = task->fs_buffer_len;
	return 0;
}

int mm_handle_execve(struct idlrt_request *idl_rq, idlrt_token_t idl_token, const char *path,
		     const void *args, uint32_t args_len, uint32_t argc, uint32_t envc)
{
	struct mm0_exec_args request = { path, args, args_len, argc, envc };

	(void)idl_token;
	return (int)mm0_execve(caller(idl_rq), &request);
}

int mm_handle_shm_open(struct idlrt_request *idl_rq, const char *name, int32_t oflag,
		       uint32_t mode)
{
	struct task *task = caller(idl_rq);
	struct vm_object *obj;
	long result, handle, fd;

	(void)mode;
	if (!task)
		return -ESRCH;
	result = mm0_shm_open(name, oflag, &obj);
	if (result)
		return (int)result;
	handle = posix_shm_handle_new(obj);
	if (handle < 0) {
		mm0_shm_close(obj);
		return (int)handle;
	}
	fd = mm0_fd_install(task, (uint32_t)handle);
	if (fd < 0)
		posix_shm_handle_put((uint32_t)handle);
	return (int)fd;
}

int mm_handle_shm_unlink(struct idlrt_request *idl_rq, const char *name)
{
	return caller(idl_rq) ? (int)mm0_shm_unlink(name) : -ESRCH;
}

int mm_handle_shm_truncate(struct idlrt_request *idl_rq, int32_t fd, uint32_t length)
{
	long handle = mm0_fd_get(caller(idl_rq), fd);
	struct vm_object *obj;

	if (handle < 0)
		return (int)handle;
	obj = posix_shm_handle_object((uint32_t)handle);
	return obj ? (int)mm0_shm_truncate(obj, length) : -EINVAL;
}

int mm_handle_set_fault_fixups(struct idlrt_request *idl_rq, const void *table, uint32_t table_len)
{
	struct task *task = caller(idl_rq);

	return task ? (int)fault_fixup_set(task, table, table_len) : -ESRCH;
}

int mm_handle_brk(struct idlrt_request *idl_rq, uintptr_t end)
{
	struct vm_space *vm = caller_space(idl_rq);

	return vm ? (int)mm0_brk(vm, (uint32_t)end) : -ESRCH;
}

int mm_handle_rlimit(struct idlrt_request *idl_rq, int32_t pid, int32_t resource, int32_t change,
		     uint32_t soft, uint32_t hard, uint32_t *old_soft, uint32_t *old_hard)
{
	struct rlimit_pair limit = { soft, hard }, old;
	long result = mm0_rlimit(caller(idl_rq), pid, resource, change != 0, &limit, &old);

	if (result == 0) {
		*old_soft = old.soft;
		*old_hard = old.hard;
	}
	return (int)result;
}

int mm_handle_commit(struct idlrt_request *idl_rq, uint32_t *limit, uint32_t *total, uint32_t *own)
{
	struct vm_space *vm = caller_space(idl_rq);

	if (!vm)
		return -ESRCH;
	*limit = commit_limit();
	*total = commit_total();
	*own = vm->usage.committed;
	return 0;
}

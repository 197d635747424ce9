/* Task records: ids, lookup, UTCB slots, file tables, creation and mm0's own task. */
#include <errno.h>
#include <string.h>

#include <server/counted_alloc.h>
#include "mem/posix_shm.h"
#include "mem/vm_area.h"
#include "proc/signal_queue.h"
#include "proc/task.h"

static struct list all_tasks = { &all_tasks, &all_tasks };
static uint32_t live_tasks;
static uint32_t last_pid;
static struct task *self;
/* The task the last lookup by thread id found: requests and faults come in
 * runs from one program, so most lookups end here without a list walk. */
static struct task *last_by_l4_tid;

uint32_t task_live(void)
{
	return live_tasks;
}

struct task *task_self(void)
{
	return self;
}

static struct task *task_find(uint32_t value, bool by_l4_tid)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &all_tasks) {
		struct task *task = container_of(pos, struct task, node);

		if (by_l4_tid ? (task->thread_alive && task->l4_tid == value) : task->tid == value)
			return task;
	}
	return NULL;
}

struct task *task_by_l4_tid(uint32_t l4_tid)
{
	struct task *task = last_by_l4_tid;

	if (task && task->thread_alive && task->l4_tid == l4_tid)
		return task;
	task = task_find(l4_tid, true);
	if (task)
		last_by_l4_tid = task;
	return task;
}

struct task *task_by_pid(uint32_t pid)
{
	return task_find(pid, false);
}

struct task *task_sharing_space(const struct task *task)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &all_tasks) {
		struct task *other = container_of(pos, struct task, node);

		if (other != task && other->vm == task->vm && other->thread_alive)
			return other;
	}
	return NULL;
}

struct task *task_any_other(void)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &all_tasks) {
		struct task *task = container_of(pos, struct task, node);

		if (task != self && task->thread_alive)
			return task;
	}
	return NULL;
}

static uint32_t pid_alloc(void)
{
	uint32_t tried;

	for (tried = 0; tried < MM0_PID_MAX; tried++) {
		last_pid = last_pid >= MM0_PID_MAX ? 2 : last_pid + 1;
		if (!task_by_pid(last_pid))
			return last_pid;
	}
	return 0;
}

struct task *task_alloc(struct task *leader, struct task *parent)
{
	uint32_t tid = pid_alloc();
	struct task *task;

	if (!tid)
		return NULL;
	task = counted_alloc(sizeof(*task));
	if (!task)
		return NULL;
	task->tid = tid;
	list_init(&task->children);
	list_init(&task->threads);
	list_init(&task->waits);
	list_init(&task->child_node);
	task->leader = leader ? leader : task;
	task->pid = task->leader->tid;
	list_add_tail(&task->leader->threads, &task->thread_node);
	if (!leader && parent) {
		task->parent = parent;
		list_add_tail(&parent->children, &task->child_node);
	}
	/* A new process inherits its parent's limits (fork, clone, spawn). */
	if (!leader && parent)
		task->rlimits = parent->leader->rlimits;
	list_add_tail(&all_tasks, &task->node);
	live_tasks++;
	return task;
}

void task_free(struct task *task)
{
	signal_queue_discard(&task->sig.process, MM0_SIG_ALL);
	signal_queue_discard(&task->sig.thread, MM0_SIG_ALL);
	list_del(&task->thread_node);
	list_del(&task->child_node);
	list_del(&task->node);
	if (last_by_l4_tid == task)
		last_by_l4_tid = NULL;
	counted_free(task);
	live_tasks--;
}

uint32_t utcb_addr(uint32_t slot)
{
	return MM0_UTCB_AREA + slot * MM0_UTCB_SLOT_SIZE;
}

int utcb_alloc(struct vm_space *vm)
{
	uint32_t slot;

	for (slot = 0; slot < MM0_UTCB_SLOTS; slot++) {
		if (!(vm->utcb_used[slot / 32] & (1u << (slot % 32)))) {
			vm->utcb_used[slot / 32] |= 1u << (slot % 32);
			return (int)slot;
		}
	}
	return -EAGAIN;
}

uint32_t utcb_count(const struct vm_space *vm)
{
	uint32_t count = 0;

	for (uint32_t word = 0; word < (MM0_UTCB_SLOTS + 31) / 32; word++)
		count += (uint32_t)__builtin_popcount(vm->utcb_used[word]);
	return count;
}

void utcb_free(struct vm_space *vm, uint32_t slot)
{
	vm->utcb_used[slot / 32] &= ~(1u << (slot % 32));
}

struct fd_table *fd_table_copy(const struct fd_table *from)
{
	struct fd_table *files = counted_alloc(sizeof(*files));

	if (!files)
		return NULL;
	if (from) {
		memcpy(files->handles, from->handles, sizeof(files->handles));
		for (int slot = 0; slot < MM0_FD_MAX; slot++)
			posix_shm_handle_get(files->handles[slot]);
	}
	files->refs = 1;
	return files;
}

void fd_table_put(struct fd_table *files)
{
	if (--files->refs)
		return;
	for (int slot = 0; slot < MM0_FD_MAX; slot++)
		posix_shm_handle_put(files->handles[slot]);
	counted_free(files);
}

/* The slot of mm0's descriptor fd, or -1. */
static int fd_slot(int fd)
{
	return fd >= MM0_FD_BASE && fd < MM0_FD_BASE + MM0_FD_MAX ? fd - MM0_FD_BASE : -1;
}

long mm0_fd_set(struct task *task, int fd, uint32_t handle)
{
	int slot = fd_slot(fd);

	if (!task || !task->files || slot < 0)
		return -EBADF;
	posix_shm_handle_put(task->files->handles[slot]);
	task->files->handles[slot] = handle;
	return 0;
}

long mm0_fd_get(struct task *task, int fd)
{
	int slot = fd_slot(fd);

	if (!task || !task->files || slot < 0 || !task->files->handles[slot])
		return -EBADF;
	return task->files->handles[slot];
}

long mm0_fd_install(struct task *task, uint32_t handle)
{
	if (!task || !task->files)
		return -ESRCH;
	for (int slot = 0; slot < MM0_FD_MAX; slot++) {
		if (!task->files->handles[slot]) {
			task->files->handles[slot] = handle;
			return MM0_FD_BASE + slot;
		}
	}
	return -EMFILE;
}

void task_set_name(struct task *leader, const char *path)
{
	const char *last = strrchr(path, '/');

	last = last ? last + 1 : path;
	strncpy(leader->name, last, sizeof(leader->name) - 1);
	leader->name[sizeof(leader->name) - 1] = '\0';
}

void task_make_system(struct task *leader)
{
	leader->leader->system = true;
}

bool task_system_runs(const char *name)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &all_tasks) {
		struct task *task = container_of(pos, struct task, node);

		if (task->system && !task->zombie && !strcmp(task->name, name))
			return true;
	}
	return false;
}

long mm0_getpid(struct task *task)
{
	return task ? (long)task->pid : -ESRCH;
}

long mm0_getppid(struct task *task)
{
	if (!task)
		return -ESRCH;
	return task->leader->parent ? (long)task->leader->parent->pid : 0;
}

long mm0_gettid(struct task *task)
{
	return task ? (long)task->tid : -ESRCH;
}

int task_init_self(uint32_t self_tid)
{
	last_pid = 0;
	self = counted_alloc(sizeof(*self));
	if (!self)
		return -ENOMEM;
	self->tid = self->pid = 1;
	self->l4_tid = self_tid;
	self->leader = self;
	self->thread_alive = true;
	rlimit_defaults(&self->rlimits);
	list_init(&self->children);
	list_init(&self->threads);
	list_init(&self->waits);
	list_init(&self->child_node);
	list_add_tail(&self->threads, &self->thread_node);
	self->vm = vm_space_create(self_tid);
	self->files = fd_table_copy(NULL);
	if (!self->vm || !self->files) {
		if (self->vm)
			vm_space_put(self->vm);
		counted_free(self->files);
		counted_free(self);
		self = NULL;
		return -ENOMEM;
	}
	self->utcb_slot = (uint32_t)utcb_alloc(self->vm);
	list_add_tail(&all_tasks, &self->node);
	live_tasks++;
	last_pid = 1;
	return 0;
}

void task_fini_self(void)
{
	task_free(self);
	self = NULL;
}

/* fdtable.c - tasks and their descriptor tables: a table is shared by the
 * tasks that share it (threads) and copied on fork. */
#include <server/counted_alloc.h>
#include "fdtable.h"
#include "file.h"
#include "vfs.h"
#include "vnode.h"

static struct fs0_task *tasks;

struct fs0_task *task_find(fs0_task_t id)
{
	for (struct fs0_task *task = tasks; task; task = task->next)
		if (task->id == id)
			return task;
	return NULL;
}

struct fs0_file *task_file(fs0_task_t id, int fd, int *error)
{
	struct fs0_task *task = task_find(id);
	if (!task) {
		*error = -FS0_ESRCH;
		return NULL;
	}
	struct fs0_file *file = fd_lookup(task->table, fd);
	if (!file)
		*error = -FS0_EBADF;
	return file;
}

static struct fs0_fdtable *table_copy(const struct fs0_fdtable *from)
{
	struct fs0_fdtable *table = counted_alloc(sizeof(*table));
	if (!table)
		return NULL;
	table->refs = 1;
	for (int fd = 0; from && fd < FS0_OPEN_MAX; fd++) {
		table->slots[fd] = from->slots[fd];
		table->cloexec[fd] = from->cloexec[fd];
		if (table->slots[fd])
			file_get(table->slots[fd]);
	}
	return table;
}

static void table_put(struct fs0_fdtable *table)
{
	if (--table->refs)
		return;
	for (int fd = 0; fd < FS0_OPEN_MAX; fd++)
		if (table->slots[fd])
			file_put(table->slots[fd]);
	counted_free(table);
}

/* A child of parent (or a fresh task at "/" when parent is NULL). */
int task_create(fs0_task_t id, struct fs0_task *parent, bool share_table)
{
	struct fs0_task *task = counted_alloc(sizeof(*task));
	if (!task)
		return -FS0_ENOMEM;
	if (parent && share_table) {
		task->table = parent->table;
		task->table->refs++;
	} else {
		task->table = table_copy(parent ? parent->table : NULL);
		if (!task->table) {
			counted_free(task);
			return -FS0_ENOMEM;
		}
	}
	task->id = id;
	task->pid = 0;
	task->cwd = parent ? parent->cwd : vfs_root();
	vnode_get(task->cwd);
	task->next = tasks;
	tasks = task;
	return 0;
}

void task_destroy(struct fs0_task *task)
{
	struct fs0_task **link = &tasks;
	while (*link != task)
		link = &(*link)->next;
	*link = task->next;
	table_put(task->table);
	vnode_put(task->cwd);
	counted_free(task);
}

void task_destroy_all(void)
{
	while (tasks)
		task_destroy(tasks);
}

void task_move_cwd(struct fs0_vnode *from, struct fs0_vnode *to)
{
	for (struct fs0_task *task = tasks; task; task = task->next) {
		if (task->cwd == from) {
			vnode_get(to);
			vnode_put(from);
			task->cwd = to;
		}
	}
}

/* The lowest free descriptor at or above lowest. */
int fd_free_slot(const struct fs0_fdtable *table, int lowest)
{
	for (int fd = lowest; fd < FS0_OPEN_MAX; fd++)
		if (!table->slots[fd])
			return fd;
	return -FS0_EMFILE;
}

struct fs0_file *fd_lookup(struct fs0_fdtable *table, int fd)
{
	if (fd < 0 || fd >= FS0_OPEN_MAX)
		return NULL;
	return table->slots[fd];
}

int fd_close(struct fs0_fdtable *table, int fd)
{
	struct fs0_file *file = fd_lookup(table, fd);
	if (!file)
		return -FS0_EBADF;
	table->slots[fd] = NULL;
	table->cloexec[fd] = false;
	file_put(file);
	return 0;
}

void fd_install(struct fs0_fdtable *table, int fd, struct fs0_file *file, bool cloexec)
{
	table->slots[fd] = file;
	table->cloexec[fd] = cloexec;
}

int task_unshare_table(struct fs0_task *task)
{
	if (task->table->refs == 1)
		return 0;
	struct fs0_fdtable *own = table_copy(task->table);
	if (!own)
		return -FS0_ENOMEM;
	table_put(task->table);
	task->table = own;
	return 0;
}

void task_counts(uint32_t *task_count, uint32_t *table_count, uint32_t *descriptors)
{
	*task_count = *table_count = *descriptors = 0;
	for (struct fs0_task *task = tasks; task; task = task->next) {
		(*task_count)++;
		/* A shared table is counted by the first task in the list using it. */
		bool first = true;
		for (struct fs0_task *other = tasks; other != task; other = other->next)
			if (other->table == task->table)
				first = false;
		if (!first)
			continue;
		(*table_count)++;
		for (int fd = 0; fd < FS0_OPEN_MAX; fd++)
			*descriptors += task->table->slots[fd] != NULL;
	}
}

/* logic_fcntl.c - the logic of fcntl: descriptor duplication at or above a number, the
 * close-on-exec flag of a descriptor, and the status flags of its open file. */
#include "fdtable.h"
#include "file.h"

/* Only these status flags change after open; others in F_SETFL are ignored, as on Linux. */
#define SETFL_FLAGS (FS0_O_APPEND | FS0_O_NONBLOCK)

static int dup_from(struct fs0_fdtable *table, struct fs0_file *file, uint32_t lowest,
		    bool cloexec)
{
	if (lowest >= FS0_OPEN_MAX)
		return -FS0_EINVAL;
	int new_fd = fd_free_slot(table, (int)lowest);
	if (new_fd < 0)
		return new_fd;
	file_get(file);
	fd_install(table, new_fd, file, cloexec);
	return new_fd;
}

int fs_fcntl(fs0_task_t task_id, int fd, int cmd, uint32_t arg)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	struct fs0_fdtable *table = task->table;
	struct fs0_file *file = fd_lookup(table, fd);
	if (!file)
		return -FS0_EBADF;
	switch (cmd) {
	case FS0_F_DUPFD:
		return dup_from(table, file, arg, false);
	case FS0_F_DUPFD_CLOEXEC:
		return dup_from(table, file, arg, true);
	case FS0_F_GETFD:
		return table->cloexec[fd] ? FS0_FD_CLOEXEC : 0;
	case FS0_F_SETFD:
		table->cloexec[fd] = (arg & FS0_FD_CLOEXEC) != 0;
		return 0;
	case FS0_F_GETFL:
		return (int)file->flags;
	case FS0_F_SETFL:
		file->flags = (file->flags & ~(uint32_t)SETFL_FLAGS) | (arg & SETFL_FLAGS);
		return 0;
	default:
		return -FS0_EINVAL;
	}
}

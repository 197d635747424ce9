/* logic_fd.c - the logic of the requests on a descriptor: close, read, write,
 * lseek, fstat, ftruncate, getdents, dup, dup2 and pipe. */
#include <string.h>
#include "device.h"
#include "dir.h"
#include "fdtable.h"
#include "file.h"
#include "locks.h"
#include "pipe.h"
#include "vfs.h"
#include "vnode.h"

int fs_close(fs0_task_t task_id, int fd)
{
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	struct fs0_file *file = fd_lookup(task->table, fd);
	if (file)
		locks_closed(task_id, file->vnode);
	return fd_close(task->table, fd);
}

/* Reads and writes of what is not a regular file: one test keeps files' path short. */
static long special_read(fs0_task_t task_id, struct fs0_file *file, void *buf, size_t len,
			 void *token)
{
	struct fs0_vnode *vnode = file->vnode;
	if (FS0_S_ISFIFO(vnode->mode))
		return pipe_read(task_id, file, buf, len, token);
	if (FS0_S_ISDIR(vnode->mode))
		return -FS0_EISDIR;
	return device_read(vnode, buf, len);
}

static long special_write(fs0_task_t task_id, struct fs0_file *file, const void *buf, size_t len,
			  void *token)
{
	if (FS0_S_ISFIFO(file->vnode->mode))
		return pipe_write(task_id, file, buf, len, token);
	return device_write(file->vnode, buf, len);
}

long fs_read(fs0_task_t task_id, int fd, void *buf, size_t len, void *token)
{
	int error;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	if ((file->flags & FS0_O_ACCMODE) == FS0_O_WRONLY)
		return -FS0_EBADF;
	if (len > FS0_IO_MAX)
		len = FS0_IO_MAX;
	struct fs0_vnode *vnode = file->vnode;
	if (!FS0_S_ISREG(vnode->mode))
		return special_read(task_id, file, buf, len, token);
	long got = vnode->mount->ops->read(vnode, buf, len, file->offset);
	if (got > 0)
		file->offset += got;
	return got;
}

long fs_write(fs0_task_t task_id, int fd, const void *buf, size_t len, void *token)
{
	int error;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	if ((file->flags & FS0_O_ACCMODE) == FS0_O_RDONLY)
		return -FS0_EBADF;
	if (len > FS0_IO_MAX)
		len = FS0_IO_MAX;
	struct fs0_vnode *vnode = file->vnode;
	if (!FS0_S_ISREG(vnode->mode))
		return special_write(task_id, file, buf, len, token);
	if (file->flags & FS0_O_APPEND)
		file->offset = vnode->size;
	long put = vnode->mount->ops->write(vnode, buf, len, file->offset);
	if (put > 0)
		file->offset += put;
	return put;
}

int fs_lseek(fs0_task_t task_id, int fd, int64_t offset, int whence, int64_t *new_offset)
{
	int error;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	if (FS0_S_ISFIFO(file->vnode->mode) ||
	    (FS0_S_ISCHR(file->vnode->mode) && device_is_terminal(file->vnode)))
		return -FS0_ESPIPE;
	int64_t position;
	error = file_position(file, whence, offset, &position);
	if (error)
		return error;
	file->offset = position;
	*new_offset = file->offset;
	return 0;
}

int fs_fstat(fs0_task_t task_id, int fd, struct fs0_stat_info *out)
{
	int error;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	vnode_fill_stat(file->vnode, out);
	return 0;
}

int fs_ftruncate(fs0_task_t task_id, int fd, int64_t length)
{
	int error;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	/* As Linux: a descriptor not open for writing gives EINVAL, not EBADF. */
	if (!FS0_S_ISREG(file->vnode->mode) || (file->flags & FS0_O_ACCMODE) == FS0_O_RDONLY ||
	    length < 0)
		return -FS0_EINVAL;
	return file->vnode->mount->ops->truncate(file->vnode, length);
}

static size_t dirent_size(size_t name_len)
{
	return (FS0_DIRENT_NAME_OFFSET + name_len + 1 + 7) & ~(size_t)7;
}

static uint8_t dirent_type(const struct fs0_vnode *vnode)
{
	if (FS0_S_ISCHR(vnode->mode))
		return FS0_DT_CHR;
	return FS0_S_ISDIR(vnode->mode) ? FS0_DT_DIR : FS0_DT_REG;
}

/* Cookies: 0 is ".", 1 is "..", 2 + n is the directory's entry n. buf must be
 * 8-byte aligned. */
long fs_getdents(fs0_task_t task_id, int fd, void *buf, size_t len)
{
	int error;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	struct fs0_vnode *dir = file->vnode;
	if (!FS0_S_ISDIR(dir->mode))
		return -FS0_ENOTDIR;
	if ((uintptr_t)buf % 8)
		return -FS0_EINVAL;	/* records hold 64-bit fields */
	error = dir_load(dir);
	if (error)
		return error;
	if (dir->nlink == 0 || file->offset >= (int64_t)dir->entry_count + 2)
		return 0;
	int64_t cookie = file->offset;
	struct fs0_dir_entry *entry = cookie >= 2 ? dir_entry_at(dir, (uint32_t)(cookie - 2)) : NULL;
	size_t used = 0;
	while (cookie == 0 || cookie == 1 || entry) {
		const char *name = cookie == 0 ? "." : cookie == 1 ? ".." : entry->name;
		const struct fs0_vnode *vnode = cookie == 0 ? dir :
						cookie == 1 ? vfs_parent(dir) : entry->vnode;
		size_t name_len = strlen(name);
		size_t size = dirent_size(name_len);
		if (size > len - used)
			break;
		struct fs0_dirent *record = (struct fs0_dirent *)((uint8_t *)buf + used);
		record->d_ino = vnode->id;
		record->d_off = cookie + 1;
		record->d_reclen = (uint16_t)size;
		record->d_type = dirent_type(vnode);
		memcpy((char *)record + FS0_DIRENT_NAME_OFFSET, name, name_len + 1);
		used += size;
		entry = cookie >= 2 ? entry->next : cookie == 1 ? dir->entries : NULL;
		cookie++;
	}
	file->offset = cookie;
	if (used == 0)
		return -FS0_EINVAL;
	return (long)used;
}

int fs_dup(fs0_task_t task_id, int fd)
{
	int error;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	struct fs0_fdtable *table = task_find(task_id)->table;
	int new_fd = fd_free_slot(table, 0);
	if (new_fd < 0)
		return new_fd;
	file_get(file);
	fd_install(table, new_fd, file, false);
	return new_fd;
}

int fs_dup2(fs0_task_t task_id, int old_fd, int new_fd)
{
	int error;
	struct fs0_file *file = task_file(task_id, old_fd, &error);
	if (!file)
		return error;
	if (new_fd < 0 || new_fd >= FS0_OPEN_MAX)
		return -FS0_EBADF;
	if (new_fd == old_fd)
		return new_fd;
	struct fs0_fdtable *table = task_find(task_id)->table;
	file_get(file);
	if (table->slots[new_fd])
		fd_close(table, new_fd);
	fd_install(table, new_fd, file, false);
	return new_fd;
}

int fs_pipe(fs0_task_t task_id, uint32_t flags, int fds[2])
{
	if (flags & ~(uint32_t)(FS0_O_NONBLOCK | FS0_O_CLOEXEC))
		return -FS0_EINVAL;
	struct fs0_task *task = task_find(task_id);
	if (!task)
		return -FS0_ESRCH;
	int read_fd = fd_free_slot(task->table, 0);
	if (read_fd < 0)
		return read_fd;
	int write_fd = fd_free_slot(task->table, read_fd + 1);
	if (write_fd < 0)
		return write_fd;
	struct fs0_vnode *vnode;
	int error = pipe_create(&vnode);
	if (error)
		return error;
	vnode_get(vnode);
	struct fs0_file *read_end, *write_end = NULL;
	error = file_open_vnode(vnode, FS0_O_RDONLY | flags, &read_end);
	if (!error) {
		error = file_open_vnode(vnode, FS0_O_WRONLY | flags, &write_end);
		if (error)
			file_put(read_end);
	}
	vnode_put(vnode);
	if (error)
		return error;
	fd_install(task->table, read_fd, read_end, (flags & FS0_O_CLOEXEC) != 0);
	fd_install(task->table, write_fd, write_end, (flags & FS0_O_CLOEXEC) != 0);
	fds[0] = read_fd;
	fds[1] = write_fd;
	return 0;
}

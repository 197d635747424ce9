/* logic_at_offset.c - pread and pwrite: a descriptor's reads and writes at an
 * offset the request names, the open file's own offset left where it is, in
 * one request instead of a seek, the transfer and a seek back. */
#include "device.h"
#include "fdtable.h"
#include "file.h"
#include "vnode.h"

/* The open file of a positioned request: what lseek refuses (pipes,
 * terminals) has no offset to read at either. */
static struct fs0_file *positioned_file(fs0_task_t task_id, int fd, int64_t offset,
					uint32_t refused_access, int *error)
{
	struct fs0_file *file = task_file(task_id, fd, error);
	if (!file)
		return NULL;
	struct fs0_vnode *vnode = file->vnode;
	if ((file->flags & FS0_O_ACCMODE) == refused_access)
		*error = -FS0_EBADF;
	else if (FS0_S_ISFIFO(vnode->mode) || (FS0_S_ISCHR(vnode->mode) && device_is_terminal(vnode)))
		*error = -FS0_ESPIPE;
	else if (offset < 0)
		*error = -FS0_EINVAL;
	else
		return file;
	return NULL;
}

long fs_pread(fs0_task_t task_id, int fd, void *buf, size_t len, int64_t offset)
{
	int error;
	struct fs0_file *file = positioned_file(task_id, fd, offset, FS0_O_WRONLY, &error);
	if (!file)
		return error;
	if (len > FS0_IO_MAX)
		len = FS0_IO_MAX;
	struct fs0_vnode *vnode = file->vnode;
	if (FS0_S_ISDIR(vnode->mode))
		return -FS0_EISDIR;
	if (!FS0_S_ISREG(vnode->mode))
		return device_read(vnode, buf, len);
	return vnode->mount->ops->read(vnode, buf, len, offset);
}

long fs_pwrite(fs0_task_t task_id, int fd, const void *buf, size_t len, int64_t offset)
{
	int error;
	struct fs0_file *file = positioned_file(task_id, fd, offset, FS0_O_RDONLY, &error);
	if (!file)
		return error;
	if (len > FS0_IO_MAX)
		len = FS0_IO_MAX;
	struct fs0_vnode *vnode = file->vnode;
	if (!FS0_S_ISREG(vnode->mode))
		return device_write(vnode, buf, len);
	if (file->flags & FS0_O_APPEND)
		offset = vnode->size;
	return vnode->mount->ops->write(vnode, buf, len, offset);
}

/* file.c - open file descriptions: what open() makes and dup(), dup2() and
 * fork share, with one offset, freed with the last descriptor. */
#include <server/counted_alloc.h>
#include "file.h"
#include "pipe.h"
#include "vnode.h"

static uint32_t live_files;

int file_open_vnode(struct fs0_vnode *vnode, uint32_t flags, struct fs0_file **out)
{
	if (FS0_S_ISFIFO(vnode->mode) && !vnode->pipe) {
		int error = pipe_attach(vnode);
		if (error)
			return error;
	}
	struct fs0_file *file = counted_alloc(sizeof(*file));
	if (!file)
		return -FS0_ENOMEM;
	file->refs = 1;
	file->flags = flags & (FS0_O_ACCMODE | FS0_O_APPEND | FS0_O_NONBLOCK);
	file->vnode = vnode;
	vnode_get(vnode);
	vnode->openers++;
	if (FS0_S_ISFIFO(vnode->mode))
		pipe_end_opened(vnode, flags & FS0_O_ACCMODE);
	live_files++;
	*out = file;
	return 0;
}

void file_get(struct fs0_file *file)
{
	file->refs++;
}

void file_put(struct fs0_file *file)
{
	if (--file->refs)
		return;
	struct fs0_vnode *vnode = file->vnode;
	vnode->openers--;
	if (FS0_S_ISFIFO(vnode->mode))
		pipe_end_closed(vnode, file->flags & FS0_O_ACCMODE);
	vnode_put(vnode);
	live_files--;
	counted_free(file);
}

uint32_t file_live_count(void)
{
	return live_files;
}

int file_position(const struct fs0_file *file, int32_t whence, int64_t offset, int64_t *out)
{
	int64_t base;
	switch (whence) {
	case FS0_SEEK_SET:
		base = 0;
		break;
	case FS0_SEEK_CUR:
		base = file->offset;
		break;
	case FS0_SEEK_END:
		base = file->vnode->size;
		break;
	default:
		return -FS0_EINVAL;
	}
	if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0)
		return -FS0_EINVAL;
	*out = base + offset;
	return 0;
}

/* logic_locks.c - the logic of fcntl's record locks: F_GETLK and F_SETLK /
 * F_SETLKW on a descriptor, ranges given as whence, start and length. */
#include "fdtable.h"
#include "file.h"
#include "locks.h"
#include "vnode.h"

/* want's range as [start, end]: -FS0_EINVAL before the file's start or for
 * an unknown whence or type, -FS0_EOVERFLOW past INT64_MAX. */
static int span_of(const struct fs0_file *file, const struct fs0_lock_range *want, struct lock_span *out)
{
	if (want->type != FS0_F_RDLCK && want->type != FS0_F_WRLCK && want->type != FS0_F_UNLCK)
		return -FS0_EINVAL;
	int64_t start;
	int error = file_position(file, want->whence, want->start, &start);
	if (error)
		return error;
	int64_t end;
	if (want->len == 0) {
		end = INT64_MAX;
	} else if (want->len > 0) {
		if (want->len - 1 > INT64_MAX - start)
			return -FS0_EOVERFLOW;
		end = start + (want->len - 1);
	} else {
		if (start + want->len < 0)
			return -FS0_EINVAL;
		end = start - 1;
		start += want->len;
	}
	*out = (struct lock_span){ .start = start, .end = end, .type = want->type, .pid = want->pid };
	return 0;
}

int fs_getlk(fs0_task_t task_id, int fd, const struct fs0_lock_range *want, struct fs0_lock_range *out)
{
	int error = 0;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	struct lock_span span;
	error = span_of(file, want, &span);
	if (error)
		return error;
	if (span.type == FS0_F_UNLCK)
		return -FS0_EINVAL;
	*out = *want;
	const struct lock_span *held = locks_conflict(file->vnode, &span);
	if (!held) {
		out->type = FS0_F_UNLCK;
		return 0;
	}
	out->type = held->type;
	out->whence = FS0_SEEK_SET;
	out->start = held->start;
	out->len = held->end == INT64_MAX ? 0 : held->end - held->start + 1;
	out->pid = held->pid;
	return 0;
}

/* A lock for reading needs a descriptor open for reading, one for writing
 * one open for writing (-FS0_EBADF, as Linux). */
long fs_setlk(fs0_task_t task_id, int fd, bool wait, const struct fs0_lock_range *want, void *token)
{
	int error = 0;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	struct lock_span span;
	error = span_of(file, want, &span);
	if (error)
		return error;
	uint32_t access = file->flags & FS0_O_ACCMODE;
	if ((span.type == FS0_F_RDLCK && access == FS0_O_WRONLY) ||
	    (span.type == FS0_F_WRLCK && access == FS0_O_RDONLY))
		return -FS0_EBADF;
	error = locks_note_pid(task_id, span.pid);
	if (error)
		return error;
	if (span.type != FS0_F_UNLCK && locks_conflict(file->vnode, &span))
		return wait && token ? locks_wait(task_id, file, &span, token) : -FS0_EAGAIN;
	return locks_apply(file->vnode, &span);
}

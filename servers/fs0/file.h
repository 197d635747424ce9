/* file.h - open file descriptions (file.c). */
#ifndef FS0_FILE_H
#define FS0_FILE_H

#include <stdint.h>

struct fs0_vnode;

/* An open file description: shared by dup, dup2 and fork, one offset. */
struct fs0_file {
	uint32_t refs;
	uint32_t flags;			/* FS0_O_ACCMODE | FS0_O_APPEND | FS0_O_NONBLOCK */
	int64_t offset;			/* byte offset, or entry cookie for directories */
	struct fs0_vnode *vnode;
};

int file_open_vnode(struct fs0_vnode *vnode, uint32_t flags, struct fs0_file **out);
void file_get(struct fs0_file *file);
void file_put(struct fs0_file *file);
uint32_t file_live_count(void);
/* offset from whence (FS0_SEEK_SET, _CUR or _END) as a position in file, for
 * lseek and record locks: -FS0_EINVAL for another whence, a position before
 * the start, or one past INT64_MAX. */
int file_position(const struct fs0_file *file, int32_t whence, int64_t offset, int64_t *out);

#endif

/* path_base.h - where a request's path starts (path_base.c): the task's cwd,
 * the root, or the directory open at an *at request's dirfd. */
#ifndef FS0_PATH_BASE_H
#define FS0_PATH_BASE_H

#include <stdbool.h>
#include "fs0_logic.h"

struct fs0_lookup;
struct fs0_task;
struct fs0_vnode;

/* The directory path is relative to: task's cwd for FS0_AT_FDCWD (and for an
 * absolute path, where dirfd is not even looked at), else the directory
 * open at dirfd (-FS0_EBADF, -FS0_ENOTDIR). Not referenced: it lives while
 * the request runs. */
int path_base(struct fs0_task *task, int dirfd, const char *path, struct fs0_vnode **base);
/* vfs_lookup and vfs_resolve from there; -FS0_ESRCH for an unknown task. */
int at_lookup(fs0_task_t task_id, int dirfd, const char *path, bool follow, struct fs0_lookup *out);
int at_resolve(fs0_task_t task_id, int dirfd, const char *path, bool follow, struct fs0_vnode **out);

#endif

/* perm.h - who a request acts as, and the permission checks on a vnode's
 * owner, group and mode bits (perm.c). */
#ifndef FS0_PERM_H
#define FS0_PERM_H

#include <stdbool.h>
#include <stdint.h>

struct fs0_vnode;
struct fs0_task;

struct fs0_cred {
	uint32_t uid;
	uint32_t gid;
};

/* Who task's requests act as. fs0 is not told of user ids (mm0 runs every
 * process as root), so this is root for every task. */
struct fs0_cred task_cred(const struct fs0_task *task);

/* Whether cred may do want (FS0_R_OK | FS0_W_OK | FS0_X_OK) to vnode: 0 or
 * -FS0_EACCES. Root may read and write anything and execute what has an x
 * bit (a directory: search always); others get the owner's, the group's or
 * the others' bits, the first class they belong to. */
int perm_check(const struct fs0_vnode *vnode, struct fs0_cred cred, uint32_t want);
/* Whether cred may change vnode's mode and times: root or the owner. */
bool perm_owns(const struct fs0_vnode *vnode, struct fs0_cred cred);

#endif

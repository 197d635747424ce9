/* perm.c - permission checks by owner, group and other, with root's
 * exceptions as Linux makes them. */
#include "perm.h"
#include "vnode.h"

#define ROOT_UID	0u
#define ANY_X_BITS	0111u

struct fs0_cred task_cred(const struct fs0_task *task)
{
	(void)task;
	return (struct fs0_cred){ .uid = ROOT_UID, .gid = 0 };
}

int perm_check(const struct fs0_vnode *vnode, struct fs0_cred cred, uint32_t want)
{
	want &= FS0_R_OK | FS0_W_OK | FS0_X_OK;
	if (cred.uid == ROOT_UID) {
		bool can_x = FS0_S_ISDIR(vnode->mode) || (vnode->mode & ANY_X_BITS);
		return (want & FS0_X_OK) && !can_x ? -FS0_EACCES : 0;
	}
	uint32_t bits;
	if (cred.uid == vnode->uid)
		bits = (vnode->mode >> 6) & 7u;
	else if (cred.gid == vnode->gid)
		bits = (vnode->mode >> 3) & 7u;
	else
		bits = vnode->mode & 7u;
	return (bits & want) == want ? 0 : -FS0_EACCES;
}

bool perm_owns(const struct fs0_vnode *vnode, struct fs0_cred cred)
{
	return cred.uid == ROOT_UID || cred.uid == vnode->uid;
}

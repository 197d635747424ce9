/* logic_meta.c - the logic of a file's status: access checks, mode bits,
 * owner and group, and times set by request. */
#include "fdtable.h"
#include "file.h"
#include "clock.h"
#include "path_base.h"
#include "perm.h"
#include "vnode.h"

#define ROOT_UID	0u

int fs_access(fs0_task_t task_id, int dirfd, const char *path, int mode, uint32_t at_flags)
{
	if (mode & ~(FS0_R_OK | FS0_W_OK | FS0_X_OK))
		return -FS0_EINVAL;
	struct fs0_vnode *vnode;
	int error = at_resolve(task_id, dirfd, path, !(at_flags & FS0_AT_SYMLINK_NOFOLLOW), &vnode);
	if (error)
		return error;
	error = perm_check(vnode, task_cred(task_find(task_id)), (uint32_t)mode);
	if (!error && (mode & FS0_W_OK) && vnode->mount && vnode->mount->read_only &&
	    (FS0_S_ISREG(vnode->mode) || FS0_S_ISDIR(vnode->mode) || FS0_S_ISLNK(vnode->mode)))
		error = -FS0_EROFS;
	vnode_put(vnode);
	return error;
}

/* The vnode of a request on a descriptor, or NULL with *error set. */
static struct fs0_vnode *fd_vnode(fs0_task_t task_id, int fd, struct fs0_task **task, int *error)
{
	*task = task_find(task_id);
	if (!*task) {
		*error = -FS0_ESRCH;
		return NULL;
	}
	struct fs0_file *file = fd_lookup((*task)->table, fd);
	if (!file)
		*error = -FS0_EBADF;
	return file ? file->vnode : NULL;
}

static bool on_read_only(const struct fs0_vnode *vnode)
{
	return vnode->mount && vnode->mount->read_only;
}

/* A link's own mode cannot change (Linux: EOPNOTSUPP for fchmodat's NOFOLLOW). */
static int change_mode(const struct fs0_task *task, struct fs0_vnode *vnode, uint32_t mode)
{
	if (FS0_S_ISLNK(vnode->mode))
		return -FS0_EOPNOTSUPP;
	if (!perm_owns(vnode, task_cred(task)))
		return -FS0_EPERM;
	if (on_read_only(vnode))
		return -FS0_EROFS;
	vnode->mode = (vnode->mode & FS0_S_IFMT) | (mode & FS0_S_PERM_MASK);
	vnode_touch_status(vnode);
	return FS0_HOOK(vnode->mount, setattr, vnode);
}

int fs_chmod(fs0_task_t task_id, int dirfd, const char *path, uint32_t mode, uint32_t at_flags)
{
	struct fs0_vnode *vnode;
	int error = at_resolve(task_id, dirfd, path, !(at_flags & FS0_AT_SYMLINK_NOFOLLOW), &vnode);
	if (error)
		return error;
	error = change_mode(task_find(task_id), vnode, mode);
	vnode_put(vnode);
	return error;
}

int fs_fchmod(fs0_task_t task_id, int fd, uint32_t mode)
{
	struct fs0_task *task;
	int error = 0;
	struct fs0_vnode *vnode = fd_vnode(task_id, fd, &task, &error);
	return vnode ? change_mode(task, vnode, mode) : error;
}

/* Root may give anything away; an owner may only move the file into its own
 * group. A change of owner or group clears set-user-id, and set-group-id
 * where the group may execute, as Linux does. */
static int change_owner(const struct fs0_task *task, struct fs0_vnode *vnode, uint32_t uid, uint32_t gid)
{
	struct fs0_cred cred = task_cred(task);
	bool new_uid = uid != FS0_ID_UNCHANGED && uid != vnode->uid;
	bool new_gid = gid != FS0_ID_UNCHANGED && gid != vnode->gid;
	if (cred.uid != ROOT_UID && (new_uid || (gid != FS0_ID_UNCHANGED &&
		(cred.uid != vnode->uid || gid != cred.gid))))
		return -FS0_EPERM;
	if (on_read_only(vnode))
		return -FS0_EROFS;
	if (uid != FS0_ID_UNCHANGED)
		vnode->uid = uid;
	if (gid != FS0_ID_UNCHANGED)
		vnode->gid = gid;
	if ((new_uid || new_gid) && !FS0_S_ISDIR(vnode->mode) && !FS0_S_ISLNK(vnode->mode)) {
		vnode->mode &= ~(uint32_t)FS0_S_ISUID;
		if (vnode->mode & 010)
			vnode->mode &= ~(uint32_t)FS0_S_ISGID;
	}
	vnode_touch_status(vnode);
	return FS0_HOOK(vnode->mount, setattr, vnode);
}

int fs_chown(fs0_task_t task_id, int dirfd, const char *path, uint32_t uid, uint32_t gid,
	     uint32_t at_flags)
{
	struct fs0_vnode *vnode;
	int error = at_resolve(task_id, dirfd, path, !(at_flags & FS0_AT_SYMLINK_NOFOLLOW), &vnode);
	if (error)
		return error;
	error = change_owner(task_find(task_id), vnode, uid, gid);
	vnode_put(vnode);
	return error;
}

int fs_fchown(fs0_task_t task_id, int fd, uint32_t uid, uint32_t gid)
{
	struct fs0_task *task;
	int error = 0;
	struct fs0_vnode *vnode = fd_vnode(task_id, fd, &task, &error);
	return vnode ? change_owner(task, vnode, uid, gid) : error;
}

static bool valid_nsec(int32_t nsec)
{
	return (nsec >= 0 && nsec < 1000000000) || nsec == FS0_UTIME_NOW || nsec == FS0_UTIME_OMIT;
}

static void set_time(struct fs0_time *field, int64_t sec, int32_t nsec, const struct fs0_time *now)
{
	if (nsec == FS0_UTIME_OMIT)
		return;
	if (nsec == FS0_UTIME_NOW) {
		*field = *now;
		return;
	}
	field->sec = sec;
	field->nsec = (uint32_t)nsec;
}

/* Times of one's choosing need ownership; "now" for both needs only write
 * permission (as utime(path, NULL) does). */
static int change_times(const struct fs0_task *task, struct fs0_vnode *vnode,
			const struct fs0_file_times *times)
{
	if (!valid_nsec(times->atime_nsec) || !valid_nsec(times->mtime_nsec))
		return -FS0_EINVAL;
	if (times->atime_nsec == FS0_UTIME_OMIT && times->mtime_nsec == FS0_UTIME_OMIT)
		return 0;
	struct fs0_cred cred = task_cred(task);
	bool both_now = times->atime_nsec == FS0_UTIME_NOW && times->mtime_nsec == FS0_UTIME_NOW;
	if (!perm_owns(vnode, cred)) {
		if (!both_now)
			return -FS0_EPERM;
		if (perm_check(vnode, cred, FS0_W_OK))
			return -FS0_EACCES;
	}
	if (on_read_only(vnode))
		return -FS0_EROFS;
	struct fs0_time now;
	clock_now(&now);
	set_time(&vnode->atime, times->atime_sec, times->atime_nsec, &now);
	set_time(&vnode->mtime, times->mtime_sec, times->mtime_nsec, &now);
	vnode->ctime = now;
	vnode->atime_due = true;	/* ctime is now not older than atime */
	return FS0_HOOK(vnode->mount, setattr, vnode);
}

int fs_utimens(fs0_task_t task_id, int dirfd, const char *path, const struct fs0_file_times *times,
	       uint32_t at_flags)
{
	struct fs0_vnode *vnode;
	int error = at_resolve(task_id, dirfd, path, !(at_flags & FS0_AT_SYMLINK_NOFOLLOW), &vnode);
	if (error)
		return error;
	error = change_times(task_find(task_id), vnode, times);
	vnode_put(vnode);
	return error;
}

int fs_futimens(fs0_task_t task_id, int fd, const struct fs0_file_times *times)
{
	struct fs0_task *task;
	int error = 0;
	struct fs0_vnode *vnode = fd_vnode(task_id, fd, &task, &error);
	return vnode ? change_times(task, vnode, times) : error;
}

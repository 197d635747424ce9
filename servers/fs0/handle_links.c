/* handle_links.c - the handlers of the requests on names and status: links,
 * symbolic links, named pipes, realpath, access, mode, owner and times,
 * record locks and the file system's figures. */
#include "fs0_logic.h"
#include "fs0_server.h"
#include "serve_pending.h"

int fs0_handle_access(struct idlrt_request *idl_rq, int32_t dirfd, const char *path, int32_t mode,
		      uint32_t at_flags)
{
	return fs_access(idl_rq->client, dirfd, path, mode, at_flags);
}

int fs0_handle_fchdir(struct idlrt_request *idl_rq, int32_t fd)
{
	return fs_fchdir(idl_rq->client, fd);
}

int fs0_handle_link(struct idlrt_request *idl_rq, int32_t old_dirfd, const char *old_path,
		    int32_t new_dirfd, const char *new_path, uint32_t at_flags)
{
	return fs_link(idl_rq->client, old_dirfd, old_path, new_dirfd, new_path, at_flags);
}

int fs0_handle_symlink(struct idlrt_request *idl_rq, const char *target, int32_t dirfd, const char *path)
{
	return fs_symlink(idl_rq->client, target, dirfd, path);
}

/* An out bulk buffer: *len holds its capacity coming in, the bytes used going out. */
int fs0_handle_readlink(struct idlrt_request *idl_rq, int32_t dirfd, const char *path, void *target,
			uint32_t *target_len)
{
	long length = fs_readlink(idl_rq->client, dirfd, path, target, *target_len);
	*target_len = length > 0 ? (uint32_t)length : 0;
	return (int)length;
}

int fs0_handle_chmod(struct idlrt_request *idl_rq, int32_t dirfd, const char *path, uint32_t mode,
		     uint32_t at_flags)
{
	return fs_chmod(idl_rq->client, dirfd, path, mode, at_flags);
}

int fs0_handle_fchmod(struct idlrt_request *idl_rq, int32_t fd, uint32_t mode)
{
	return fs_fchmod(idl_rq->client, fd, mode);
}

int fs0_handle_chown(struct idlrt_request *idl_rq, int32_t dirfd, const char *path, uint32_t uid,
		     uint32_t gid, uint32_t at_flags)
{
	return fs_chown(idl_rq->client, dirfd, path, uid, gid, at_flags);
}

int fs0_handle_fchown(struct idlrt_request *idl_rq, int32_t fd, uint32_t uid, uint32_t gid)
{
	return fs_fchown(idl_rq->client, fd, uid, gid);
}

int fs0_handle_utimens(struct idlrt_request *idl_rq, int32_t dirfd, const char *path,
		       const struct fs0_file_times *times, uint32_t at_flags)
{
	return fs_utimens(idl_rq->client, dirfd, path, times, at_flags);
}

int fs0_handle_futimens(struct idlrt_request *idl_rq, int32_t fd, const struct fs0_file_times *times)
{
	return fs_futimens(idl_rq->client, fd, times);
}

int fs0_handle_mknod(struct idlrt_request *idl_rq, int32_t dirfd, const char *path, uint32_t mode)
{
	return fs_mknod(idl_rq->client, dirfd, path, mode);
}

int fs0_handle_realpath(struct idlrt_request *idl_rq, int32_t dirfd, const char *path, void *resolved,
			uint32_t *resolved_len)
{
	long length = fs_realpath(idl_rq->client, dirfd, path, resolved, *resolved_len);
	*resolved_len = length > 0 ? (uint32_t)length : 0;
	return (int)length;
}

int fs0_handle_getlk(struct idlrt_request *idl_rq, int32_t fd, const struct fs0_lock_range *want,
		     struct fs0_lock_range *held)
{
	return fs_getlk(idl_rq->client, fd, want, held);
}

static int setlk_reply(const struct serve_pending *pending, int result)
{
	return fs0_setlk_reply(pending->token, result);
}

int fs0_handle_setlk(struct idlrt_request *idl_rq, idlrt_token_t idl_token, int32_t fd, bool wait,
		     const struct fs0_lock_range *want)
{
	struct serve_pending pending = { .token = idl_token, .reply = setlk_reply };
	return (int)fs_setlk(idl_rq->client, fd, wait, want, &pending);
}

int fs0_handle_statvfs(struct idlrt_request *idl_rq, int32_t dirfd, const char *path,
		       struct fs0_vfs_info *info)
{
	return fs_statvfs(idl_rq->client, dirfd, path, info);
}

int fs0_handle_fstatvfs(struct idlrt_request *idl_rq, int32_t fd, struct fs0_vfs_info *info)
{
	return fs_fstatvfs(idl_rq->client, fd, info);
}

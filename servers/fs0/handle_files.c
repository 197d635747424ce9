/* handle_files.c - the handlers of every task's file requests: the caller's
 * thread id is its task id; paths arrive as bulk strings the dispatch has
 * copied and terminated, data comes from the caller's shared buffer. */
#include "fs0_server.h"
#include "serve.h"
#include "serve_pending.h"

int fs0_handle_open(struct idlrt_request *idl_rq, int32_t dirfd, const char *path, uint32_t flags,
		    uint32_t mode)
{
	return fs_open(idl_rq->client, dirfd, path, flags, mode);
}

int fs0_handle_stat(struct idlrt_request *idl_rq, int32_t dirfd, const char *path, uint32_t at_flags,
		    struct fs0_stat_info *st)
{
	return fs_stat(idl_rq->client, dirfd, path, at_flags, st);
}

int fs0_handle_mkdir(struct idlrt_request *idl_rq, int32_t dirfd, const char *path, uint32_t mode)
{
	return fs_mkdir(idl_rq->client, dirfd, path, mode);
}

int fs0_handle_rmdir(struct idlrt_request *idl_rq, int32_t dirfd, const char *path)
{
	return fs_rmdir(idl_rq->client, dirfd, path);
}

int fs0_handle_unlink(struct idlrt_request *idl_rq, int32_t dirfd, const char *path)
{
	return fs_unlink(idl_rq->client, dirfd, path);
}

int fs0_handle_rename(struct idlrt_request *idl_rq, int32_t old_dirfd, const char *old_path,
		      int32_t new_dirfd, const char *new_path)
{
	return fs_rename(idl_rq->client, old_dirfd, old_path, new_dirfd, new_path);
}

int fs0_handle_chdir(struct idlrt_request *idl_rq, const char *path)
{
	return fs_chdir(idl_rq->client, path);
}

int fs0_handle_getcwd(struct idlrt_request *idl_rq, void *cwd, uint32_t *cwd_len)
{
	int length = fs_getcwd(idl_rq->client, cwd, *cwd_len);
	if (length >= 0)
		*cwd_len = (uint32_t)length;
	return length;
}

int fs0_handle_close(struct idlrt_request *idl_rq, int32_t fd)
{
	return fs_close(idl_rq->client, fd);
}

/* A pipe read answered later: its bytes are already where the dispatch
 * resolved data, so the reply names that place and their count. */
static int read_reply(const struct serve_pending *pending, int result)
{
	return fs0_read_reply(pending->token, result, pending->token.bulk_at,
			      result > 0 ? (uint32_t)result : 0);
}

/* The bytes land in the caller's buffer where the dispatch resolved data (the
 * token remembers it, so a pipe read answered later reports its length there). */
int fs0_handle_read(struct idlrt_request *idl_rq, idlrt_token_t idl_token, int32_t fd, void *data,
		    uint32_t *data_len)
{
	struct serve_pending pending = { .token = idl_token, .reply = read_reply };
	long result = fs_read(idl_rq->client, fd, data, *data_len, &pending);
	if (result >= 0)
		*data_len = (uint32_t)result;
	return (int)result;
}

static int write_reply(const struct serve_pending *pending, int result)
{
	return fs0_write_reply(pending->token, result);
}

int fs0_handle_write(struct idlrt_request *idl_rq, idlrt_token_t idl_token, int32_t fd, const void *data,
		     uint32_t data_len)
{
	struct serve_pending pending = { .token = idl_token, .reply = write_reply };
	return (int)fs_write(idl_rq->client, fd, data, data_len, &pending);
}

int fs0_handle_lseek(struct idlrt_request *idl_rq, int32_t fd, int64_t offset, int32_t whence,
		     int64_t *new_offset)
{
	return fs_lseek(idl_rq->client, fd, offset, whence, new_offset);
}

int fs0_handle_fstat(struct idlrt_request *idl_rq, int32_t fd, struct fs0_stat_info *st)
{
	return fs_fstat(idl_rq->client, fd, st);
}

int fs0_handle_ftruncate(struct idlrt_request *idl_rq, int32_t fd, int64_t length)
{
	return fs_ftruncate(idl_rq->client, fd, length);
}

int fs0_handle_getdents(struct idlrt_request *idl_rq, int32_t fd, void *records, uint32_t *records_len)
{
	long bytes = fs_getdents(idl_rq->client, fd, records, *records_len);
	if (bytes >= 0)
		*records_len = (uint32_t)bytes;
	return (int)bytes;
}

int fs0_handle_dup(struct idlrt_request *idl_rq, int32_t fd)
{
	return fs_dup(idl_rq->client, fd);
}

int fs0_handle_dup2(struct idlrt_request *idl_rq, int32_t old_fd, int32_t new_fd)
{
	return fs_dup2(idl_rq->client, old_fd, new_fd);
}

int fs0_handle_fcntl(struct idlrt_request *idl_rq, int32_t fd, int32_t cmd, uint32_t arg)
{
	return fs_fcntl(idl_rq->client, fd, cmd, arg);
}

int fs0_handle_pipe(struct idlrt_request *idl_rq, uint32_t flags, int32_t fds[2])
{
	int pair[2];
	int error = fs_pipe(idl_rq->client, flags, pair);
	if (error == 0) {
		fds[0] = pair[0];
		fds[1] = pair[1];
	}
	return error;
}

int fs0_handle_stats(struct idlrt_request *idl_rq, struct fs0_counts *now)
{
	struct fs0_stats stats;
	(void)idl_rq;
	fs_stats(&stats);
	now->vnodes = stats.vnodes;
	now->files = stats.files;
	now->descriptors = stats.descriptors;
	now->tables = stats.tables;
	now->tasks = stats.tasks;
	now->pipes = stats.pipes;
	now->mounts = stats.mounts;
	now->handles = stats.handles;
	now->pending = stats.pending;
	now->allocations = stats.allocations;
	return 0;
}

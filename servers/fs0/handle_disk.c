/* handle_disk.c - the handlers of the disk requests: fsync, sync, syncfs,
 * mm0's fsync of a mapped file (msync(MS_SYNC)), and mm0's power_off,
 * which writes everything back and unmounts. */
#include "fs0_logic.h"
#include "fs0_server.h"
#include "serve.h"

int fs0_handle_fsync(struct idlrt_request *idl_rq, int32_t fd, uint32_t data_only)
{
	return fs_fsync(idl_rq->client, fd, data_only != 0);
}

int fs0_handle_sync(struct idlrt_request *idl_rq)
{
	(void)idl_rq;
	return fs_sync();
}

int fs0_handle_syncfs(struct idlrt_request *idl_rq, int32_t fd)
{
	return fs_syncfs(idl_rq->client, fd);
}

int fs0_handle_mm_fsync(struct idlrt_request *idl_rq, uint32_t handle)
{
	int error = serve_require_mm0(idl_rq);
	return error ? error : fs_mm_fsync(handle);
}

/* Everything is written back (the answer tells how that went), then every
 * task ends and every file system is unmounted, a disk's marked clean;
 * fs0 answers each later request as from a task it does not know. */
int fs0_handle_power_off(struct idlrt_request *idl_rq)
{
	int error = serve_require_mm0(idl_rq);
	if (error)
		return error;
	error = fs_sync();
	fs0_serve_shutdown();
	return error;
}

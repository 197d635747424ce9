/* handle_at_offset.c - the handlers of pread and pwrite: the bytes land in,
 * or come from, the caller's shared buffer where the dispatch resolved data. */
#include "fs0_server.h"
#include "serve.h"

int fs0_handle_pread(struct idlrt_request *idl_rq, int32_t fd, int64_t offset, void *data,
		     uint32_t *data_len)
{
	long result = fs_pread(idl_rq->client, fd, data, *data_len, offset);
	if (result >= 0)
		*data_len = (uint32_t)result;
	return (int)result;
}

int fs0_handle_pwrite(struct idlrt_request *idl_rq, int32_t fd, int64_t offset, const void *data,
		      uint32_t data_len)
{
	return (int)fs_pwrite(idl_rq->client, fd, data, data_len, offset);
}

/* The handlers of mm0.idl's bulk buffer requests (proc/bulk_link.c). */
#include "mm0_server.h"
#include "proc/bulk_link.h"
#include "proc/task.h"

int mm_handle_bulk_buffer(struct idlrt_request *idl_rq, uint32_t server, uintptr_t *addr, uint32_t *size)
{
	long result = bulk_link_buffer(task_by_l4_tid(idl_rq->client), server, size);

	if (result < 0)
		return (int)result;
	*addr = (uintptr_t)result;
	return 0;
}

int mm_handle_bulk_attach(struct idlrt_request *idl_rq, uint32_t client, uintptr_t *addr, uint32_t *size,
			  uint32_t *gone, uint32_t *gone_count)
{
	long result = bulk_link_attach(task_by_l4_tid(idl_rq->client), client, size, gone, gone_count);

	if (result < 0)
		return (int)result;
	*addr = (uintptr_t)result;
	return 0;
}

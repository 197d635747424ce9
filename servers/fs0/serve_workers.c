/* serve_workers.c - which of fs0's threads serves callers on each processor
 * (the workers request): the table is filled by the target's start-up
 * (arm/workers.c) or a host test, and empty while fs0 runs one thread. */
#include "fs0_server.h"
#include "serve.h"

static l4_tid_t worker_of_processor[FS0_WORKERS_MAX];
static uint32_t processors_served;

int serve_set_workers(const l4_tid_t *tids, uint32_t count)
{
	if (count > FS0_WORKERS_MAX)
		return -FS0_EINVAL;
	for (uint32_t i = 0; i < count; i++)
		if (tids[i] == L4_NILTHREAD)
			return -FS0_EINVAL;
	for (uint32_t i = 0; i < count; i++)
		worker_of_processor[i] = tids[i];
	processors_served = count;
	return 0;
}

int fs0_handle_workers(struct idlrt_request *idl_rq, uint32_t *tids, uint32_t *tids_count)
{
	(void)idl_rq;
	for (uint32_t i = 0; i < processors_served; i++)
		tids[i] = worker_of_processor[i];
	*tids_count = processors_served;
	return 0;
}

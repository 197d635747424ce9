/* The process-time, session and real-time requests of idl/mm0.idl. */
#include "mm0_server.h"
#include "proc/rusage.h"
#include "proc/signals.h"
#include "proc/task.h"
#include "serve/time_requests.h"

int64_t serve_boot_time_ns;

static struct task *caller(const struct idlrt_request *rq)
{
	return task_by_l4_tid(rq->client);
}

int mm_handle_cpu_time(struct idlrt_request *idl_rq, int32_t who, uint64_t *ns)
{
	return (int)mm0_cpu_time(caller(idl_rq), who, ns);
}

int mm_handle_setsid(struct idlrt_request *idl_rq)
{
	return (int)signal_setsid(caller(idl_rq));
}

int mm_handle_getsid(struct idlrt_request *idl_rq, int32_t pid)
{
	return (int)signal_getsid(caller(idl_rq), pid);
}

int mm_handle_boot_time(struct idlrt_request *idl_rq, int64_t *ns)
{
	(void)idl_rq;
	*ns = serve_boot_time_ns;
	return 0;
}

/* trace_requests.c - mm.pid_of: a thread's process id, for the trace lines
 * of a traced system server (console-trace.elf). */
#include <errno.h>

#include "mm0_server.h"
#include "proc/task.h"

int mm_handle_pid_of(struct idlrt_request *idl_rq, uint32_t thread)
{
	const struct task *caller = task_by_l4_tid(idl_rq->client);
	const struct task *task;

	if (!caller)
		return -ESRCH;
	/* Which process a thread belongs to is the system's business, not a program's. */
	if (!caller->leader->system)
		return -EPERM;
	task = task_by_l4_tid(thread);
	return task ? (int)task->pid : -ESRCH;
}

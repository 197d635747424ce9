/* trace.c - mm0-trace.elf only: how the traced dispatch's lines name mm0's callers. */
#include <idlrt/trace_console.h>

#include "proc/task.h"
#include "trace.h"

static const char *caller_name(l4_tid_t tid)
{
	const struct task *task = task_by_l4_tid(tid);
	return task ? idlrt_trace_caller(task->pid, 1) : idlrt_trace_caller(L4_TID_SLOT(tid), 0);
}

void mm0_trace_start(void)
{
	idlrt_trace_to_console(caller_name);
}

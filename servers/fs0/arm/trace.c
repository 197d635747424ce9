/* trace.c - fs0-trace.elf only: how the traced dispatch's lines name fs0's callers. */
#include <idlrt/trace_console.h>
#include "fs0_logic.h"
#include "trace.h"

static l4_tid_t trace_mm0;

/* A caller is its process id, which mm0 gave with task_fork; a thread fs0
 * was never told about (fs0's own) is its kernel thread slot instead. */
static const char *caller_name(l4_tid_t tid)
{
	if (tid == trace_mm0)
		return "[mm0]";
	uint32_t pid = fs_task_pid(tid);
	return pid ? idlrt_trace_caller(pid, 1) : idlrt_trace_caller(L4_TID_SLOT(tid), 0);
}

void fs0_trace_start(l4_tid_t mm0)
{
	trace_mm0 = mm0;
	idlrt_trace_to_console(caller_name);
}

/* trace.c - fs0-trace.elf only: where the traced dispatch's lines go and how callers are named. */
#include <idlrt/idlrt.h>
#include <l4/syscalls.h>
#include <stdbool.h>
#include "fs0_logic.h"
#include "trace.h"

/* "[t" + up to 10 digits + "]" + NUL */
#define CALLER_NAME_SIZE 16

static l4_tid_t trace_mm0;

static void trace_line(const char *line)
{
	char text[IDLRT_TB_SIZE + 1];	/* the line, its NUL replaced by a newline */
	uint32_t len = 0;
	while (line[len] && len + 1 < sizeof(text)) {
		text[len] = line[len];
		len++;
	}
	text[len++] = '\n';
	l4_kdebug_puts(text, len);
}

/* A caller is its process id, which mm0 gave with task_fork; a thread fs0
 * was never told about (fs0's own) is its kernel thread slot instead. */
static const char *caller_name(l4_tid_t tid)
{
	static char name[CALLER_NAME_SIZE];
	if (tid == trace_mm0)
		return "mm0";
	uint32_t number = fs_task_pid(tid);
	bool is_pid = number != 0;
	if (!is_pid)
		number = L4_TID_SLOT(tid);
	char digits[10];
	int n = 0;
	do {
		digits[n++] = (char)('0' + number % 10);
		number /= 10;
	} while (number);
	int len = 0;
	name[len++] = '[';
	if (!is_pid)
		name[len++] = 't';
	while (n)
		name[len++] = digits[--n];
	name[len++] = ']';
	name[len] = '\0';
	return name;
}

void fs0_trace_start(l4_tid_t mm0)
{
	trace_mm0 = mm0;
	idlrt_trace_sink = trace_line;
	idlrt_trace_name = caller_name;
}

/* trace.c - fs0-trace.elf only: where the traced dispatch's lines go and how callers are named. */
#include <idlrt/idlrt.h>
#include <l4/syscalls.h>
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

/* fs0 knows its callers by thread id only (mm0 keeps the pids), so a caller
 * is its kernel thread slot, which stays the same for the thread's life. */
static const char *caller_name(l4_tid_t tid)
{
	static char name[CALLER_NAME_SIZE];
	if (tid == trace_mm0)
		return "mm0";
	char digits[10];
	int n = 0;
	uint32_t slot = L4_TID_SLOT(tid);
	do {
		digits[n++] = (char)('0' + slot % 10);
		slot /= 10;
	} while (slot);
	int len = 0;
	name[len++] = '[';
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

/* trace_console.c - the target's traced servers write their trace lines on the kernel console. */
#include <l4/syscalls.h>
#include <idlrt/trace_console.h>

static void console_line(const char *line)
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

void idlrt_trace_to_console(const char *(*name_of)(l4_tid_t tid))
{
	idlrt_trace_name = name_of;
	idlrt_trace_sink = console_line;
}

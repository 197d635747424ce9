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

/* The callers' pids a server had to ask for, each thread once: a thread id
 * is never reused with the same version, so an answer stays true. */
#define ASKED_PIDS 32
static struct {
	l4_tid_t tid;
	uint32_t pid;	/* 0: the entry is empty */
} asked_pids[ASKED_PIDS];
static unsigned asked_pids_next;
static int (*ask_pid_of)(l4_tid_t tid);

static int asked_pid(l4_tid_t tid)
{
	for (unsigned i = 0; i < ASKED_PIDS; i++)
		if (asked_pids[i].pid && asked_pids[i].tid == tid)
			return (int)asked_pids[i].pid;
	/* The question is a call of its own. The message registers hold the
	 * request being traced (a handler still reads its inline buffers there)
	 * or the reply about to be sent, so they are put back afterwards. */
	uint32_t *mr = idlrt_mr();
	uint32_t saved[L4_MR_COUNT];
	for (unsigned i = 0; i < L4_MR_COUNT; i++)
		saved[i] = mr[i];
	int pid = ask_pid_of(tid);
	for (unsigned i = 0; i < L4_MR_COUNT; i++)
		mr[i] = saved[i];
	if (pid > 0) {
		asked_pids[asked_pids_next].tid = tid;
		asked_pids[asked_pids_next].pid = (uint32_t)pid;
		asked_pids_next = (asked_pids_next + 1) % ASKED_PIDS;
	}
	return pid;
}

static const char *asked_caller_name(l4_tid_t tid)
{
	int pid = asked_pid(tid);
	return pid > 0 ? idlrt_trace_caller((uint32_t)pid, 1) : idlrt_trace_caller(L4_TID_SLOT(tid), 0);
}

void idlrt_trace_to_console_asking(int (*pid_of)(l4_tid_t tid))
{
	ask_pid_of = pid_of;
	idlrt_trace_to_console(asked_caller_name);
}

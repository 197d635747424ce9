/* The one decoded console line for a process that a fault or exception ends. */
#include <errno.h>
#include <stdio.h>

#include "mem/vm_area.h"
#include "mm0_local.h"
#include "proc/signal_state.h"
#include "proc/task.h"
#include "serve/serve.h"

void (*serve_crash_print)(const char *line);

static const char *signal_name(int signo)
{
	switch (signo) {
	case MM0_SIGSEGV: return "SIGSEGV";
	case MM0_SIGBUS: return "SIGBUS";
	case MM0_SIGKILL: return "SIGKILL";
	case MM0_SIGILL: return "SIGILL";
	case MM0_SIGTRAP: return "SIGTRAP";
	default: return "a signal";
	}
}

static const char *access_name(uint32_t access)
{
	if (access & MM0_PROT_WRITE)
		return "write";
	return access & MM0_PROT_EXEC ? "execute" : "read";
}

/* What the memory layer found (cause: vm_fault's error; 0 for an exception). */
static const char *finding(const struct task *thread, int signo, uint32_t addr,
			   uint32_t access, int cause)
{
	switch (cause) {
	case 0:
		return signo == MM0_SIGTRAP ? "breakpoint" : "undefined instruction";
	case -ENXIO:
		return "beyond the end of the file";
	case -EIO:
		return "the pager failed";
	case -ENOMEM:
		return "out of memory";
	default:
		break;
	}
	if (!thread->vm || !vma_find(thread->vm, addr))
		return "no mapping";
	if (access & MM0_PROT_WRITE)
		return "write to read-only";
	return access & MM0_PROT_EXEC ? "not executable" : "not readable";
}

int crash_line(char *line, size_t size, const struct task *thread, int signo, uint32_t addr,
	       int cause)
{
	const struct task *leader = thread->leader;
	uint32_t access = serve_last_fault.access, pc = serve_last_fault.pc;

	return snprintf(line, size, "mm0: pid %u (%s) killed by %s: %s at 0x%08x, pc 0x%08x: %s\n",
			(unsigned)leader->pid, leader->name, signal_name(signo),
			access_name(access), (unsigned)addr, (unsigned)pc,
			finding(thread, signo, addr, access, cause));
}

void crash_report(const struct task *thread, int signo, uint32_t addr, int cause)
{
	char line[160];

	if (!serve_crash_print)
		return;
	crash_line(line, sizeof(line), thread, signo, addr, cause);
	serve_crash_print(line);
}

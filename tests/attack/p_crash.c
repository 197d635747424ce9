/* p_crash.c - a process a fault kills is reported on the console in one decoded
 * line (procattack.test matches the lines). */
#include <sys/mman.h>
#include <sys/wait.h>

#include "procattack.h"

static int null_writer(void)
{
	*(volatile int *)0 = 1;
	return 0;
}

static int read_only_writer(void)
{
	volatile int *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED)
		return 1;
	page[0] = 1;
	return 0;
}

void test_crash(void)
{
	int status = run_in_child(null_writer);

	check_report(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		     "a write to address 0 kills with SIGSEGV (line: no mapping)", "status 0x%x",
		     status);
	status = run_in_child(read_only_writer);
	check_report(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		     "a write to a read-only page kills with SIGSEGV (line: write to read-only)",
		     "status 0x%x", status);
}

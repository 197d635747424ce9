/* sysconf.c - the system's limits and sizes; free memory comes from mm0. */
#include <unistd.h>

#include "internal.h"
#include "mm0.h"

static long free_pages(void)
{
	struct mm_counts now;
	long answer = mm_stats(posix_mm0(), &now);

	return answer < 0 ? posix_result(answer) : (long)now.free_pages;
}

long sysconf(int name)
{
	switch (name) {
	case _SC_PAGESIZE:
		return L4_PAGE_SIZE;
	case _SC_CLK_TCK:
		return 1000;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return 1;
	case _SC_OPEN_MAX:
		return 64;
	case _SC_ARG_MAX:
		return L4_PAGE_SIZE;
	case _SC_CHILD_MAX:
		return 256;
	case _SC_AVPHYS_PAGES:
		return free_pages();
	default:
		return posix_error(EINVAL);
	}
}

/* session.c - setsid and getsid: sessions are kept by mm0 with process groups. */
#include <unistd.h>

#include "internal.h"
#include "mm0.h"

pid_t setsid(void)
{
	return (pid_t)posix_result(mm_setsid(posix_mm0()));
}

pid_t getsid(pid_t pid)
{
	return (pid_t)posix_result(mm_getsid(posix_mm0(), pid));
}

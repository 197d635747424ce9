/* resource.c - getrlimit, setrlimit and prlimit: mm0 keeps each process's limits. */
#include <sys/resource.h>

#include "internal.h"
#include "mm0.h"

_Static_assert(RLIMIT_AS == MM0_RLIMIT_AS && RLIMIT_DATA == MM0_RLIMIT_DATA &&
	       RLIMIT_STACK == MM0_RLIMIT_STACK && RLIMIT_NOFILE == MM0_RLIMIT_NOFILE &&
	       RLIMIT_CORE == MM0_RLIMIT_CORE && RLIMIT_NLIMITS == MM0_RLIM_NLIMITS,
	       "resource numbers go to mm0 unchanged");
_Static_assert(RLIM_INFINITY == MM0_RLIM_INFINITY, "RLIM_INFINITY is mm0's");

/* Both structures go through posix_copy, so a bad pointer is EFAULT. */
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit)
{
	struct rlimit wanted = { 0, 0 }, old;
	uint32_t old_soft = 0, old_hard = 0;
	long answer;

	if (new_limit && posix_copy(&wanted, new_limit, sizeof(wanted)))
		return posix_error(EFAULT);
	if (old_limit && posix_probe_write(old_limit, sizeof(*old_limit)))
		return posix_error(EFAULT);
	answer = mm_rlimit(posix_mm0(), pid, resource, new_limit != NULL, (uint32_t)wanted.rlim_cur,
			   (uint32_t)wanted.rlim_max, &old_soft, &old_hard);
	if (answer < 0)
		return posix_error((int)-answer);
	old = (struct rlimit){ old_soft, old_hard };
	if (old_limit && posix_copy(old_limit, &old, sizeof(old)))
		return posix_error(EFAULT);
	return 0;
}

int getrlimit(int resource, struct rlimit *limit)
{
	return limit ? prlimit(0, resource, NULL, limit) : posix_error(EFAULT);
}

int setrlimit(int resource, const struct rlimit *limit)
{
	return limit ? prlimit(0, resource, limit, NULL) : posix_error(EFAULT);
}

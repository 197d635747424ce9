/* t_affinity.c - processors on however many the machine has (1 under plain
 * make check): sysconf's count, sched_getcpu, and sched_setaffinity's and
 * sched_getaffinity's answers for the masks that fit and those that do not. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <unistd.h>

#include "test0.h"

void test_affinity(void)
{
	long processors = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	CHECK("sysconf's configured and online processors agree",
	      processors >= 1 && sysconf(_SC_NPROCESSORS_CONF) == processors);
	CHECK("sched_getcpu names a processor that exists",
	      sched_getcpu() >= 0 && sched_getcpu() < processors);
	CHECK_EQ("the initial mask holds every processor", processors,
		 sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : -1);

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	CHECK_EQ("set to {0} succeeds", 0, sched_setaffinity(0, sizeof(set), &set));
	CHECK_EQ("and the thread runs on processor 0", 0, sched_getcpu());
	CPU_ZERO(&set);
	CHECK_EQ("sched_getaffinity gives {0} back", 1,
		 sched_getaffinity(getpid(), sizeof(set), &set) == 0 &&
		 CPU_ISSET(0, &set) && CPU_COUNT(&set) == 1);

	CPU_ZERO(&set);
	CPU_SET(processors, &set);
	errno = 0;
	CHECK("a mask of only a processor past the last is EINVAL",
	      sched_setaffinity(0, sizeof(set), &set) == -1 && errno == EINVAL);
	CPU_ZERO(&set);
	errno = 0;
	CHECK("an empty mask is EINVAL",
	      sched_setaffinity(0, sizeof(set), &set) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("a bad pointer is EFAULT",
	      sched_setaffinity(0, sizeof(set), (cpu_set_t *)8) == -1 && errno == EFAULT);
	CHECK_EQ("the failed calls left the mask {0}", 1,
		 sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) == 1 &&
		 CPU_ISSET(0, &set));

	for (long cpu = 0; cpu < processors; cpu++)
		CPU_SET(cpu, &set);
	CHECK_EQ("every processor again", 0, sched_setaffinity(0, sizeof(set), &set));
}

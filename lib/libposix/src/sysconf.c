/* sysconf.c - the system's limits, sizes and options, each the value that
 * what enforces it uses (mm0's exec, fs0's tables); free memory comes from
 * mm0. An option the system lacks is -1 with errno unchanged, as POSIX says. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <l4/kip.h>

#include "fs0.h"
#include "internal.h"
#include "mm0.h"

/* The POSIX.1-2008 options that are here. */
#define OPTION_PRESENT		200809L
/* gethostname's, ttyname's and getlogin's buffers, and a text line: Linux's. */
#define HOST_NAME_LIMIT		64
#define TTY_NAME_LIMIT		32
#define LOGIN_NAME_LIMIT	256
#define LINE_LIMIT		2048

/* The RAM mm0 manages (the KIP's conventional memory): the machine's, less
 * the kernel's and the boot image's. */
static long ram_pages(void)
{
	const struct l4_kip *kip = l4_kip();
	long pages = 0;

	for (uint32_t i = 0; i < kip->num_mem && i < L4_KIP_MAX_MEM; i++)
		if (kip->mem[i].type == L4_MEM_CONVENTIONAL)
			pages += (long)(kip->mem[i].size / L4_PAGE_SIZE);
	return pages;
}

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
		return (long)l4_num_processors();
	case _SC_OPEN_MAX:
		return FS0_OPEN_MAX;
	case _SC_ARG_MAX:
		return MM0_EXEC_ARGS_MAX;
	case _SC_HOST_NAME_MAX:
		return HOST_NAME_LIMIT;
	case _SC_TTY_NAME_MAX:
		return TTY_NAME_LIMIT;
	case _SC_LOGIN_NAME_MAX:
		return LOGIN_NAME_LIMIT;
	case _SC_LINE_MAX:
		return LINE_LIMIT;
	case _SC_AVPHYS_PAGES:
		return free_pages();
	case _SC_PHYS_PAGES:
		return ram_pages();
	/* mm0 limits processes by its memory only. */
	case _SC_CHILD_MAX:
		return -1;
	case _SC_JOB_CONTROL:
	case _SC_SAVED_IDS:
		return 1;
	case _SC_VERSION:
	case _SC_FSYNC:
	case _SC_MAPPED_FILES:
	case _SC_MEMORY_PROTECTION:
	case _SC_SHARED_MEMORY_OBJECTS:
	case _SC_MONOTONIC_CLOCK:
	case _SC_CPUTIME:
	case _SC_THREAD_CPUTIME:
	case _SC_SPAWN:
	/* libposix's pthreads and semaphores (docs/libposix.md, "Threads"). */
	case _SC_THREADS:
	case _SC_THREAD_SAFE_FUNCTIONS:
	case _SC_THREAD_PROCESS_SHARED:
	case _SC_THREAD_ATTR_STACKADDR:
	case _SC_THREAD_ATTR_STACKSIZE:
	case _SC_BARRIERS:
	case _SC_SPIN_LOCKS:
	case _SC_READER_WRITER_LOCKS:
	case _SC_SEMAPHORES:
	case _SC_TIMEOUTS:
	/* mm0's timers and libposix's clock_nanosleep (docs/signals.md, "Timers"). */
	case _SC_TIMERS:
	case _SC_CLOCK_SELECTION:
		return OPTION_PRESENT;
	case _SC_TIMER_MAX:
		return MM0_TIMERS_MAX;
	case _SC_DELAYTIMER_MAX:
		return MM0_DELAYTIMER_MAX;
	case _SC_THREAD_KEYS_MAX:
		return PTHREAD_KEYS_MAX;
	case _SC_THREAD_DESTRUCTOR_ITERATIONS:
		return PTHREAD_DESTRUCTOR_ITERATIONS;
	case _SC_THREAD_STACK_MIN:
		return PTHREAD_STACK_MIN;
	case _SC_THREAD_THREADS_MAX:
		return MM0_SPACE_THREADS_MAX;
	case _SC_IOV_MAX:
		return IOV_MAX;
	/* Real-time signals queue in mm0, each queue up to RLIMIT_SIGPENDING. */
	case _SC_REALTIME_SIGNALS:
		return OPTION_PRESENT;
	case _SC_RTSIG_MAX:
		return SIGRTMAX - SIGRTMIN + 1;
	case _SC_SIGQUEUE_MAX: {
		struct rlimit limit;

		if (getrlimit(RLIMIT_SIGPENDING, &limit))
			return -1;
		return limit.rlim_cur == RLIM_INFINITY ? -1 : (long)limit.rlim_cur;
	}
	/* No message queues or asynchronous I/O. */
	case _SC_THREAD_PRIORITY_SCHEDULING:
	case _SC_THREAD_PRIO_INHERIT:
	case _SC_THREAD_PRIO_PROTECT:
	case _SC_MESSAGE_PASSING:
	case _SC_ASYNCHRONOUS_IO:
	case _SC_PRIORITIZED_IO:
	case _SC_SYNCHRONIZED_IO:
	case _SC_PRIORITY_SCHEDULING:
	case _SC_MEMLOCK:
	case _SC_MEMLOCK_RANGE:
	case _SC_ADVISORY_INFO:
	case _SC_SPORADIC_SERVER:
	case _SC_THREAD_SPORADIC_SERVER:
	case _SC_TYPED_MEMORY_OBJECTS:
	case _SC_IPV6:
	case _SC_RAW_SOCKETS:
	case _SC_TRACE:
		return -1;
	default:
		return posix_error(EINVAL);
	}
}

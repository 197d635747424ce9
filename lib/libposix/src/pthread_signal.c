/* pthread_signal.c - pthread_kill: mm0's tgkill puts the signal on that one thread's
 * pending set (si_code SI_TKILL); signal 0 checks that the thread lives. */
#include <signal.h>
#include <unistd.h>

#include "internal.h"
#include "mm0.h"
#include "pthread_internal.h"

int pthread_kill(pthread_t thread, int signo)
{
	long answer;

	if (signo < 0 || signo >= NSIG)
		return EINVAL;
	if (!pthread_known(thread) ||
	    __atomic_load_n(&thread->join_state, __ATOMIC_ACQUIRE) == THREAD_ENDED)
		return ESRCH;
	/* A record without a tid is the process's first thread, whose tid is the pid. */
	answer = mm_tgkill(posix_mm0(), thread == pthread_current() ? 0
				       : thread->tid ? thread->tid : (uint32_t)getpid(), signo);
	return answer < 0 ? (int)-answer : 0;
}

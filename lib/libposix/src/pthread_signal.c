/* pthread_signal.c - pthread_kill. mm0 has no request that signals one thread (its
 * kill is process-directed, delivered to a thread that does not block the signal), so
 * a signal for a thread goes to its process; signal 0 checks that the thread lives. */
#include <signal.h>
#include <unistd.h>

#include "internal.h"
#include "pthread_internal.h"

int pthread_kill(pthread_t thread, int signo)
{
	if (signo < 0 || signo >= NSIG)
		return EINVAL;
	if (!pthread_known(thread) ||
	    __atomic_load_n(&thread->join_state, __ATOMIC_ACQUIRE) == THREAD_ENDED)
		return ESRCH;
	if (signo == 0)
		return 0;
	return kill(getpid(), signo) ? errno : 0;
}

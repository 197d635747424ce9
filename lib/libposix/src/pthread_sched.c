/* pthread_sched.c - scheduling parameters. mm0 starts every thread at one priority and
 * the kernel lets no thread raise its own, so the one policy is SCHED_OTHER at
 * priority 0: asking for it succeeds, real-time policies are refused. */
#include <sched.h>
#include <unistd.h>

#include "internal.h"
#include "pthread_internal.h"

/* 0, or the error a request for policy at priority gets. */
static int policy_check(int policy, int priority)
{
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return EPERM;
	if (policy != SCHED_OTHER || priority != 0)
		return EINVAL;
	return 0;
}

static int process_check(pid_t pid)
{
	if (pid < 0)
		return EINVAL;
	if (pid != 0 && pid != getpid())
		return kill(pid, 0) ? errno : 0;
	return 0;
}

int sched_get_priority_max(int policy)
{
	if (policy != SCHED_OTHER && policy != SCHED_FIFO && policy != SCHED_RR)
		return posix_error(EINVAL);
	return 0;
}

int sched_get_priority_min(int policy)
{
	return sched_get_priority_max(policy);
}

int sched_getparam(pid_t pid, struct sched_param *param)
{
	int error = process_check(pid);

	if (error)
		return posix_error(error);
	param->sched_priority = 0;
	return 0;
}

int sched_setparam(pid_t pid, const struct sched_param *param)
{
	int error = process_check(pid);

	if (!error)
		error = policy_check(SCHED_OTHER, param->sched_priority);
	return error ? posix_error(error) : 0;
}

int sched_getscheduler(pid_t pid)
{
	int error = process_check(pid);

	return error ? posix_error(error) : SCHED_OTHER;
}

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
	int error = process_check(pid);

	if (!error)
		error = policy_check(policy, param->sched_priority);
	return error ? posix_error(error) : SCHED_OTHER;
}

int pthread_getschedparam(pthread_t thread, int *policy, struct sched_param *param)
{
	(void)thread;
	*policy = SCHED_OTHER;
	param->sched_priority = 0;
	return 0;
}

int pthread_setschedparam(pthread_t thread, int policy, const struct sched_param *param)
{
	(void)thread;
	return policy_check(policy, param->sched_priority);
}

int pthread_setschedprio(pthread_t thread, int priority)
{
	(void)thread;
	return policy_check(SCHED_OTHER, priority);
}

/* Every thread is the kernel's: the level is only remembered, as POSIX allows. */
static int concurrency_level;

int pthread_getconcurrency(void)
{
	return concurrency_level;
}

int pthread_setconcurrency(int level)
{
	if (level < 0)
		return EINVAL;
	concurrency_level = level;
	return 0;
}

/* signal_wait.c - sigqueue, sigwait, sigwaitinfo, sigtimedwait and sigaltstack: mm0 queues
 * the values, keeps the waiting thread's request until a signal of its set comes, and
 * places handler frames on the thread's alternate stack. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <string.h>

#include "internal.h"
#include "mm0.h"

_Static_assert(SS_ONSTACK == MM0_SS_ONSTACK && SS_DISABLE == MM0_SS_DISABLE &&
	       MINSIGSTKSZ == MM0_MINSIGSTKSZ, "sigaltstack's flags and size");

int sigqueue(pid_t pid, int signo, const union sigval value)
{
	return (int)posix_result(mm_sigqueue(posix_mm0(), pid, signo, value.sival_int));
}

/* mm0 counts in milliseconds: a timeout is rounded up, so the wait is never shorter. */
static int timeout_ms(const struct timespec *timeout, int32_t *ms)
{
	struct timespec copy;
	long long total;

	if (!timeout) {
		*ms = -1;
		return 0;
	}
	if (posix_copy(&copy, timeout, sizeof(copy)))
		return EFAULT;
	if (copy.tv_sec < 0 || copy.tv_nsec < 0 || copy.tv_nsec >= 1000000000L)
		return EINVAL;
	total = (long long)copy.tv_sec * 1000 + (copy.tv_nsec + 999999) / 1000000;
	*ms = total > INT32_MAX ? INT32_MAX : (int32_t)total;
	return 0;
}

int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout)
{
	struct mm_siginfo taken;
	sigset_t wanted;
	int32_t ms;
	int error;
	long answer;

	if (!set || posix_copy(&wanted, set, sizeof(wanted)))
		return posix_error(EFAULT);
	error = timeout_ms(timeout, &ms);
	if (error)
		return posix_error(error);
	if (info && posix_probe_write(info, sizeof(*info)))
		return posix_error(EFAULT);
	memset(&taken, 0, sizeof(taken));
	answer = mm_sigtimedwait(posix_mm0(), wanted, ms, &taken);
	if (answer < 0)
		return (int)posix_result(answer);
	if (info)
		memcpy(info, &taken, sizeof(*info));
	return (int)answer;
}

int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info)
{
	return sigtimedwait(set, info, NULL);
}

/* As glibc's: a handler that runs meanwhile does not end the wait. */
int sigwait(const sigset_t *restrict set, int *restrict signo)
{
	int taken;

	do
		taken = sigtimedwait(set, NULL, NULL);
	while (taken < 0 && errno == EINTR);
	if (taken < 0)
		return errno;
	*signo = taken;
	return 0;
}

int sigaltstack(const stack_t *restrict stack, stack_t *restrict old)
{
	stack_t wanted = { 0 }, before = { 0 };
	uintptr_t old_sp = 0, here = (uintptr_t)__builtin_frame_address(0);
	uint32_t old_size = 0;
	int32_t old_flags = 0;
	long answer;

	if (stack && posix_copy(&wanted, stack, sizeof(wanted)))
		return posix_error(EFAULT);
	if (old && posix_probe_write(old, sizeof(*old)))
		return posix_error(EFAULT);
	answer = mm_sigaltstack(posix_mm0(), stack != NULL, (uintptr_t)wanted.ss_sp,
				(uint32_t)wanted.ss_size, wanted.ss_flags, here, &old_sp,
				&old_size, &old_flags);
	if (answer < 0)
		return (int)posix_result(answer);
	before.ss_sp = (void *)old_sp;
	before.ss_size = old_size;
	before.ss_flags = old_flags;
	if (old)
		memcpy(old, &before, sizeof(*old));
	return 0;
}

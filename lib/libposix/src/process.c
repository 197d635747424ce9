/* process.c - fork, clone, wait (wait3 and wait4 with the child's rusage) and process ids on mm0. */
#include <sched.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "mm0.h"
#include "rusage_internal.h"
#include "pthread_internal.h"
#include "signal_internal.h"

long posix_fork_request(uintptr_t child_pc, uintptr_t child_sp)
{
	return mm_fork(posix_mm0(), child_pc, child_sp);
}

/* The child runs in a new UTCB whose TLS block is not the parent's, so the
 * parent's block travels on the (copied) stack and is put back. pthread_atfork's
 * handlers run around it. */
pid_t fork(void)
{
	size_t tls_bytes = posix_tls_bytes();
	char saved_tls[tls_bytes];
	unsigned prepared;
	long answer;

	prepared = pthread_atfork_prepare();
	posix_console_flush();
	memcpy(saved_tls, posix_thread_pointer(), tls_bytes);
	answer = posix_fork_call();
	if (answer == 0) {
		memcpy(posix_thread_pointer(), saved_tls, tls_bytes);
		fs0_channel_forget();
		bulk_channel_forget();
		posix_random_forget();
		sched_affinity_forked();
		if (prepared)
			pthread_atfork_child(prepared);
	} else if (prepared) {
		pthread_atfork_parent(prepared);
	}
	return (pid_t)posix_result(answer);
}

__attribute__((noreturn)) void posix_clone_start(int (*fn)(void *), void *arg)
{
	posix_tls_init();
	posix_thread_exit(fn(arg));
}

/* Flags with nothing behind them here, which Linux programs pass along
 * with CLONE_THREAD (e.g. as pthreads do); mm0 does not need them. */
#define CLONE_ACCEPTED_ONLY	(CLONE_FS | CLONE_SIGHAND | CLONE_SYSVSEM)

/* <sched.h>'s and <sys/wait.h>'s numbers go to mm0 unchanged. */
_Static_assert(CSIGNAL == MM0_CLONE_SIGNAL_MASK && CLONE_VM == MM0_CLONE_VM &&
	       CLONE_FILES == MM0_CLONE_FILES && CLONE_PARENT == MM0_CLONE_PARENT &&
	       CLONE_THREAD == MM0_CLONE_THREAD, "clone flags");
_Static_assert(WNOHANG == MM0_WNOHANG, "waitpid options");

int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	uintptr_t *child_sp;

	if (!fn || !stack)
		return posix_error(EINVAL);
	child_sp = (uintptr_t *)(((uintptr_t)stack & ~(uintptr_t)7) - 2 * sizeof(uintptr_t));
	child_sp[0] = (uintptr_t)fn;
	child_sp[1] = (uintptr_t)arg;
	posix_console_flush();
	return (int)posix_result(mm_clone(posix_mm0(), (uint32_t)flags & ~CLONE_ACCEPTED_ONLY,
					  (uintptr_t)child_sp,
					  (uintptr_t)posix_clone_entry));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	int32_t child_status = 0;
	long answer;

	if (pid == 0 || pid < -1)
		return posix_error(EINVAL);
	/* Probed first: a child reaped for a status that cannot be stored would be lost. */
	if (status && posix_probe_write(status, sizeof(*status)))
		return posix_error(EFAULT);
	posix_cancel_begin();
	do
		answer = posix_cancel_end(mm_waitpid(posix_mm0(), pid, options, &child_status));
	while (posix_signal_restarts(answer));
	if (answer > 0 && status && posix_copy(status, &child_status, sizeof(*status)))
		return posix_error(EFAULT);
	return (pid_t)posix_result(answer);
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

/* waitpid, then what the reaped child used: mm0 kept it for this thread. */
pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
	struct rusage reading;
	uint64_t ns;
	pid_t reaped;
	long answer;

	if (usage && posix_probe_write(usage, sizeof(*usage)))
		return posix_error(EFAULT);
	reaped = waitpid(pid, status, options);
	if (reaped <= 0 || !usage)
		return reaped;
	answer = mm_cpu_time(posix_mm0(), MM0_CPU_LAST_REAPED, &ns);
	if (answer < 0)
		return (pid_t)posix_result(answer);
	posix_rusage_fill(ns, &reading);
	if (posix_copy(usage, &reading, sizeof(reading)))
		return posix_error(EFAULT);
	return reaped;
}

pid_t wait3(int *status, int options, struct rusage *usage)
{
	return wait4(-1, status, options, usage);
}

pid_t getpid(void)
{
	return (pid_t)posix_result(mm_getpid(posix_mm0()));
}

pid_t getppid(void)
{
	return (pid_t)posix_result(mm_getppid(posix_mm0()));
}

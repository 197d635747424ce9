/* Ending threads and processes, and waitpid: how parents hear of it. */
#ifndef MM0_EXIT_H
#define MM0_EXIT_H

#include <stdbool.h>
#include <stdint.h>

struct task;
struct mm_siginfo;

/* How deferred requests are answered: through the request layer's generated
 * replies, the only reply site. */
struct mm0_reply_ops {
	/* waitpid's reply carries the pid (or -errno) and the wait status. */
	void (*complete_wait)(void *token, long pid, int status);
	/* sigsuspend's and sigreturn's replies carry only their result. */
	void (*complete_sigsuspend)(void *token, long result);
	void (*complete_sigreturn)(void *token, long result);
	/* timer_wait's reply carries the expirations or -errno (timers.c). */
	void (*complete_timer_wait)(void *token, long result);
	/* sigtimedwait's carries the signal number (or -errno) and, with a signal, its
	 * siginfo (NULL otherwise). */
	void (*complete_sigwait)(void *token, long result, const struct mm_siginfo *info);
};
extern const struct mm0_reply_ops *mm0_reply;
/* Optional: told of each child of mm0's own task that ends, just before it
 * is reaped (the target powers off when init ends). */
extern void (*mm0_orphan_exited)(long pid, int status);

/* exit_group: every thread of the process ends; the parent is told. */
long mm0_exit(struct task *task, int code);
/* One thread ends; the last one ends the process with code. */
long mm0_thread_exit(struct task *task, int code);
/* The thread destroyed itself with the kernel call (the kernel's
 * L4_EXC_DESTROY message): it ends, and the last one ends the process as
 * if killed by SIGKILL, so the parent's waitpid returns. */
long mm0_thread_destroyed(struct task *task);
/* pid > 0 or -1; options 0 or MM0_WNOHANG. Returns the reaped pid with
 * *status set, 0 (WNOHANG, none yet), IDLRT_DEFERRED (token answered later
 * through mm0_reply->complete_wait), or -errno. */
long mm0_waitpid(struct task *task, long pid, int options, void *token, int *status);
/* End task's process with a signal status, e.g. after a bad fault. */
void task_kill(struct task *task, int signo);
/* Hand back every resource of one thread (the kernel thread too). */
void thread_release(struct task *task);
/* Cancel the thread's pending waitpid, if any. */
void wait_forget(struct task *task);
/* A handler must run on the thread: its pending waitpid, if any, is answered
 * -EINTR. Returns whether there was one. */
bool wait_interrupt(struct task *task);
/* Kill every process and release mm0's own task (mm0_fini). */
void task_fini(void);

#endif

/* Tasks: pids, threads, parent-child relations, shared VM and file tables. */
#ifndef MM0_TASK_H
#define MM0_TASK_H

#include <stdbool.h>
#include <stdint.h>

#include "list.h"
#include "mm0_local.h"
#include "signals.h"

#define MM0_FD_MAX	32
#define MM0_PID_MAX	32767

struct fault_waiter;
struct wait_request;

/* mm0's own descriptors: module or POSIX shm handles (0: closed), slot
 * fd - MM0_FD_BASE; shared by CLONE_FILES. */
struct fd_table {
	uint32_t refs;
	uint32_t handles[MM0_FD_MAX];
};

/* One thread in the Linux sense; a process is the group of its leader. */
struct task {
	struct list node;		/* in the table of all tasks */
	struct list thread_node;	/* in leader->threads */
	struct list child_node;		/* in parent->children (leaders only) */
	uint32_t tid;			/* this thread's id */
	uint32_t pid;			/* the group's id: the leader's tid */
	uint32_t l4_tid;		/* kernel thread id */
	uint32_t utcb_slot;
	bool thread_alive;
	struct task *leader;
	struct task *parent;		/* leaders: the parent process's leader */
	struct list children;		/* leaders: child processes */
	struct list threads;		/* leaders: every thread of the group */
	struct list waits;		/* leaders: pending waitpid requests */
	struct vm_space *vm;		/* shared by CLONE_VM */
	struct fd_table *files;		/* shared by CLONE_FILES */
	bool zombie;
	int exit_status;		/* wait status once a zombie */
	struct wait_request *wait;	/* this thread's pending waitpid */
	struct fault_waiter *fault_wait;/* this thread's pending fault */
	struct task_signals sig;	/* signals.c: actions, pending (leaders); mask */
	bool fs_known;			/* fs0 has this thread as a task */
	uint32_t fs_buffer;		/* its shared buffer's address (0: none) */
	uint32_t fs_window;		/* the same buffer in fs0's window */
	uint32_t fs_buffer_len;
};

int task_init_self(uint32_t self_tid);
void task_fini(void);
struct task *task_self(void);
uint32_t task_live(void);
struct task *task_by_l4_tid(uint32_t l4_tid);
struct task *task_by_pid(uint32_t pid);

/* A new process under parent with an empty space and an environment page
 * built from argv/envp (NULL-terminated); its thread is not started yet. */
int mm0_task_create(struct task *parent, const char *const argv[], const char *const envp[],
		    struct task **out);
/* Run the task's first thread at pc with sp; r0 holds the environment page's address. */
int mm0_task_start(struct task *task, uint32_t pc, uint32_t sp);

long mm0_getpid(struct task *task);
long mm0_getppid(struct task *task);
long mm0_gettid(struct task *task);
/* mm0's descriptor fd (from MM0_FD_BASE): set (0 closes; the old handle is
 * let go) or get its handle (-EBADF when closed or out of range). */
long mm0_fd_set(struct task *task, int fd, uint32_t handle);
long mm0_fd_get(struct task *task, int fd);
/* handle in the lowest free slot: the descriptor, or -EMFILE. */
long mm0_fd_install(struct task *task, uint32_t handle);

/* The child resumes at pc with sp and r0 = 0; the caller gets its pid. */
long mm0_fork(struct task *task, uint32_t pc, uint32_t sp);
/* MM0_CLONE_* flags (low byte: 0 or SIGCHLD); returns the new thread's tid. */
long mm0_clone(struct task *task, unsigned flags, uint32_t child_sp, uint32_t pc);
/* exit_group: every thread of the process ends; the parent is told. */
long mm0_exit(struct task *task, int code);
/* One thread ends; the last one ends the process with code. */
long mm0_thread_exit(struct task *task, int code);
/* pid > 0 or -1; options 0 or MM0_WNOHANG. Returns the reaped pid with
 * *status set, 0 (WNOHANG, none yet), MM0_DEFERRED (token completed later
 * through mm0_reply->complete_wait), or -errno. */
long mm0_waitpid(struct task *task, long pid, int options, void *token, int *status);
/* End task's process with a signal status, e.g. after a bad fault. */
void task_kill(struct task *task, int signo);

/* Shared with fork.c and exit.c. */
struct task *task_alloc(struct task *leader, struct task *parent);
void task_free(struct task *task);
int utcb_alloc(struct vm_space *vm);
uint32_t utcb_addr(uint32_t slot);
void utcb_free(struct vm_space *vm, uint32_t slot);
struct fd_table *fd_table_copy(const struct fd_table *from);
void fd_table_put(struct fd_table *files);
/* Cancel the thread's pending waitpid, if any (exit.c). */
void wait_forget(struct task *task);
/* Hand back every resource of one thread (the kernel thread too). */
void thread_release(struct task *task);

#endif

/* Task records: pids, threads, parent-child relations, shared VM and file tables. */
#ifndef MM0_TASK_H
#define MM0_TASK_H

#include <stdbool.h>
#include <stdint.h>

#include "mem/list.h"
#include "mm0_local.h"
#include "proc/fault_fixup_state.h"
#include "proc/rlimit.h"
#include "proc/signal_state.h"

#define MM0_FD_MAX	32
/* MM0_SPACE_THREADS_MAX, the threads of one address space, is in idl/mm0_types.idl. */
#define MM0_PID_MAX	32767
/* A program's name (the last path part, cut): a boot module's name fits whole. */
#define MM0_TASK_NAME_MAX	32

struct task_timers;
struct vm_object;
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
	struct task_signals sig;	/* signals.c: actions, pending (leaders); mask */
	bool fs_known;			/* fs0 has this thread as a task */
	uint32_t fs_buffer;		/* its shared buffer's address (0: none) */
	uint32_t fs_window;		/* the same buffer in fs0's window */
	uint32_t fs_buffer_len;
	struct vm_object *fs_buffer_obj;	/* mm0's hold on it: handlers read through this,
						 * never through the thread's current areas */
	struct fault_fixups fixups;	/* leaders: fault_fixup.c */
	char name[MM0_TASK_NAME_MAX];	/* leaders: the program, for crash reports */
	bool system;			/* leaders: a boot-time server (docs/signals.md) */
	uint64_t ended_threads_ns;	/* leaders: CPU time of its threads that ended (rusage.c) */
	uint64_t children_ns;		/* leaders: CPU time of its reaped children, theirs included */
	uint64_t reaped_child_ns;	/* the whole CPU time of the child this thread last reaped */
	struct task_rlimits rlimits;	/* leaders: the process's resource limits */
	struct task_timers *timers;	/* leaders: timers.c's table, NULL until first used */
};

/* mm0's own task (pid 1), every orphan's parent. task_fini_self frees its
 * record once exit.c's task_fini has released its thread. */
int task_init_self(uint32_t self_tid);
void task_fini_self(void);
struct task *task_self(void);
uint32_t task_live(void);
struct task *task_by_l4_tid(uint32_t l4_tid);
struct task *task_by_pid(uint32_t pid);
/* Another live thread using task's space, or NULL. */
struct task *task_sharing_space(const struct task *task);
/* A live thread other than mm0's own, or NULL. */
struct task *task_any_other(void);

/* The leader runs the program at path (or named path): its name is the last part. */
void task_set_name(struct task *leader, const char *path);
/* A boot-time server: no ordinary process may signal it, and its module
 * cannot be spawned again (docs/signals.md). */
void task_make_system(struct task *leader);
/* True while a system task runs the boot module called name. */
bool task_system_runs(const char *name);

long mm0_getpid(struct task *task);
long mm0_getppid(struct task *task);
long mm0_gettid(struct task *task);
/* mm0's descriptor fd (from MM0_FD_BASE): set (0 closes; the old handle is
 * let go) or get its handle (-EBADF when closed or out of range). */
long mm0_fd_set(struct task *task, int fd, uint32_t handle);
long mm0_fd_get(struct task *task, int fd);
/* handle in the lowest free slot: the descriptor, or -EMFILE. */
long mm0_fd_install(struct task *task, uint32_t handle);

/* The records themselves, for fork.c, spawn.c and exit.c. */
struct task *task_alloc(struct task *leader, struct task *parent);
void task_free(struct task *task);
int utcb_alloc(struct vm_space *vm);
/* The threads using vm (its UTCB slots in use). */
uint32_t utcb_count(const struct vm_space *vm);
uint32_t utcb_addr(uint32_t slot);
void utcb_free(struct vm_space *vm, uint32_t slot);
struct fd_table *fd_table_copy(const struct fd_table *from);
void fd_table_put(struct fd_table *files);

#endif

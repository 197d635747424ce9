/* exit, thread exit, kill and waitpid: ending processes and telling their parents. */
#include <errno.h>

#include <idlrt/idlrt.h>

#include "fs/fs_link.h"
#include "mem/kernel_ops.h"
#include <server/counted_alloc.h>
#include "mem/vm_area.h"
#include "proc/bulk_link.h"
#include "proc/exit.h"
#include "proc/rusage.h"
#include "proc/signals.h"
#include "proc/task.h"
#include "proc/timers.h"

const struct mm0_reply_ops *mm0_reply;
void (*mm0_orphan_exited)(long pid, int status);

struct wait_request {
	struct list node;		/* in the waiting process leader's waits */
	struct task *waiter;		/* the thread to answer */
	long pid;			/* a child's pid, or -1 for any */
	void *token;
};

void wait_forget(struct task *task)
{
	if (!task->wait)
		return;
	list_del(&task->wait->node);
	counted_free(task->wait);
	task->wait = NULL;
}

bool wait_interrupt(struct task *task)
{
	void *token;

	if (!task->wait)
		return false;
	token = task->wait->token;
	wait_forget(task);
	mm0_reply->complete_wait(token, -EINTR, 0);
	return true;
}

/* Hand a thread's references back; the space's last reference unmaps it
 * while a thread still keeps the kernel space alive. */
void thread_release(struct task *task)
{
	struct vm_space *vm = task->vm;

	fs_thread_gone(task);
	bulk_link_gone(task);
	page_wait_forget(task->l4_tid);
	wait_forget(task);
	if (task->files)
		fd_table_put(task->files);
	task->files = NULL;
	if (vm->refs > 1 && vm->space == task->l4_tid) {
		struct task *other = task_sharing_space(task);

		if (other)
			vm->space = other->l4_tid;
	}
	task->vm = NULL;
	utcb_free(vm, task->utcb_slot);
	vm_space_put(vm);
	if (task != task_self()) {
		rusage_thread_ended(task);
		mm0_kernel->thread_destroy(mm0_kernel_ctx, task->l4_tid);
	}
	task->thread_alive = false;
}

/* waiter: the thread whose wait reaps it (NULL: nobody waits, mm0 reaps). */
static void reap(struct task *zombie, struct task *waiter)
{
	if (waiter)
		rusage_reaped(waiter, zombie);
	task_free(zombie);
}

/* The parent hears of a new zombie: answer a matching waitpid, or let
 * mm0's own task (every orphan's parent) reap it at once. */
static void notify_parent(struct task *zombie)
{
	struct task *parent = zombie->parent;
	struct list *pos, *tmp;

	if (!parent || parent == task_self()) {
		if (mm0_orphan_exited)
			mm0_orphan_exited(zombie->pid, zombie->exit_status);
		reap(zombie, NULL);
		return;
	}
	list_for_each_safe(pos, tmp, &parent->waits) {
		struct wait_request *request = container_of(pos, struct wait_request, node);
		long pid = zombie->pid;
		int status = zombie->exit_status;
		void *token = request->token;
		struct task *waiter = request->waiter;

		if (request->pid != -1 && request->pid != pid)
			continue;
		wait_forget(waiter);
		reap(zombie, waiter);
		mm0_reply->complete_wait(token, pid, status);
		return;
	}
}

/* Orphans go to mm0's task; those already dead are reaped now. */
static void reparent_children(struct task *leader)
{
	struct task *init = task_self();

	while (!list_empty(&leader->children)) {
		struct task *child = container_of(leader->children.next, struct task, child_node);

		list_del(&child->child_node);
		child->parent = init;
		list_add_tail(&init->children, &child->child_node);
		if (child->zombie)
			reap(child, NULL);
	}
}

static void exit_group(struct task *task, int status)
{
	struct task *leader = task->leader, *parent = leader->parent;
	uint32_t pid = leader->pid;
	struct list *pos, *tmp;

	if (leader == task_self() || leader->zombie)
		return;
	list_for_each_safe(pos, tmp, &leader->threads) {
		struct task *thread = container_of(pos, struct task, thread_node);

		if (thread->thread_alive)
			thread_release(thread);
		if (thread != leader)
			task_free(thread);
	}
	reparent_children(leader);
	timers_end(leader);
	leader->zombie = true;
	leader->exit_status = status;
	notify_parent(leader);
	signal_child_exited(parent, pid, status);
}

void task_kill(struct task *task, int signo)
{
	exit_group(task, MM0_W_SIGNALED(signo));
}

long mm0_exit(struct task *task, int code)
{
	if (!task || !task->thread_alive)
		return -ESRCH;
	if (task->leader == task_self())
		return -EPERM;
	exit_group(task, MM0_W_EXITCODE(code));
	return 0;
}

/* One thread ends; the last one ends the process with status. */
static long thread_end(struct task *task, int status)
{
	struct task *leader;
	struct list *pos, *tmp;

	if (!task || !task->thread_alive)
		return -ESRCH;
	leader = task->leader;
	if (leader == task_self())
		return -EPERM;
	list_for_each_safe(pos, tmp, &leader->threads) {
		struct task *thread = container_of(pos, struct task, thread_node);

		if (thread != task && thread->thread_alive) {
			thread_release(task);
			if (task != leader)
				task_free(task);
			return 0;
		}
	}
	exit_group(task, status);
	return 0;
}

long mm0_thread_exit(struct task *task, int code)
{
	return thread_end(task, MM0_W_EXITCODE(code));
}

long mm0_thread_destroyed(struct task *task)
{
	return thread_end(task, MM0_W_SIGNALED(MM0_SIGKILL));
}

long mm0_waitpid(struct task *task, long pid, int options, void *token, int *status)
{
	struct task *leader;
	struct wait_request *request;
	struct list *pos, *tmp;
	bool have_child = false;

	if (!task || !task->thread_alive)
		return -ESRCH;
	if ((options & ~MM0_WNOHANG) || pid == 0 || pid < -1 || !status || task->wait)
		return -EINVAL;
	leader = task->leader;
	list_for_each_safe(pos, tmp, &leader->children) {
		struct task *child = container_of(pos, struct task, child_node);
		long child_pid = child->pid;

		if (pid != -1 && child_pid != pid)
			continue;
		have_child = true;
		if (child->zombie) {
			*status = child->exit_status;
			reap(child, task);
			return child_pid;
		}
	}
	if (!have_child)
		return -ECHILD;
	if (options & MM0_WNOHANG)
		return 0;
	request = counted_alloc(sizeof(*request));
	if (!request)
		return -ENOMEM;
	request->waiter = task;
	request->pid = pid;
	request->token = token;
	list_add_tail(&leader->waits, &request->node);
	task->wait = request;
	return IDLRT_DEFERRED;
}

void task_fini(void)
{
	struct task *victim;

	/* Kill every other process; orphaned zombies are reaped by mm0's task.
	 * Records nobody can end stay and show up in the leak counts. */
	while ((victim = task_any_other()))
		task_kill(victim, MM0_SIGKILL);
	thread_release(task_self());
	task_fini_self();
}

/* rusage.c - CPU time of processes for getrusage, times, wait4 and the CPU-time
 * clocks: the kernel counts each thread's time (docs/kernel-abi.md, CPU_TIME);
 * mm0 keeps what ended threads and reaped children used. */
#include <errno.h>

#include "mem/kernel_ops.h"
#include "proc/rusage.h"
#include "proc/task.h"

/* A thread's time so far; 0 where the kernel cannot tell (the host's fake). */
static uint64_t thread_ns(const struct task *thread)
{
	uint64_t ns = 0;

	if (!thread->thread_alive || !mm0_kernel->cpu_time ||
	    mm0_kernel->cpu_time(mm0_kernel_ctx, thread->l4_tid, &ns))
		return 0;
	return ns;
}

void rusage_thread_ended(struct task *thread)
{
	thread->leader->ended_threads_ns += thread_ns(thread);
}

void rusage_reaped(struct task *waiter, const struct task *zombie)
{
	uint64_t whole = zombie->ended_threads_ns + zombie->children_ns;

	waiter->leader->children_ns += whole;
	waiter->reaped_child_ns = whole;
}

uint64_t rusage_process_ns(const struct task *leader)
{
	uint64_t ns = leader->ended_threads_ns;
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &leader->threads) {
		const struct task *thread = container_of(pos, struct task, thread_node);

		ns += thread_ns(thread);
	}
	return ns;
}

long mm0_cpu_time(struct task *task, int who, uint64_t *ns)
{
	if (!task || !task->thread_alive)
		return -ESRCH;
	switch (who) {
	case MM0_CPU_SELF:
		*ns = rusage_process_ns(task->leader);
		return 0;
	case MM0_CPU_CHILDREN:
		*ns = task->leader->children_ns;
		return 0;
	case MM0_CPU_THREAD:
		*ns = thread_ns(task);
		return 0;
	case MM0_CPU_LAST_REAPED:
		*ns = task->reaped_child_ns;
		return 0;
	default:
		return -EINVAL;
	}
}

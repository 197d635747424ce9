/* Signal state and policy: actions, masks, pending sets, kill and process groups, default
 * actions, and the hooks for fork, spawn, child exit and faults (timers.c has the alarm). */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <server/counted_alloc.h>
#include "mem/vm_area.h"
#include "proc/exit.h"
#include "proc/signals.h"
#include "proc/task.h"

const struct signal_kernel_ops *signal_kernel;
void *signal_kernel_ctx;
uint32_t signal_timer_tid;

enum default_action { ACT_TERM, ACT_IGNORE, ACT_STOP, ACT_CONT };

#define STOP_SET (MM0_SIGBIT(MM0_SIGSTOP) | MM0_SIGBIT(MM0_SIGTSTP) | \
		  MM0_SIGBIT(MM0_SIGTTIN) | MM0_SIGBIT(MM0_SIGTTOU))
#define IGNORE_SET (MM0_SIGBIT(MM0_SIGCHLD) | MM0_SIGBIT(MM0_SIGURG) | MM0_SIGBIT(MM0_SIGWINCH))

/* POSIX's defaults: core-dumping signals end the process too (no core file is written). */
static enum default_action default_action(int signo)
{
	if (signo == MM0_SIGCONT)
		return ACT_CONT;
	if (MM0_SIGBIT(signo) & STOP_SET)
		return ACT_STOP;
	if (MM0_SIGBIT(signo) & IGNORE_SET)
		return ACT_IGNORE;
	return ACT_TERM;
}

static bool signo_valid(int signo)
{
	return signo > 0 && signo < MM0_NSIG;
}

static bool ignored(const struct task *leader, int signo)
{
	uint32_t handler = leader->sig.actions[signo].handler;

	if (signo == MM0_SIGKILL || signo == MM0_SIGSTOP)
		return false;
	return handler == MM0_SIG_IGN ||
	       (handler == MM0_SIG_DFL && default_action(signo) == ACT_IGNORE);
}

static void collect(struct task *parent, uint32_t *pids, uint32_t max, uint32_t *count)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &parent->children) {
		struct task *child = container_of(pos, struct task, child_node);

		if (*count < max && !child->zombie)
			pids[(*count)++] = child->pid;
		collect(child, pids, max, count);
	}
}

/* The pids are taken first: fn may end processes, which moves and frees records. */
void signal_for_each_process(void (*fn)(struct task *leader, void *arg), void *arg)
{
	uint32_t max = task_live(), count = 0, i;
	uint32_t *pids;

	if (!task_self())
		return;
	pids = counted_alloc(max * sizeof(*pids) + 1);
	if (!pids)
		return;
	collect(task_self(), pids, max, &count);
	for (i = 0; i < count; i++) {
		struct task *leader = task_by_pid(pids[i]);

		if (leader && leader == leader->leader && !leader->zombie)
			fn(leader, arg);
	}
	counted_free(pids);
}

void signal_fork(struct task *creator, struct task *child, bool thread)
{
	child->sig.blocked = creator->sig.blocked;
	if (thread)
		return;
	memcpy(child->sig.actions, creator->leader->sig.actions, sizeof(child->sig.actions));
	child->sig.trampoline = creator->leader->sig.trampoline;
	child->sig.pgid = creator->leader->sig.pgid;
	child->sig.sid = creator->leader->sig.sid;
}

/* A new program starts with default actions and an empty mask, in its parent's group
 * and session. mm0's children lead their own group in mm0's session, as a job
 * control shell's commands do in the shell's: so setsid needs a fork first there too. */
void signal_spawned(struct task *child, struct task *parent)
{
	parent = parent ? parent->leader : NULL;
	if (parent && parent != task_self()) {
		child->sig.pgid = parent->sig.pgid;
		child->sig.sid = parent->sig.sid;
	} else {
		child->sig.pgid = child->pid;
		child->sig.sid = task_self()->pid;
	}
}

void signal_exec(struct task *thread)
{
	struct task_signals *sig = &thread->leader->sig;

	for (int signo = 1; signo < MM0_NSIG; signo++)
		if (sig->actions[signo].handler > MM0_SIG_IGN)
			sig->actions[signo] = (struct signal_action){ MM0_SIG_DFL, 0, 0 };
	sig->trampoline = 0;
	thread->sig.suspended = false;
}

/* Records signo as pending for the process; standard signals do not queue. */
static void generate(struct task *leader, int signo, const struct mm_siginfo *info)
{
	struct task_signals *sig = &leader->sig;

	if (signo == MM0_SIGCONT || (MM0_SIGBIT(signo) & STOP_SET))
		sig->pending &= ~(signo == MM0_SIGCONT ? STOP_SET : MM0_SIGBIT(MM0_SIGCONT));
	if (signo == MM0_SIGCONT && sig->stopped)
		signal_stop(leader, false);
	if (ignored(leader, signo) || (sig->pending & MM0_SIGBIT(signo)))
		return;
	sig->pending |= MM0_SIGBIT(signo);
	sig->info[signo] = *info;
}

void signal_generate(struct task *leader, const struct mm_siginfo *info)
{
	generate(leader, info->signo, info);
}

static struct task *thread_accepting(struct task *leader, int signo)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &leader->threads) {
		struct task *thread = container_of(pos, struct task, thread_node);

		if (thread->thread_alive && !(thread->sig.blocked & MM0_SIGBIT(signo)))
			return thread;
	}
	return NULL;
}

/* Acts on one process's pending signals that some thread accepts. Returns false when
 * the process ended. */
static bool dispatch(struct task *leader)
{
	struct task_signals *sig = &leader->sig;
	int signo;

	for (signo = 1; signo < MM0_NSIG; signo++) {
		struct mm_siginfo info;
		struct task *thread;
		uint32_t handler;

		if (!(sig->pending & MM0_SIGBIT(signo)) || (sig->stopped && signo != MM0_SIGKILL))
			continue;
		thread = thread_accepting(leader, signo);
		if (!thread)
			continue;
		sig->pending &= ~MM0_SIGBIT(signo);
		info = sig->info[signo];
		handler = sig->actions[signo].handler;
		if (signo == MM0_SIGKILL || signo == MM0_SIGSTOP || handler == MM0_SIG_DFL) {
			switch (default_action(signo)) {
			case ACT_TERM:
				task_kill(leader, signo);
				return false;
			case ACT_STOP:
				signal_stop(leader, true);
				return true;
			default:
				continue;
			}
		}
		if (handler == MM0_SIG_IGN)
			continue;
		if (signal_deliver(thread, signo, &info)) {
			task_kill(leader, MM0_SIGSEGV);
			return false;
		}
	}
	return true;
}

static void dispatch_one(struct task *leader, void *arg)
{
	(void)arg;
	if (leader->sig.pending)
		dispatch(leader);
}

void signal_dispatch_all(void)
{
	signal_for_each_process(dispatch_one, NULL);
}

void signal_child_exited(struct task *parent, uint32_t child_pid, int status)
{
	struct mm_siginfo info = { .signo = MM0_SIGCHLD, .pid = (int32_t)child_pid,
				    .status = status };

	if (!parent || parent == task_self() || parent->zombie)
		return;
	info.code = MM0_WIFEXITED(status) ? MM0_CLD_EXITED : MM0_CLD_KILLED;
	generate(parent, MM0_SIGCHLD, &info);
	signal_dispatch_all();
}

/* A synchronous signal goes to the faulting thread itself; blocked or without a handler,
 * the process ends with it (a handler that faults has its own signal blocked). */
void (*signal_fault_fatal)(const struct task *thread, int signo, uint32_t addr, int cause);

void signal_fault(struct task *thread, int signo, uint32_t addr, int cause)
{
	struct task *leader = thread->leader;
	struct mm_siginfo info = { .signo = signo, .addr = addr, .code = MM0_SI_KERNEL };
	uint32_t handler = leader->sig.actions[signo].handler;

	if (signo == MM0_SIGSEGV)
		info.code = vma_find(thread->vm, addr) ? MM0_SEGV_ACCERR : MM0_SEGV_MAPERR;
	else if (signo == MM0_SIGBUS)
		info.code = MM0_BUS_ADRERR;
	else if (signo == MM0_SIGILL)
		info.code = MM0_ILL_ILLOPC;
	else if (signo == MM0_SIGTRAP)
		info.code = MM0_TRAP_BRKPT;
	if (signo == MM0_SIGKILL || handler <= MM0_SIG_IGN ||
	    (thread->sig.blocked & MM0_SIGBIT(signo)) || leader->sig.stopped) {
		if (signal_fault_fatal)
			signal_fault_fatal(thread, signo, addr, cause);
		task_kill(thread, signo);
		return;
	}
	if (signal_deliver(thread, signo, &info))
		task_kill(thread, MM0_SIGSEGV);
}

long signal_action_set(struct task *caller, int signo, bool change,
		       const struct signal_action *action, uint32_t trampoline,
		       struct signal_action *old)
{
	struct task *leader;

	if (!caller || !caller->thread_alive)
		return -ESRCH;
	if (!signo_valid(signo))
		return -EINVAL;
	leader = caller->leader;
	*old = leader->sig.actions[signo];
	if (!change)
		return 0;
	if (signo == MM0_SIGKILL || signo == MM0_SIGSTOP)
		return -EINVAL;
	if (action->handler > MM0_SIG_IGN) {
		if (!signal_kernel)
			return -ENOSYS;
		if (action->handler >= MM0_USER_END || trampoline < MM0_USER_MIN ||
		    trampoline >= MM0_USER_END)
			return -EFAULT;
		leader->sig.trampoline = trampoline;
	}
	leader->sig.actions[signo] = *action;
	leader->sig.actions[signo].mask &= MM0_SIG_VALID_SET & ~MM0_SIG_UNBLOCKABLE;
	if (ignored(leader, signo))
		leader->sig.pending &= ~MM0_SIGBIT(signo);
	return 0;
}

long signal_mask_set(struct task *caller, int how, bool change, uint32_t set, uint32_t *old)
{
	uint32_t *blocked;

	if (!caller || !caller->thread_alive)
		return -ESRCH;
	blocked = &caller->sig.blocked;
	*old = *blocked;
	if (!change)
		return 0;
	set &= MM0_SIG_VALID_SET & ~MM0_SIG_UNBLOCKABLE;
	if (how == MM0_SIG_BLOCK)
		*blocked |= set;
	else if (how == MM0_SIG_UNBLOCK)
		*blocked &= ~set;
	else if (how == MM0_SIG_SETMASK)
		*blocked = set;
	else
		return -EINVAL;
	return 0;
}

uint32_t signal_pending_of(struct task *caller)
{
	return caller->leader->sig.pending & caller->sig.blocked;
}

struct kill_request {
	struct task *sender;
	long pgid;		/* 0: every process but the sender's */
	int signo;
	int found;
	int refused;		/* system tasks in the set, left alone */
};

static void kill_one(struct task *leader, void *arg)
{
	struct kill_request *request = arg;
	struct mm_siginfo info = { .signo = request->signo, .code = MM0_SI_USER,
				    .pid = (int32_t)request->sender->pid };

	if (request->pgid ? leader->sig.pgid != (uint32_t)request->pgid
			  : leader == request->sender->leader)
		return;
	if (leader->system) {
		request->refused++;
		return;
	}
	request->found++;
	if (request->signo)
		generate(leader, request->signo, &info);
}

long signal_kill(struct task *caller, long pid, int signo)
{
	struct kill_request request = { .sender = caller, .signo = signo };
	struct task *target;

	if (!caller || !caller->thread_alive)
		return -ESRCH;
	if (signo < 0 || signo >= MM0_NSIG)
		return -EINVAL;
	if (signo && !signal_kernel && (MM0_SIGBIT(signo) & (STOP_SET | MM0_SIGBIT(MM0_SIGCONT))))
		return -ENOSYS;
	if (pid > 0) {
		target = task_by_pid((uint32_t)pid);
		if (!target || target->leader == task_self() || target->leader->system)
			return target ? -EPERM : -ESRCH;
		if (signo && !target->leader->zombie) {
			struct mm_siginfo info = { .signo = signo, .code = MM0_SI_USER,
						    .pid = (int32_t)caller->pid };

			generate(target->leader, signo, &info);
		}
		return 0;
	}
	if (pid == 0 || pid < -1)
		request.pgid = pid == 0 ? (long)caller->leader->sig.pgid : -pid;
	signal_for_each_process(kill_one, &request);
	if (request.found)
		return 0;
	return request.refused ? -EPERM : -ESRCH;
}

static struct task *process_of(struct task *caller, long pid)
{
	struct task *target;

	if (pid == 0)
		return caller->leader;
	target = pid > 0 ? task_by_pid((uint32_t)pid) : NULL;
	if (!target || target->leader == task_self() || target->leader->zombie)
		return NULL;
	return target->leader;
}

struct group_search {
	long pgid;
	uint32_t sid;		/* only a group of this session counts */
	bool found;
};

static void group_find(struct task *leader, void *arg)
{
	struct group_search *search = arg;

	if (leader->sig.pgid == (uint32_t)search->pgid && leader->sig.sid == search->sid)
		search->found = true;
}

static void group_find_any_session(struct task *leader, void *arg)
{
	struct group_search *search = arg;

	if (leader->sig.pgid == (uint32_t)search->pgid)
		search->found = true;
}

/* setpgid for the caller or one of its children, into its own or an existing group. */
long signal_setpgid(struct task *caller, long pid, long pgid)
{
	struct task *target;
	struct group_search search = { .pgid = pgid };

	if (!caller || !caller->thread_alive)
		return -ESRCH;
	if (pid < 0 || pgid < 0)
		return -EINVAL;
	target = process_of(caller, pid);
	if (!target || (target != caller->leader && target->parent != caller->leader))
		return -ESRCH;
	/* A session leader stays in its group; a group is joined only within the session. */
	if (target->sig.sid == target->pid || target->sig.sid != caller->leader->sig.sid)
		return -EPERM;
	if (pgid == 0)
		pgid = target->pid;
	search.pgid = pgid;
	search.sid = target->sig.sid;
	if (pgid != (long)target->pid) {
		signal_for_each_process(group_find, &search);
		if (!search.found)
			return -EPERM;
	}
	target->sig.pgid = (uint32_t)pgid;
	return 0;
}

long signal_getpgid(struct task *caller, long pid)
{
	struct task *target;

	if (!caller || !caller->thread_alive)
		return -ESRCH;
	if (pid < 0)
		return -EINVAL;
	target = process_of(caller, pid);
	return target ? (long)target->sig.pgid : -ESRCH;
}

/* A new session and group led by the caller, unless a group already has its pid as id. */
long signal_setsid(struct task *caller)
{
	struct group_search search;

	if (!caller || !caller->thread_alive)
		return -ESRCH;
	search = (struct group_search){ .pgid = caller->pid, .sid = 0, .found = false };
	signal_for_each_process(group_find_any_session, &search);
	if (search.found)
		return -EPERM;
	caller->leader->sig.pgid = caller->leader->sig.sid = caller->pid;
	return caller->pid;
}

long signal_getsid(struct task *caller, long pid)
{
	struct task *target;

	if (!caller || !caller->thread_alive)
		return -ESRCH;
	if (pid < 0)
		return -ESRCH;
	target = process_of(caller, pid);
	return target ? (long)target->sig.sid : -ESRCH;
}

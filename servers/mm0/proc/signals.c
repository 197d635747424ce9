/* Signal state and policy: actions, masks, pending sets, kill and process groups, default
 * actions, and the hooks for fork, spawn, child exit and faults (timers.c has the alarm). */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <server/counted_alloc.h>
#include "mem/vm_area.h"
#include "proc/exit.h"
#include "proc/signal_queue.h"
#include "proc/signal_wait.h"
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
	/* A new thread starts without an alternate stack (Linux's clone with CLONE_VM);
	 * fork's child keeps the creating thread's. */
	if (thread)
		return;
	child->sig.altstack = creator->sig.altstack;
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
	thread->sig.altstack = (struct signal_altstack){ 0, 0 };
}

static uint32_t queue_limit(const struct task *leader)
{
	return leader->rlimits.limit[MM0_RLIMIT_SIGPENDING].soft;
}

/* An ignored signal is dropped when generated, unless its thread (the main thread for a
 * process-directed one) blocks it or waits for it: sigwait can still take it then. */
static bool dropped_at_once(struct task *leader, struct task *target, int signo)
{
	uint64_t bit = MM0_SIGBIT(signo);

	return ignored(leader, signo) && !(target->sig.blocked & bit) &&
	       !(target->sig.waiting && (target->sig.wait_set & bit));
}

static void discard_everywhere(struct task *leader, uint64_t set)
{
	struct list *pos, *tmp;

	signal_queue_discard(&leader->sig.process, set);
	list_for_each_safe(pos, tmp, &leader->threads)
		signal_queue_discard(&container_of(pos, struct task, thread_node)->sig.thread, set);
}

int signal_post_info(struct task *task, struct task *thread, const struct mm_siginfo *info)
{
	struct task *leader = task->leader;
	int signo = info->signo;

	if (signo == MM0_SIGCONT || (MM0_SIGBIT(signo) & STOP_SET))
		discard_everywhere(leader, signo == MM0_SIGCONT ? STOP_SET : MM0_SIGBIT(MM0_SIGCONT));
	if (signo == MM0_SIGCONT && leader->sig.stopped)
		signal_stop(leader, false);
	if (dropped_at_once(leader, thread ? thread : leader, signo))
		return 0;
	return signal_queue_add(thread ? &thread->sig.thread : &leader->sig.process, info,
				queue_limit(leader));
}

int signal_post(struct task *task, uint32_t thread_tid, int signo, int code, int32_t value,
		uint32_t sender_pid)
{
	struct mm_siginfo info = { .signo = signo, .code = code, .pid = (int32_t)sender_pid,
				    .value = value };
	struct task *thread = NULL;

	if (!task || task->leader->zombie)
		return -ESRCH;
	if (!signo_valid(signo))
		return -EINVAL;
	if (thread_tid) {
		thread = task_by_pid(thread_tid);
		if (!thread || thread->tid != thread_tid || thread->leader != task->leader ||
		    !thread->thread_alive)
			return -ESRCH;
	}
	return signal_post_info(task, thread, &info);
}

/* The signals thread may take now: its own and its process's that it does not block or
 * waits for; only SIGKILL while the process is stopped. */
static uint64_t deliverable(const struct task *thread)
{
	uint64_t pending = thread->sig.thread.set | thread->leader->sig.process.set;
	uint64_t accepted = ~thread->sig.blocked;

	if (thread->sig.waiting)
		accepted |= thread->sig.wait_set;
	if (thread->leader->sig.stopped)
		accepted &= MM0_SIGBIT(MM0_SIGKILL);
	return pending & accepted;
}

void signal_take(struct task *thread, int signo, struct mm_siginfo *info)
{
	struct signal_pending *own = &thread->sig.thread;

	signal_queue_take((own->set & MM0_SIGBIT(signo)) ? own : &thread->leader->sig.process,
			  signo, info);
}

enum acted { ACTED, ENDED, STOPPED };

/* Lowest number first (POSIX orders the real-time signals so); a thread's own before its
 * process's. */
static enum acted act_on_next(struct task *leader, struct task *thread, uint64_t candidates)
{
	int signo = __builtin_ctzll(candidates) + 1;
	struct mm_siginfo info;
	uint32_t handler;

	signal_take(thread, signo, &info);
	if (thread->sig.waiting && (thread->sig.wait_set & MM0_SIGBIT(signo))) {
		signal_wait_answer(thread, signo, &info);
		return ACTED;
	}
	handler = leader->sig.actions[signo].handler;
	if (signo == MM0_SIGKILL || signo == MM0_SIGSTOP || handler == MM0_SIG_DFL) {
		switch (default_action(signo)) {
		case ACT_TERM:
			task_kill(leader, signo);
			return ENDED;
		case ACT_STOP:
			signal_stop(leader, true);
			return STOPPED;
		default:
			return ACTED;
		}
	}
	if (handler == MM0_SIG_IGN)
		return ACTED;
	if (signal_deliver(thread, signo, &info)) {
		task_kill(leader, MM0_SIGSEGV);
		return ENDED;
	}
	return ACTED;
}

/* Acts on the pending signals of one process that its threads accept, each thread in
 * turn. Returns false when the process ended. */
static bool dispatch(struct task *leader)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &leader->threads) {
		struct task *thread = container_of(pos, struct task, thread_node);
		uint64_t candidates;

		while (thread->thread_alive && (candidates = deliverable(thread))) {
			enum acted acted = act_on_next(leader, thread, candidates);

			if (acted == ENDED)
				return false;
			if (acted == STOPPED)
				return true;
		}
	}
	return true;
}

static void dispatch_one(struct task *leader, void *arg)
{
	(void)arg;
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
	signal_post_info(parent, NULL, &info);
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
	leader->sig.actions[signo].mask &= ~MM0_SIG_UNBLOCKABLE;
	/* POSIX: setting a pending signal to be ignored discards it, blocked or not. */
	if (ignored(leader, signo))
		discard_everywhere(leader, MM0_SIGBIT(signo));
	return 0;
}

long signal_mask_set(struct task *caller, int how, bool change, uint64_t set, uint64_t *old)
{
	uint64_t *blocked;

	if (!caller || !caller->thread_alive)
		return -ESRCH;
	blocked = &caller->sig.blocked;
	*old = *blocked;
	if (!change)
		return 0;
	set &= ~MM0_SIG_UNBLOCKABLE;
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

uint64_t signal_pending_of(struct task *caller)
{
	return (caller->leader->sig.process.set | caller->sig.thread.set) & caller->sig.blocked;
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
	/* kill does not fail for a full queue (Linux's neither): that instance is lost. */
	if (request->signo)
		signal_post_info(leader, NULL, &info);
}

long signal_kill(struct task *caller, long pid, int signo)
{
	return signal_send(caller, pid, signo, MM0_SI_USER, 0);
}

long signal_send(struct task *caller, long pid, int signo, int code, int32_t value)
{
	struct kill_request request = { .sender = caller, .signo = signo };
	struct task *target;

	if (!caller || !caller->thread_alive)
		return -ESRCH;
	if (signo < 0 || signo >= MM0_NSIG)
		return -EINVAL;
	if (code != MM0_SI_USER && pid <= 0)
		return -ESRCH;
	if (signo && !signal_kernel && (MM0_SIGBIT(signo) & (STOP_SET | MM0_SIGBIT(MM0_SIGCONT))))
		return -ENOSYS;
	if (pid > 0) {
		target = task_by_pid((uint32_t)pid);
		if (!target || target->leader == task_self() || target->leader->system)
			return target ? -EPERM : -ESRCH;
		if (signo && !target->leader->zombie) {
			int err = signal_post(target, 0, signo, code, value, caller->pid);

			return code == MM0_SI_USER ? 0 : err;
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

/* Signals in mm0's logic: bad input, default actions, masks and pending sets, delivery frames
 * and sigreturn, synchronous faults, groups, stop/continue, alarms, inheritance on fork,
 * real-time queues, thread-directed signals, sigtimedwait and alternate stacks. */
#include <string.h>

#include "harness.h"
#include "proc/signal_altstack.h"
#include "proc/signal_wait.h"
#include "proc/signals.h"
#include "proc/timers.h"

#define P MM0_PAGE_SIZE
#define RW (MM0_PROT_READ | MM0_PROT_WRITE)
#define STACK_BASE 0x30000000u
#define STACK_TOP (STACK_BASE + 2 * P)
#define HANDLER 0x00011000u
#define TRAMPOLINE 0x00012000u
#define THREAD_FLAGS (MM0_CLONE_VM | MM0_CLONE_FILES | MM0_CLONE_THREAD)

/* A fake exchange_registers over a small register file per thread. */
struct fake_regs {
	uint32_t tid;
	uint32_t regs[L4_EXREG_WORDS];
	bool suspended;
	unsigned cancels;
};

static struct fake_regs files[16];

static struct fake_regs *regs_of(uint32_t tid)
{
	for (unsigned i = 0; i < 16; i++)
		if (files[i].tid == tid)
			return &files[i];
	for (unsigned i = 0; i < 16; i++) {
		if (!files[i].tid) {
			files[i].tid = tid;
			return &files[i];
		}
	}
	ck_abort_msg("too many threads for the fake register files");
	return NULL;
}

static int fake_exregs(void *ctx, uint32_t tid, uint32_t flags, uint32_t pc, uint32_t sp,
		       uint32_t regs[])
{
	struct fake_regs *file = regs_of(tid);
	uint32_t old[L4_EXREG_WORDS];

	(void)ctx;
	ck_assert_ptr_nonnull(fake_thread_find(tid));
	memcpy(old, file->regs, sizeof(old));
	old[L4_EXREG_STATE] = file->suspended ? L4_THREAD_SUSPENDED : 0;
	if (flags & L4_EXREG_SET_GPRS) {
		memcpy(file->regs, regs, 13 * sizeof(uint32_t));
		file->regs[L4_EXREG_LR] = regs[L4_EXREG_LR];
	}
	if (flags & L4_EXREG_SET_FLAGS)
		file->regs[L4_EXREG_CPSR] = (old[L4_EXREG_CPSR] & ~0xf80f0000u) |
					    (regs[L4_EXREG_CPSR] & 0xf80f0000u);
	if (flags & L4_EXREG_SET_PC)
		file->regs[L4_EXREG_PC] = pc;
	if (flags & L4_EXREG_SET_SP)
		file->regs[L4_EXREG_SP] = sp;
	file->cancels += !!(flags & L4_EXREG_CANCEL_IPC);
	if (flags & L4_EXREG_SUSPEND)
		file->suspended = true;
	if (flags & L4_EXREG_RESUME)
		file->suspended = false;
	memcpy(regs, old, sizeof(old));
	return 0;
}

static const struct signal_kernel_ops fake_signal_ops = {
	.exregs = fake_exregs,
	.now_ms = fake_now_ms,
	.timer_wake = fake_timer_wake,
};

static void signals_setup(void)
{
	mm0_setup();
	memset(files, 0, sizeof(files));
	fake_clock_ms = 1000;
	fake_timer_wakes = 0;
	signal_kernel = &fake_signal_ops;
}

static void signals_teardown(void)
{
	signal_kernel = NULL;
	mm0_teardown();
}

static struct task *fork_of(struct task *parent)
{
	return task_of(mm0_fork(parent, TEST_PC, TEST_SP));
}

/* A process with a two-page stack and known registers (r_i = 0x100 + i). */
static struct task *process_with_stack(void)
{
	struct task *task = spawn();
	struct fake_regs *file;

	ck_assert_int_eq(map_anon(task, STACK_BASE, 2 * P, RW, MM0_MAP_PRIVATE | MM0_MAP_FIXED),
			 STACK_BASE);
	file = regs_of(task->l4_tid);
	for (unsigned i = 0; i <= 12; i++)
		file->regs[i] = 0x100 + i;
	file->regs[L4_EXREG_SP] = STACK_TOP - 12;
	file->regs[L4_EXREG_LR] = 0x1234;
	file->regs[L4_EXREG_PC] = 0x00010400;
	file->regs[L4_EXREG_CPSR] = 0x80000010u;
	return task;
}

static void catch(struct task *task, int signo, uint32_t flags, uint64_t mask)
{
	struct signal_action action = { HANDLER, flags, mask }, old;

	ck_assert_int_eq(signal_action_set(task, signo, true, &action, TRAMPOLINE, &old), 0);
}

static uint32_t peek_word(struct task *task, uint32_t addr)
{
	return peek(task, addr) | (uint32_t)peek(task, addr + 1) << 8 |
	       (uint32_t)peek(task, addr + 2) << 16 | (uint32_t)peek(task, addr + 3) << 24;
}

static int reap(struct task *parent, long pid)
{
	int status = -1;

	ck_assert_int_eq(mm0_waitpid(parent, pid, MM0_WNOHANG, NULL, &status), pid);
	return status;
}

START_TEST(bad_input_is_refused)
{
	struct task *task = spawn();
	struct signal_action action = { HANDLER, 0, 0 }, old;
	uint64_t mask;

	ck_assert_int_eq(signal_kill(task, (long)task->pid, -1), -EINVAL);
	ck_assert_int_eq(signal_kill(task, (long)task->pid, MM0_NSIG), -EINVAL);
	ck_assert_int_eq(signal_kill(task, 30000, MM0_SIGTERM), -ESRCH);
	ck_assert_int_eq(signal_kill(task, -30000, MM0_SIGTERM), -ESRCH);
	ck_assert_int_eq(signal_kill(task, 1, MM0_SIGTERM), -EPERM);
	ck_assert_int_eq(signal_kill(NULL, 1, MM0_SIGTERM), -ESRCH);
	ck_assert_int_eq(signal_action_set(task, 0, true, &action, TRAMPOLINE, &old), -EINVAL);
	ck_assert_int_eq(signal_action_set(task, MM0_SIGKILL, true, &action, TRAMPOLINE, &old),
			 -EINVAL);
	ck_assert_int_eq(signal_action_set(task, MM0_SIGSTOP, false, NULL, 0, &old), 0);
	action.handler = MM0_USER_END;
	ck_assert_int_eq(signal_action_set(task, MM0_SIGUSR1, true, &action, TRAMPOLINE, &old),
			 -EFAULT);
	action.handler = HANDLER;
	ck_assert_int_eq(signal_action_set(task, MM0_SIGUSR1, true, &action, 0, &old), -EFAULT);
	ck_assert_int_eq(signal_mask_set(task, 9, true, 0, &mask), -EINVAL);
	ck_assert_int_eq(signal_setpgid(task, -1, 0), -EINVAL);
	ck_assert_int_eq(signal_setpgid(task, 30000, 0), -ESRCH);
	ck_assert_int_eq(signal_setpgid(task, 0, 30000), -EPERM);
	ck_assert_int_eq(signal_getpgid(task, 30000), -ESRCH);
	ck_assert_int_eq(signal_kill(task, (long)task->pid, 0), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(system_tasks_cannot_be_signalled)
{
	struct task *server = spawn(), *task = spawn();

	task_make_system(server);
	ck_assert_int_eq(signal_kill(task, (long)server->pid, 0), -EPERM);
	ck_assert_int_eq(signal_kill(task, (long)server->pid, MM0_SIGKILL), -EPERM);
	ck_assert_int_eq(signal_kill(task, -(long)server->pid, MM0_SIGKILL), -EPERM);
	/* The server's group with an ordinary member: the kill reaches the member only. */
	ck_assert_int_eq(signal_setpgid(task, 0, (long)server->pid), 0);
	ck_assert_int_eq(signal_kill(task, 0, 0), 0);
	ck_assert_int_eq(signal_kill(task, -1, MM0_SIGKILL), -EPERM);
	ck_assert_int_eq(signal_kill(server, -1, MM0_SIGTERM), 0);
	ck_assert(server->thread_alive && !server->zombie);
	ck_assert(task->leader->sig.process.set & MM0_SIGBIT(MM0_SIGTERM));
	ck_assert(task_system_runs("prog"));
	ck_assert(!task_system_runs("other"));
	exit_and_reap(task, 0);
	exit_and_reap(server, 0);
	ck_assert(!task_system_runs("prog"));
	assert_no_leak();
}
END_TEST

START_TEST(default_actions_end_ignore_or_stop)
{
	struct task *parent = spawn(), *child = fork_of(parent);
	struct fake_regs *file = regs_of(child->l4_tid);

	ck_assert_int_eq(signal_kill(parent, (long)child->pid, MM0_SIGCHLD), 0);
	ck_assert_int_eq(signal_kill(parent, (long)child->pid, MM0_SIGSTOP), 0);
	signal_dispatch_all();
	ck_assert(child->sig.stopped && file->suspended);
	ck_assert_int_eq(signal_kill(parent, (long)child->pid, MM0_SIGTERM), 0);
	signal_dispatch_all();
	ck_assert(!child->zombie);
	ck_assert_int_eq(signal_kill(parent, (long)child->pid, MM0_SIGCONT), 0);
	ck_assert(!child->sig.stopped && !file->suspended);
	signal_dispatch_all();
	ck_assert_int_eq(reap(parent, child->pid), MM0_W_SIGNALED(MM0_SIGTERM));
	ck_assert_uint_eq(parent->sig.process.set, 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(blocked_signals_wait_and_do_not_queue)
{
	struct task *task = process_with_stack();
	struct fake_regs *file = regs_of(task->l4_tid);
	uint64_t old;

	catch(task, MM0_SIGUSR1, 0, 0);
	ck_assert_int_eq(signal_mask_set(task, MM0_SIG_BLOCK, true,
					 MM0_SIGBIT(MM0_SIGUSR1) | MM0_SIG_UNBLOCKABLE, &old), 0);
	ck_assert_uint_eq(task->sig.blocked, MM0_SIGBIT(MM0_SIGUSR1));
	signal_kill(task, (long)task->pid, MM0_SIGUSR1);
	signal_kill(task, (long)task->pid, MM0_SIGUSR1);
	signal_dispatch_all();
	ck_assert_uint_eq(signal_pending_of(task), MM0_SIGBIT(MM0_SIGUSR1));
	ck_assert_uint_eq(file->regs[L4_EXREG_PC], 0x00010400);
	signal_mask_set(task, MM0_SIG_UNBLOCK, true, MM0_SIGBIT(MM0_SIGUSR1), &old);
	signal_dispatch_all();
	ck_assert_uint_eq(file->regs[L4_EXREG_PC], TRAMPOLINE);
	ck_assert_uint_eq(task->sig.process.set, 0);
	file->regs[L4_EXREG_PC] = 0x00010400;
	signal_dispatch_all();
	ck_assert_uint_eq(file->regs[L4_EXREG_PC], 0x00010400);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(delivery_writes_a_frame_and_sigreturn_restores_it)
{
	struct task *task = process_with_stack();
	struct fake_regs *file = regs_of(task->l4_tid);
	uint32_t frame, saved[L4_EXREG_WORDS];

	memcpy(saved, file->regs, sizeof(saved));
	catch(task, MM0_SIGUSR2, MM0_SA_RESETHAND, MM0_SIGBIT(MM0_SIGHUP));
	ck_assert_int_eq(signal_kill(task, 0, MM0_SIGUSR2), 0);
	signal_dispatch_all();
	frame = file->regs[L4_EXREG_SP];
	ck_assert_uint_eq(frame & 7, 0);
	ck_assert_uint_le(frame + sizeof(struct mm_signal_frame), STACK_TOP - 12);
	ck_assert_uint_eq(file->regs[0], MM0_SIGUSR2);
	ck_assert_uint_eq(file->regs[1], frame + offsetof(struct mm_signal_frame, info));
	ck_assert_uint_eq(file->regs[2], frame);
	ck_assert_uint_eq(file->regs[3], HANDLER);
	ck_assert_uint_eq(file->regs[L4_EXREG_PC], TRAMPOLINE);
	ck_assert(!file->suspended);
	ck_assert_uint_eq(task->sig.blocked, MM0_SIGBIT(MM0_SIGUSR2) | MM0_SIGBIT(MM0_SIGHUP));
	ck_assert_uint_eq(task->sig.actions[MM0_SIGUSR2].handler, MM0_SIG_DFL);
	for (unsigned i = 0; i <= L4_EXREG_CPSR; i++)
		ck_assert_uint_eq(peek_word(task, frame + 4 * i), saved[i]);
	ck_assert_uint_eq(peek_word(task, frame + offsetof(struct mm_signal_frame, magic)),
			  MM0_SIGFRAME_MAGIC);
	ck_assert_uint_eq(peek_word(task, frame + offsetof(struct mm_signal_frame, info)),
			  MM0_SIGUSR2);
	ck_assert_int_eq(signal_return(task, frame + 4, &frame), -EFAULT);
	ck_assert_int_eq(signal_return(task, 0x00800000, &frame), -EFAULT);
	ck_assert_ptr_null(fake_reply_for(&frame));
	ck_assert_int_eq(signal_return(task, frame, &frame), 0);
	ck_assert_ptr_nonnull(fake_reply_for(&frame));
	ck_assert_int_eq(fake_reply_for(&frame)->op, FAKE_REPLY_SIGRETURN);
	ck_assert_int_eq(fake_reply_for(&frame)->result, 0);
	ck_assert(!file->suspended);
	for (unsigned i = 0; i <= L4_EXREG_CPSR; i++)
		ck_assert_uint_eq(file->regs[i], saved[i]);
	ck_assert_uint_eq(task->sig.blocked, 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

/* A handler ends the waitpid or sigsuspend its thread waits in through mm0's own -EINTR
 * reply; the frame's r0 says the call ended, since the handler reuses the message registers. */
START_TEST(handlers_end_waits_through_an_eintr_reply)
{
	struct task *task = process_with_stack(), *child = fork_of(task);
	struct fake_regs *file = regs_of(task->l4_tid);
	int wait_token, suspend_token, status = -1;
	uint32_t frame;

	catch(task, MM0_SIGUSR1, 0, 0);
	ck_assert_int_eq(mm0_waitpid(task, child->pid, 0, &wait_token, &status), IDLRT_DEFERRED);
	ck_assert_int_eq(signal_kill(task, (long)task->pid, MM0_SIGUSR1), 0);
	signal_dispatch_all();
	ck_assert_ptr_nonnull(fake_reply_for(&wait_token));
	ck_assert_int_eq(fake_reply_for(&wait_token)->op, FAKE_REPLY_WAITPID);
	ck_assert_int_eq(fake_reply_for(&wait_token)->result, -EINTR);
	ck_assert_ptr_null(task->wait);
	frame = file->regs[L4_EXREG_SP];
	ck_assert_uint_eq(peek_word(task, frame), (uint32_t)-L4_ECANCELED);
	ck_assert_int_eq(signal_return(task, frame, &frame), 0);
	ck_assert_uint_eq(file->regs[0], (uint32_t)-L4_ECANCELED);

	task->sig.suspend_saved = task->sig.blocked;
	task->sig.blocked = 0;
	task->sig.suspended = true;
	task->sig.suspend_token = &suspend_token;
	ck_assert_int_eq(signal_kill(task, (long)task->pid, MM0_SIGUSR1), 0);
	signal_dispatch_all();
	ck_assert_ptr_nonnull(fake_reply_for(&suspend_token));
	ck_assert_int_eq(fake_reply_for(&suspend_token)->op, FAKE_REPLY_SIGSUSPEND);
	ck_assert_int_eq(fake_reply_for(&suspend_token)->result, -EINTR);
	ck_assert(!task->sig.suspended);
	ck_assert_uint_eq(file->regs[L4_EXREG_PC], TRAMPOLINE);

	exit_and_reap(child, 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(faults_go_to_a_handler_or_end_the_process)
{
	struct task *parent = spawn(), *task;
	struct fake_regs *file;
	uint32_t frame;

	task = task_of(mm0_fork(parent, TEST_PC, TEST_SP));
	ck_assert_int_eq(map_anon(task, STACK_BASE, 2 * P, RW, MM0_MAP_PRIVATE | MM0_MAP_FIXED),
			 STACK_BASE);
	ck_assert_int_eq(map_anon(task, 0x20000000, P, MM0_PROT_READ,
				  MM0_MAP_PRIVATE | MM0_MAP_FIXED), 0x20000000);
	file = regs_of(task->l4_tid);
	file->regs[L4_EXREG_SP] = STACK_TOP;
	catch(task, MM0_SIGSEGV, 0, 0);
	ck_assert_int_ne(user_write(task, 0x20000010, 1), USER_OK);
	ck_assert(!task->zombie);
	ck_assert_uint_eq(file->regs[L4_EXREG_PC], TRAMPOLINE);
	frame = file->regs[L4_EXREG_SP];
	ck_assert_uint_eq(peek_word(task, frame + offsetof(struct mm_signal_frame, info) + 8),
			  MM0_SEGV_ACCERR);
	ck_assert_uint_eq(peek_word(task, frame + offsetof(struct mm_signal_frame, info) + 20),
			  0x20000010);
	/* The handler faults too: SIGSEGV is blocked in it, so the process ends. */
	ck_assert_int_eq(user_write(task, 0x00900000, 1), USER_KILLED);
	ck_assert_int_eq(reap(parent, task->pid), MM0_W_SIGNALED(MM0_SIGSEGV));
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

/* A pager's error reaches the faulting thread's SIGBUS handler, with the fault's address. */
START_TEST(a_pager_error_goes_to_a_sigbus_handler)
{
	struct task *task = process_with_stack();
	struct vm_object *file = open_file(12, 2);
	struct fake_regs *file_regs = regs_of(task->l4_tid);

	ck_assert_int_eq(mm0_mmap(task->vm, 0x20000000, 2 * P, MM0_PROT_READ,
				  MM0_MAP_PRIVATE | MM0_MAP_FIXED, file, 0), 0x20000000);
	catch(task, MM0_SIGBUS, 0, 0);
	fake_pager_error = -EIO;
	ck_assert_int_eq(mm0_fault(task, 0x20000004, MM0_PROT_READ, 0, true), -EIO);
	ck_assert(!task->zombie);
	ck_assert_uint_eq(file_regs->regs[0], MM0_SIGBUS);
	ck_assert_uint_eq(file_regs->regs[L4_EXREG_PC], TRAMPOLINE);
	ck_assert_uint_eq(peek_word(task, file_regs->regs[1] + 20), 0x20000004);
	vm_file_close(file);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(a_frame_that_does_not_fit_ends_the_process)
{
	struct task *parent = spawn(), *task = fork_of(parent);

	regs_of(task->l4_tid)->regs[L4_EXREG_SP] = 0x00900000;
	catch(task, MM0_SIGUSR1, 0, 0);
	signal_kill(parent, (long)task->pid, MM0_SIGUSR1);
	signal_dispatch_all();
	ck_assert_int_eq(reap(parent, task->pid), MM0_W_SIGNALED(MM0_SIGSEGV));
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(groups_fork_and_sigchld)
{
	struct task *parent = process_with_stack(), *child, *thread;
	struct fake_regs *file = regs_of(parent->l4_tid);
	uint32_t frame;

	catch(parent, MM0_SIGUSR1, 0, MM0_SIGBIT(MM0_SIGHUP));
	catch(parent, MM0_SIGCHLD, 0, 0);
	parent->sig.blocked = MM0_SIGBIT(MM0_SIGUSR1);
	child = fork_of(parent);
	thread = task_of(mm0_clone(child, THREAD_FLAGS, TEST_SP, TEST_PC));
	ck_assert_uint_eq(child->sig.actions[MM0_SIGUSR1].handler, HANDLER);
	ck_assert_uint_eq(child->sig.actions[MM0_SIGUSR1].mask, MM0_SIGBIT(MM0_SIGHUP));
	ck_assert_uint_eq(child->sig.blocked, MM0_SIGBIT(MM0_SIGUSR1));
	ck_assert_uint_eq(thread->sig.blocked, MM0_SIGBIT(MM0_SIGUSR1));
	ck_assert_uint_eq(child->sig.pgid, parent->sig.pgid);
	ck_assert_int_eq(signal_getpgid(child, 0), (long)parent->pid);
	ck_assert_int_eq(signal_kill(child, 0, MM0_SIGUSR1), 0);
	ck_assert_uint_eq(parent->sig.process.set, MM0_SIGBIT(MM0_SIGUSR1));
	ck_assert_uint_eq(child->sig.process.set, MM0_SIGBIT(MM0_SIGUSR1));
	ck_assert_int_eq(signal_setpgid(parent, (long)child->pid, 0), 0);
	ck_assert_int_eq(signal_kill(parent, -(long)child->pid, MM0_SIGTERM), 0);
	signal_dispatch_all();
	ck_assert(child->zombie);
	frame = file->regs[L4_EXREG_SP];
	ck_assert_uint_eq(file->regs[0], MM0_SIGCHLD);
	ck_assert_uint_eq(peek_word(parent, frame + offsetof(struct mm_signal_frame, info) + 12),
			  child->pid);
	reap(parent, child->pid);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(alarm_fires_sigalrm_when_due)
{
	struct task *parent = spawn(), *task = fork_of(parent);

	ck_assert_int_eq(mm0_alarm(task, 3), 0);
	ck_assert_uint_eq(fake_timer_wakes, 1);
	fake_clock_ms += 1200;
	ck_assert_int_eq(mm0_alarm(task, 5), 2);
	ck_assert_uint_eq(timers_tick(), 5000);
	fake_clock_ms += 5000;
	ck_assert_uint_eq(timers_tick(), 0);
	ck_assert_int_eq(reap(parent, task->pid), MM0_W_SIGNALED(MM0_SIGALRM));
	ck_assert_int_eq(mm0_alarm(parent, 0), 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

/* alarm(UINT32_MAX) is 49 days away: the wait must stay a positive int, since the timer
 * thread asks again at once on 0 or less (it spun, starving lower priorities). */
START_TEST(a_far_alarm_gives_a_positive_wait)
{
	struct task *task = spawn();

	ck_assert_int_eq(mm0_alarm(task, 2147484), 0);
	ck_assert_uint_eq(timers_tick(), INT32_MAX);
	ck_assert_int_eq(mm0_alarm(task, 2147483), 2147484);
	ck_assert_uint_eq(timers_tick(), 2147483000u);
	ck_assert_int_eq(mm0_alarm(task, UINT32_MAX), 2147483);
	ck_assert_uint_eq(timers_tick(), INT32_MAX);
	/* 4294967295 seconds left: the old alarm's answer stays a positive int. */
	ck_assert_int_eq(mm0_alarm(task, 0), INT32_MAX);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(exec_resets_caught_signals_only)
{
	struct task *task = spawn();
	struct signal_action ignore = { MM0_SIG_IGN, 0, 0 }, old;
	uint64_t mask;

	catch(task, MM0_SIGUSR1, MM0_SA_RESTART, MM0_SIGBIT(MM0_SIGHUP));
	signal_action_set(task, MM0_SIGUSR2, true, &ignore, 0, &old);
	signal_mask_set(task, MM0_SIG_BLOCK, true, MM0_SIGBIT(MM0_SIGTERM), &mask);
	signal_kill(task, (long)task->pid, MM0_SIGTERM);
	mm0_alarm(task, 9);
	signal_exec(task);
	ck_assert_uint_eq(task->sig.actions[MM0_SIGUSR1].handler, MM0_SIG_DFL);
	ck_assert_uint_eq(task->sig.actions[MM0_SIGUSR1].flags, 0);
	ck_assert_uint_eq(task->sig.actions[MM0_SIGUSR1].mask, 0);
	ck_assert_uint_eq(task->sig.actions[MM0_SIGUSR2].handler, MM0_SIG_IGN);
	ck_assert_uint_eq(task->sig.blocked, MM0_SIGBIT(MM0_SIGTERM));
	ck_assert_uint_eq(signal_pending_of(task), MM0_SIGBIT(MM0_SIGTERM));
	ck_assert_int_eq(mm0_alarm(task, 0), 9);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(without_register_access_handlers_are_refused)
{
	struct task *task = spawn();
	struct signal_action action = { HANDLER, 0, 0 }, old;

	signal_kernel = NULL;
	ck_assert_int_eq(signal_action_set(task, MM0_SIGUSR1, true, &action, TRAMPOLINE, &old),
			 -ENOSYS);
	ck_assert_int_eq(signal_kill(task, (long)task->pid, MM0_SIGSTOP), -ENOSYS);
	ck_assert_int_eq(mm0_alarm(task, 1), -ENOSYS);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(sessions_setsid_and_getsid)
{
	struct task *parent = spawn(), *child = fork_of(parent), *grandchild;
	long child_pid = child->pid;

	/* mm0's children lead a group in mm0's session (pid 1). */
	ck_assert_int_eq(signal_getsid(parent, 0), 1);
	ck_assert_int_eq(signal_setsid(parent), -EPERM);
	ck_assert_int_eq(signal_getsid(child, 0), 1);
	ck_assert_int_eq(signal_setsid(child), child_pid);
	ck_assert_int_eq(signal_getsid(parent, child_pid), child_pid);
	ck_assert_int_eq(signal_getpgid(child, 0), child_pid);
	ck_assert_int_eq(signal_setsid(child), -EPERM);
	ck_assert_int_eq(signal_setpgid(child, 0, 0), -EPERM);
	ck_assert_int_eq(signal_setpgid(parent, child_pid, (long)parent->pid), -EPERM);
	grandchild = fork_of(child);
	ck_assert_int_eq(signal_getsid(grandchild, 0), child_pid);
	ck_assert_int_eq(signal_setpgid(parent, 0, child_pid), -EPERM);
	ck_assert_int_eq(signal_setpgid(grandchild, 0, 0), 0);
	ck_assert_int_eq(signal_setpgid(grandchild, 0, child_pid), 0);
	ck_assert_int_eq(signal_getsid(parent, 30000), -ESRCH);
	ck_assert_int_eq(signal_getsid(parent, -1), -ESRCH);
	ck_assert_int_eq(signal_setsid(NULL), -ESRCH);
	exit_and_reap(grandchild, 0);
	exit_and_reap(child, 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

#define RT0 MM0_SIGRTMIN
#define RT1 (MM0_SIGRTMIN + 1)

START_TEST(realtime_signals_queue_in_order_with_their_values)
{
	struct task *task = spawn();
	struct mm_siginfo info;
	uint64_t old;

	task->rlimits.limit[MM0_RLIMIT_SIGPENDING].soft = 4;
	signal_mask_set(task, MM0_SIG_BLOCK, true, MM0_SIGBIT(RT0) | MM0_SIGBIT(RT1) |
			MM0_SIGBIT(MM0_SIGUSR1), &old);
	ck_assert_int_eq(signal_send(task, (long)task->pid, RT1, MM0_SI_QUEUE, 10), 0);
	for (int value = 1; value <= 3; value++)
		ck_assert_int_eq(signal_send(task, (long)task->pid, RT0, MM0_SI_QUEUE, value), 0);
	ck_assert_int_eq(signal_send(task, (long)task->pid, RT0, MM0_SI_QUEUE, 4), -EAGAIN);
	ck_assert_int_eq(signal_kill(task, (long)task->pid, RT0), 0);
	ck_assert_int_eq(signal_send(task, 0, RT0, MM0_SI_QUEUE, 4), -ESRCH);
	ck_assert_int_eq(signal_send(task, (long)task->pid, MM0_NSIG, MM0_SI_QUEUE, 4), -EINVAL);
	ck_assert_uint_eq(task->sig.process.queued, 4);
	/* A standard signal sent twice is pending once, with the first siginfo. */
	ck_assert_int_eq(signal_send(task, (long)task->pid, MM0_SIGUSR1, MM0_SI_QUEUE, 7), 0);
	ck_assert_int_eq(signal_send(task, (long)task->pid, MM0_SIGUSR1, MM0_SI_QUEUE, 8), 0);
	ck_assert_uint_eq(task->sig.process.queued, 5);
	ck_assert_uint_eq(signal_pending_of(task),
			  MM0_SIGBIT(RT0) | MM0_SIGBIT(RT1) | MM0_SIGBIT(MM0_SIGUSR1));

	/* Taken lowest number first, each signal's instances in the order sent. */
	ck_assert_int_eq(signal_wait_begin(task, ~(uint64_t)0, 0, NULL, &info), MM0_SIGUSR1);
	ck_assert_int_eq(info.value, 7);
	for (int value = 1; value <= 3; value++) {
		ck_assert_int_eq(signal_wait_begin(task, ~(uint64_t)0, 0, NULL, &info), RT0);
		ck_assert_int_eq(info.value, value);
		ck_assert_int_eq(info.code, MM0_SI_QUEUE);
		ck_assert_int_eq(info.pid, (int)task->pid);
	}
	ck_assert_int_eq(signal_wait_begin(task, ~(uint64_t)0, 0, NULL, &info), RT1);
	ck_assert_int_eq(info.value, 10);
	ck_assert_int_eq(signal_wait_begin(task, ~(uint64_t)0, 0, NULL, &info), -EAGAIN);
	ck_assert_uint_eq(signal_pending_of(task), 0);

	/* Instances still queued when the process ends are freed with it. */
	signal_send(task, (long)task->pid, RT0, MM0_SI_QUEUE, 1);
	signal_send(task, (long)task->pid, RT1, MM0_SI_QUEUE, 2);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(thread_directed_signals_wait_for_their_thread)
{
	struct task *task = process_with_stack(), *other = spawn(), *thread;
	struct fake_regs *file;
	uint64_t old;

	catch(task, MM0_SIGUSR1, 0, 0);
	thread = task_of(mm0_clone(task, THREAD_FLAGS, STACK_TOP - 64, TEST_PC));
	/* The fake kernel starts no thread: give this one the registers it would run with. */
	file = regs_of(thread->l4_tid);
	file->regs[L4_EXREG_SP] = STACK_TOP - P;
	file->regs[L4_EXREG_PC] = 0x00010400;
	signal_mask_set(thread, MM0_SIG_BLOCK, true, MM0_SIGBIT(MM0_SIGUSR1), &old);
	ck_assert_int_eq(signal_post(task, thread->tid, MM0_SIGUSR1, MM0_SI_TKILL, 0, task->pid), 0);
	ck_assert_int_eq(signal_post(task, other->tid, MM0_SIGUSR1, MM0_SI_TKILL, 0, task->pid),
			 -ESRCH);
	ck_assert_int_eq(signal_post(task, thread->tid, 0, MM0_SI_TKILL, 0, task->pid), -EINVAL);
	signal_dispatch_all();
	/* The main thread accepts SIGUSR1, but the signal is the blocking thread's alone. */
	ck_assert_uint_eq(regs_of(task->l4_tid)->regs[L4_EXREG_PC], 0x00010400);
	ck_assert_uint_eq(thread->sig.thread.set, MM0_SIGBIT(MM0_SIGUSR1));
	ck_assert_uint_eq(task->sig.process.set, 0);
	ck_assert_uint_eq(signal_pending_of(thread), MM0_SIGBIT(MM0_SIGUSR1));
	ck_assert_uint_eq(signal_pending_of(task), 0);
	signal_mask_set(thread, MM0_SIG_UNBLOCK, true, MM0_SIGBIT(MM0_SIGUSR1), &old);
	signal_dispatch_all();
	ck_assert_uint_eq(file->regs[L4_EXREG_PC], TRAMPOLINE);
	ck_assert_uint_eq(file->regs[0], MM0_SIGUSR1);
	ck_assert_uint_eq(thread->sig.thread.set, 0);

	/* A process-directed one goes to the thread that does not block it. */
	signal_mask_set(task, MM0_SIG_BLOCK, true, MM0_SIGBIT(MM0_SIGUSR2), &old);
	catch(task, MM0_SIGUSR2, 0, 0);
	file->regs[L4_EXREG_PC] = 0x00010400;
	ck_assert_int_eq(signal_kill(task, (long)task->pid, MM0_SIGUSR2), 0);
	signal_dispatch_all();
	ck_assert_uint_eq(file->regs[L4_EXREG_PC], TRAMPOLINE);
	ck_assert_uint_eq(file->regs[0], MM0_SIGUSR2);
	ck_assert_uint_eq(regs_of(task->l4_tid)->regs[L4_EXREG_PC], 0x00010400);
	exit_and_reap(other, 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(sigtimedwait_is_answered_by_a_signal_a_deadline_or_a_handler)
{
	struct task *task = process_with_stack();
	struct mm_siginfo info;
	int token_signal, token_deadline, token_handler;
	uint64_t old;

	signal_mask_set(task, MM0_SIG_BLOCK, true, MM0_SIGBIT(RT0), &old);
	ck_assert_int_eq(signal_wait_begin(task, MM0_SIGBIT(RT0), -1, &token_signal, &info), 0);
	ck_assert(task->sig.waiting);
	ck_assert_int_eq(signal_send(task, (long)task->pid, RT0, MM0_SI_QUEUE, 42), 0);
	signal_dispatch_all();
	ck_assert_ptr_nonnull(fake_reply_for(&token_signal));
	ck_assert_int_eq(fake_reply_for(&token_signal)->op, FAKE_REPLY_SIGWAIT);
	ck_assert_int_eq(fake_reply_for(&token_signal)->result, RT0);
	ck_assert_int_eq(fake_reply_for(&token_signal)->status, 42);
	ck_assert(!task->sig.waiting);
	ck_assert_uint_eq(signal_pending_of(task), 0);

	ck_assert_int_eq(signal_wait_begin(task, MM0_SIGBIT(RT0), 50, &token_deadline, &info), 0);
	ck_assert_uint_gt(fake_timer_wakes, 0);
	fake_clock_ms += 49;
	ck_assert_uint_eq(signal_wait_tick(), 1);
	ck_assert_ptr_null(fake_reply_for(&token_deadline));
	fake_clock_ms += 1;
	signal_wait_tick();
	ck_assert_int_eq(fake_reply_for(&token_deadline)->result, -EAGAIN);

	/* Another signal's handler ends the wait with -EINTR. */
	catch(task, MM0_SIGUSR1, 0, 0);
	ck_assert_int_eq(signal_wait_begin(task, MM0_SIGBIT(RT0), -1, &token_handler, &info), 0);
	signal_kill(task, (long)task->pid, MM0_SIGUSR1);
	signal_dispatch_all();
	ck_assert_int_eq(fake_reply_for(&token_handler)->result, -EINTR);
	ck_assert_uint_eq(regs_of(task->l4_tid)->regs[L4_EXREG_PC], TRAMPOLINE);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(sa_onstack_frames_go_on_the_alternate_stack)
{
	struct task *task = process_with_stack();
	struct fake_regs *file = regs_of(task->l4_tid);
	uint32_t old_sp, old_size, frame;
	int old_flags;

	ck_assert_int_eq(signal_altstack_set(task, false, 0, 0, 0, STACK_TOP, &old_sp, &old_size,
					     &old_flags), 0);
	ck_assert_int_eq(old_flags, MM0_SS_DISABLE);
	ck_assert_int_eq(signal_altstack_set(task, true, STACK_BASE, MM0_MINSIGSTKSZ - 1, 0,
					     STACK_TOP, &old_sp, &old_size, &old_flags), -ENOMEM);
	ck_assert_int_eq(signal_altstack_set(task, true, STACK_BASE, P, 4, STACK_TOP, &old_sp,
					     &old_size, &old_flags), -EINVAL);
	ck_assert_int_eq(signal_altstack_set(task, true, STACK_BASE, P, 0, STACK_TOP, &old_sp,
					     &old_size, &old_flags), 0);
	/* On it (its top counts), the stack cannot change and reads SS_ONSTACK. */
	ck_assert_int_eq(signal_altstack_set(task, true, STACK_BASE, P, MM0_SS_DISABLE,
					     STACK_BASE + P, &old_sp, &old_size, &old_flags),
			 -EPERM);
	ck_assert_int_eq(old_flags, MM0_SS_ONSTACK);
	ck_assert_uint_eq(old_sp, STACK_BASE);
	ck_assert_uint_eq(old_size, P);

	catch(task, MM0_SIGUSR1, MM0_SA_ONSTACK, 0);
	signal_kill(task, (long)task->pid, MM0_SIGUSR1);
	signal_dispatch_all();
	frame = file->regs[L4_EXREG_SP];
	ck_assert_uint_eq(frame, (STACK_BASE + P - sizeof(struct mm_signal_frame)) & ~7u);
	ck_assert_int_eq(signal_return(task, frame, &frame), 0);
	ck_assert_uint_eq(file->regs[L4_EXREG_SP], STACK_TOP - 12);

	/* Without SA_ONSTACK the frame stays below the thread's sp. */
	catch(task, MM0_SIGUSR1, 0, 0);
	signal_kill(task, (long)task->pid, MM0_SIGUSR1);
	signal_dispatch_all();
	ck_assert_uint_gt(file->regs[L4_EXREG_SP], STACK_BASE + P);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("signals");

	add_test_alone(suite, bad_input_is_refused, signals_setup, signals_teardown);
	add_test_alone(suite, system_tasks_cannot_be_signalled, signals_setup, signals_teardown);
	add_test_alone(suite, default_actions_end_ignore_or_stop, signals_setup, signals_teardown);
	add_test_alone(suite, blocked_signals_wait_and_do_not_queue, signals_setup, signals_teardown);
	add_test_alone(suite, delivery_writes_a_frame_and_sigreturn_restores_it, signals_setup, signals_teardown);
	add_test_alone(suite, handlers_end_waits_through_an_eintr_reply, signals_setup, signals_teardown);
	add_test_alone(suite, faults_go_to_a_handler_or_end_the_process, signals_setup, signals_teardown);
	add_test_alone(suite, a_pager_error_goes_to_a_sigbus_handler, signals_setup, signals_teardown);
	add_test_alone(suite, a_frame_that_does_not_fit_ends_the_process, signals_setup, signals_teardown);
	add_test_alone(suite, groups_fork_and_sigchld, signals_setup, signals_teardown);
	add_test_alone(suite, sessions_setsid_and_getsid, signals_setup, signals_teardown);
	add_test_alone(suite, alarm_fires_sigalrm_when_due, signals_setup, signals_teardown);
	add_test_alone(suite, a_far_alarm_gives_a_positive_wait, signals_setup, signals_teardown);
	add_test_alone(suite, exec_resets_caught_signals_only, signals_setup, signals_teardown);
	add_test_alone(suite, without_register_access_handlers_are_refused, signals_setup, signals_teardown);
	add_test_alone(suite, realtime_signals_queue_in_order_with_their_values, signals_setup,
		       signals_teardown);
	add_test_alone(suite, thread_directed_signals_wait_for_their_thread, signals_setup,
		       signals_teardown);
	add_test_alone(suite, sigtimedwait_is_answered_by_a_signal_a_deadline_or_a_handler,
		       signals_setup, signals_teardown);
	add_test_alone(suite, sa_onstack_frames_go_on_the_alternate_stack, signals_setup,
		       signals_teardown);
	return run_suite(suite);
}

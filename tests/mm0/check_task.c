/* Tasks: ids, clone sharing, file tables, UTCB slots, exit, waitpid, orphans, bad input. */
#include "harness.h"

#define P MM0_PAGE_SIZE
#define BASE 0x20000000u
#define RW (MM0_PROT_READ | MM0_PROT_WRITE)
#define THREAD_FLAGS (MM0_CLONE_VM | MM0_CLONE_FILES | MM0_CLONE_THREAD)
#define STACK (TEST_SP - 0x1000)

static struct task *fork_of(struct task *parent)
{
	return task_of(mm0_fork(parent, TEST_PC, TEST_SP));
}

static struct task *clone_of(struct task *task, unsigned flags)
{
	long tid = mm0_clone(task, flags, STACK, TEST_PC);

	ck_assert_int_gt(tid, 1);
	return task_by_pid((uint32_t)tid);
}

START_TEST(ids_and_parents)
{
	struct task *parent = spawn(), *child = fork_of(parent);
	struct task *thread = clone_of(child, THREAD_FLAGS);

	ck_assert_int_eq(mm0_getppid(parent), 1);
	ck_assert_int_eq(mm0_getpid(mm0_self()), 1);
	ck_assert_int_eq(mm0_getppid(child), mm0_getpid(parent));
	ck_assert_int_eq(mm0_getpid(thread), mm0_getpid(child));
	ck_assert_int_ne(mm0_gettid(thread), mm0_getpid(thread));
	ck_assert_int_eq(mm0_getppid(thread), mm0_getpid(parent));
	ck_assert_ptr_eq(task_by_l4_tid(thread->l4_tid), thread);
	ck_assert_int_eq(mm0_getpid(NULL), -ESRCH);
	ck_assert_int_eq(mm0_getppid(NULL), -ESRCH);
	ck_assert_uint_eq(fake_thread_find(child->l4_tid)->r0, 0);
	ck_assert_uint_eq(fake_thread_find(child->l4_tid)->pc, TEST_PC);
	exit_and_reap(child, 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(clone_vm_shares_memory_with_its_own_utcb)
{
	struct task *task = spawn(), *thread;
	struct fake_thread *kernel_task, *kernel_thread;

	map_anon(task, BASE, P, RW, MM0_MAP_PRIVATE | MM0_MAP_FIXED);
	thread = clone_of(task, THREAD_FLAGS);
	poke(thread, BASE, 4);
	ck_assert_uint_eq(peek(task, BASE), 4);
	poke(task, BASE + 1, 5);
	ck_assert_uint_eq(peek(thread, BASE + 1), 5);
	kernel_task = fake_thread_find(task->l4_tid);
	kernel_thread = fake_thread_find(thread->l4_tid);
	ck_assert_ptr_eq(kernel_task->space, kernel_thread->space);
	ck_assert_uint_ne(kernel_task->utcb, kernel_thread->utcb);
	ck_assert_uint_eq(kernel_thread->sp, STACK);
	ck_assert_ptr_eq(thread->vm, task->vm);
	ck_assert_uint_eq(task->vm->refs, 2);
	assert_mmu_consistent();
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(utcb_slots_are_reused)
{
	struct task *task = spawn(), *first, *second;
	uint32_t slot;

	first = clone_of(task, THREAD_FLAGS);
	second = clone_of(task, THREAD_FLAGS);
	ck_assert_uint_eq(task->utcb_slot, 0);
	ck_assert_uint_eq(first->utcb_slot, 1);
	ck_assert_uint_eq(second->utcb_slot, 2);
	ck_assert_uint_eq(fake_thread_find(second->l4_tid)->utcb, MM0_UTCB_AREA + 2 * MM0_UTCB_SLOT_SIZE);
	slot = first->utcb_slot;
	ck_assert_int_eq(mm0_thread_exit(first, 0), 0);
	first = clone_of(task, THREAD_FLAGS);
	ck_assert_uint_eq(first->utcb_slot, slot);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(threads_beyond_the_space_limit_are_eagain)
{
	struct task *task = spawn();

	for (uint32_t made = 1; made < MM0_SPACE_THREADS_MAX; made++)
		clone_of(task, THREAD_FLAGS);
	ck_assert_uint_eq(utcb_count(task->vm), MM0_SPACE_THREADS_MAX);
	ck_assert_int_eq(mm0_clone(task, THREAD_FLAGS, STACK, TEST_PC), -EAGAIN);
	ck_assert_int_eq(mm0_clone(task, MM0_CLONE_VM, STACK, TEST_PC), -EAGAIN);
	/* A new space is not limited by this one's threads. */
	exit_and_reap(fork_of(task), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(clone_without_vm_copies)
{
	struct task *task = spawn(), *copy;

	map_anon(task, BASE, P, RW, MM0_MAP_PRIVATE | MM0_MAP_FIXED);
	poke(task, BASE, 1);
	copy = clone_of(task, MM0_SIGCHLD);
	ck_assert_uint_ne(copy->pid, task->pid);
	poke(copy, BASE, 2);
	ck_assert_uint_eq(peek(task, BASE), 1);
	ck_assert_uint_eq(fake_thread_find(copy->l4_tid)->utcb,
			  fake_thread_find(task->l4_tid)->utcb);
	exit_and_reap(copy, 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(clone_vm_process_shares_memory_and_is_waitable)
{
	struct task *task = spawn(), *sharer;

	map_anon(task, BASE, P, RW, MM0_MAP_PRIVATE | MM0_MAP_FIXED);
	sharer = clone_of(task, MM0_CLONE_VM);
	ck_assert_uint_ne(sharer->pid, task->pid);
	poke(sharer, BASE, 9);
	ck_assert_uint_eq(peek(task, BASE), 9);
	ck_assert_int_eq(exit_and_reap(sharer, 1), MM0_W_EXITCODE(1));
	ck_assert_uint_eq(peek(task, BASE), 9);
	assert_mmu_consistent();
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(clone_files_shares_the_table_fork_copies_it)
{
	struct task *task = spawn(), *thread, *child;

	ck_assert_int_eq(mm0_fd_set(task, MM0_FD_BASE + 3, 0x33), 0);
	thread = clone_of(task, THREAD_FLAGS);
	child = fork_of(task);
	ck_assert_int_eq(mm0_fd_get(child, MM0_FD_BASE + 3), 0x33);
	ck_assert_int_eq(mm0_fd_set(task, MM0_FD_BASE + 4, 0x44), 0);
	ck_assert_int_eq(mm0_fd_get(thread, MM0_FD_BASE + 4), 0x44);
	ck_assert_int_eq(mm0_fd_get(child, MM0_FD_BASE + 4), -EBADF);
	ck_assert_int_eq(mm0_fd_set(task, MM0_FD_BASE + MM0_FD_MAX, 1), -EBADF);
	ck_assert_int_eq(mm0_fd_set(task, 3, 1), -EBADF);
	ck_assert_int_eq(mm0_fd_set(task, -1, 1), -EBADF);
	ck_assert_int_eq(mm0_fd_get(task, 99), -EBADF);
	exit_and_reap(child, 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(clone_parent_makes_a_sibling)
{
	struct task *parent = spawn(), *child = fork_of(parent), *sibling;

	sibling = clone_of(child, MM0_CLONE_PARENT);
	ck_assert_int_eq(mm0_getppid(sibling), mm0_getpid(parent));
	exit_and_reap(sibling, 0);
	exit_and_reap(child, 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(bad_clone_and_fork_arguments)
{
	struct task *task = spawn();

	ck_assert_int_eq(mm0_clone(task, 0x80000000u, STACK, TEST_PC), -EINVAL);
	ck_assert_int_eq(mm0_clone(task, MM0_CLONE_THREAD, STACK, TEST_PC), -EINVAL);
	ck_assert_int_eq(mm0_clone(task, MM0_CLONE_VM | 9, STACK, TEST_PC), -EINVAL);
	ck_assert_int_eq(mm0_clone(task, THREAD_FLAGS, STACK + 4, TEST_PC), -EINVAL);
	ck_assert_int_eq(mm0_clone(task, THREAD_FLAGS, STACK, 0), -EINVAL);
	ck_assert_int_eq(mm0_clone(task, THREAD_FLAGS, 0x90000000u, TEST_PC), -EINVAL);
	ck_assert_int_eq(mm0_clone(NULL, THREAD_FLAGS, STACK, TEST_PC), -ESRCH);
	ck_assert_int_eq(mm0_clone(mm0_self(), MM0_CLONE_PARENT, STACK, TEST_PC), -EINVAL);
	ck_assert_int_eq(mm0_fork(task, MM0_USER_END, TEST_SP), -EINVAL);
	ck_assert_int_eq(mm0_fork(task, TEST_PC, 3), -EINVAL);
	ck_assert_int_eq(mm0_fork(NULL, TEST_PC, TEST_SP), -ESRCH);
	ck_assert_int_eq(mm0_task_start(task, TEST_PC, TEST_SP + 1), -EINVAL);
	ck_assert_int_eq(mm0_task_create(NULL, NULL, NULL, &task), -ESRCH);
	fake_thread_create_error = -ENOMEM;
	/* No kernel memory for a thread in the caller's space is its quota: a limit. */
	ck_assert_int_eq(mm0_clone(task, THREAD_FLAGS, STACK, TEST_PC), -EAGAIN);
	fake_thread_create_error = -ENOMEM;
	ck_assert_int_eq(mm0_fork(task, TEST_PC, TEST_SP), -ENOMEM);
	ck_assert_int_eq(mm0_exit(mm0_self(), 0), -EPERM);
	ck_assert_int_eq(mm0_exit(NULL, 0), -ESRCH);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(waitpid_defers_until_the_child_exits)
{
	struct task *parent = spawn(), *child = fork_of(parent);
	long child_pid = child->pid;
	struct fake_reply *reply;
	int token, status = 0;

	ck_assert_int_eq(mm0_waitpid(parent, -1, 0, &token, &status), IDLRT_DEFERRED);
	ck_assert_uint_eq(fake_reply_count, 0);
	ck_assert_int_eq(mm0_exit(child, 256 + 7), 0);
	reply = fake_reply_for(&token);
	ck_assert_ptr_nonnull(reply);
	ck_assert_int_eq(reply->result, child_pid);
	ck_assert_int_eq(reply->status, MM0_W_EXITCODE(7));
	ck_assert_int_eq(mm0_waitpid(parent, -1, MM0_WNOHANG, NULL, &status), -ECHILD);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(waitpid_for_one_pid_ignores_others)
{
	struct task *parent = spawn(), *first = fork_of(parent), *second = fork_of(parent);
	long first_pid = first->pid, second_pid = second->pid;
	int token, status = 0;

	ck_assert_int_eq(mm0_waitpid(parent, second_pid, 0, &token, &status), IDLRT_DEFERRED);
	ck_assert_int_eq(mm0_exit(first, 1), 0);
	ck_assert_ptr_null(fake_reply_for(&token));
	ck_assert_int_eq(mm0_exit(second, 2), 0);
	ck_assert_int_eq(fake_reply_for(&token)->result, second_pid);
	ck_assert_int_eq(fake_reply_for(&token)->status, MM0_W_EXITCODE(2));
	ck_assert_int_eq(mm0_waitpid(parent, -1, 0, NULL, &status), first_pid);
	ck_assert_int_eq(status, MM0_W_EXITCODE(1));
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(wnohang_and_echild)
{
	struct task *parent = spawn(), *child = fork_of(parent);
	int status = 0;

	ck_assert_int_eq(mm0_waitpid(parent, -1, MM0_WNOHANG, NULL, &status), 0);
	ck_assert_int_eq(mm0_waitpid(parent, child->pid + 100, MM0_WNOHANG, NULL, &status),
			 -ECHILD);
	ck_assert_int_eq(mm0_waitpid(child, -1, MM0_WNOHANG, NULL, &status), -ECHILD);
	ck_assert_int_eq(mm0_waitpid(parent, -1, 8, NULL, &status), -EINVAL);
	ck_assert_int_eq(mm0_waitpid(parent, 0, 0, NULL, &status), -EINVAL);
	ck_assert_int_eq(mm0_waitpid(parent, -5, 0, NULL, &status), -EINVAL);
	ck_assert_int_eq(mm0_waitpid(parent, -1, 0, NULL, NULL), -EINVAL);
	ck_assert_int_eq(mm0_waitpid(NULL, -1, 0, NULL, &status), -ESRCH);
	exit_and_reap(child, 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(a_waiting_thread_that_exits_is_forgotten)
{
	struct task *parent = spawn(), *waiter = clone_of(parent, THREAD_FLAGS);
	struct task *child = fork_of(parent);
	int token, status = 0;

	ck_assert_int_eq(mm0_waitpid(waiter, -1, 0, &token, &status), IDLRT_DEFERRED);
	ck_assert_int_eq(mm0_thread_exit(waiter, 0), 0);
	ck_assert_int_eq(mm0_exit(child, 0), 0);
	ck_assert_ptr_null(fake_reply_for(&token));
	ck_assert_int_gt(mm0_waitpid(parent, -1, MM0_WNOHANG, NULL, &status), 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(last_thread_exit_ends_the_process)
{
	struct task *parent = spawn(), *child = fork_of(parent), *thread;
	long child_pid = child->pid;
	int status = 0;

	thread = clone_of(child, THREAD_FLAGS);
	ck_assert_int_eq(mm0_thread_exit(child, 1), 0);
	ck_assert_int_eq(mm0_waitpid(parent, -1, MM0_WNOHANG, NULL, &status), 0);
	ck_assert_int_eq(mm0_getpid(thread), child_pid);
	ck_assert_int_eq(mm0_thread_exit(thread, 6), 0);
	ck_assert_int_eq(mm0_waitpid(parent, -1, MM0_WNOHANG, NULL, &status), child_pid);
	ck_assert_int_eq(status, MM0_W_EXITCODE(6));
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(exit_ends_every_thread)
{
	struct task *task = spawn();
	unsigned destroyed = fake_counts.thread_destroy;

	clone_of(task, THREAD_FLAGS);
	clone_of(task, THREAD_FLAGS);
	ck_assert_int_eq(mm0_exit(task, 0), 0);
	ck_assert_uint_eq(fake_counts.thread_destroy - destroyed, 3);
	ck_assert_uint_eq(fake_space_count(), 1);
	assert_no_leak();
}
END_TEST

START_TEST(orphans_go_to_mm0_and_are_reaped)
{
	struct task *parent = spawn(), *child = fork_of(parent), *grandchild = fork_of(child);

	ck_assert_int_eq(mm0_exit(child, 0), 0);
	ck_assert_int_eq(mm0_getppid(grandchild), 1);
	ck_assert_int_eq(mm0_exit(parent, 0), 0);
	ck_assert_int_eq(mm0_exit(grandchild, 0), 0);
	assert_no_leak();
}
END_TEST

START_TEST(zombies_wait_for_their_parent)
{
	struct task *parent = spawn(), *child = fork_of(parent);
	uint32_t tasks = task_live();

	ck_assert_int_eq(mm0_exit(child, 0), 0);
	ck_assert_uint_eq(task_live(), tasks);
	ck_assert_ptr_null(task_by_l4_tid(child->l4_tid));
	ck_assert_int_eq(mm0_exit(parent, 0), 0);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 tasks");

	add_mm0_test(suite, ids_and_parents);
	add_mm0_test(suite, clone_vm_shares_memory_with_its_own_utcb);
	add_mm0_test(suite, utcb_slots_are_reused);
	add_mm0_test(suite, threads_beyond_the_space_limit_are_eagain);
	add_mm0_test(suite, clone_without_vm_copies);
	add_mm0_test(suite, clone_vm_process_shares_memory_and_is_waitable);
	add_mm0_test(suite, clone_files_shares_the_table_fork_copies_it);
	add_mm0_test(suite, clone_parent_makes_a_sibling);
	add_mm0_test(suite, bad_clone_and_fork_arguments);
	add_mm0_test(suite, waitpid_defers_until_the_child_exits);
	add_mm0_test(suite, waitpid_for_one_pid_ignores_others);
	add_mm0_test(suite, wnohang_and_echild);
	add_mm0_test(suite, a_waiting_thread_that_exits_is_forgotten);
	add_mm0_test(suite, last_thread_exit_ends_the_process);
	add_mm0_test(suite, exit_ends_every_thread);
	add_mm0_test(suite, orphans_go_to_mm0_and_are_reaped);
	add_mm0_test(suite, zombies_wait_for_their_parent);
	return run_suite(suite);
}

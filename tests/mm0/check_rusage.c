/* Process CPU time (proc/rusage.c): a process's threads, live and ended, its reaped
 * children and theirs, and the child a thread's last wait reaped, over the fake
 * kernel's per-thread times. */
#include "harness.h"
#include "proc/rusage.h"

#define THREAD_FLAGS (MM0_CLONE_VM | MM0_CLONE_FILES | MM0_CLONE_THREAD)
#define STACK (TEST_SP - 0x1000)
#define MS 1000000ull

static struct task *fork_of(struct task *parent)
{
	return task_of(mm0_fork(parent, TEST_PC, TEST_SP));
}

static void charge(struct task *thread, uint64_t ns)
{
	struct fake_thread *fake = fake_thread_find(thread->l4_tid);

	ck_assert_ptr_nonnull(fake);
	fake->cpu_ns = ns;
}

static uint64_t cpu(struct task *task, int who)
{
	uint64_t ns = 0;

	ck_assert_int_eq(mm0_cpu_time(task, who, &ns), 0);
	return ns;
}

START_TEST(a_process_sums_its_threads_live_and_ended)
{
	struct task *process = spawn();
	struct task *thread = task_of(mm0_clone(process, THREAD_FLAGS, STACK, TEST_PC));

	charge(process, 5 * MS);
	charge(thread, 3 * MS);
	ck_assert_uint_eq(cpu(process, MM0_CPU_SELF), 8 * MS);
	ck_assert_uint_eq(cpu(thread, MM0_CPU_SELF), 8 * MS);
	ck_assert_uint_eq(cpu(thread, MM0_CPU_THREAD), 3 * MS);
	ck_assert_uint_eq(cpu(process, MM0_CPU_THREAD), 5 * MS);
	ck_assert_int_eq(mm0_thread_exit(thread, 0), 0);
	ck_assert_uint_eq(cpu(process, MM0_CPU_SELF), 8 * MS);
	ck_assert_uint_eq(cpu(process, MM0_CPU_CHILDREN), 0);
	exit_and_reap(process, 0);
	assert_no_leak();
}
END_TEST

START_TEST(reaped_children_and_grandchildren_add_up)
{
	struct task *parent = spawn(), *child = fork_of(parent), *grandchild = fork_of(child);
	long child_pid = child->pid, grandchild_pid = grandchild->pid;
	int status;

	charge(parent, 1 * MS);
	charge(child, 20 * MS);
	charge(grandchild, 300 * MS);
	ck_assert_int_eq(mm0_exit(grandchild, 0), 0);
	ck_assert_int_eq(mm0_waitpid(child, grandchild_pid, 0, NULL, &status), grandchild_pid);
	ck_assert_uint_eq(cpu(child, MM0_CPU_LAST_REAPED), 300 * MS);
	ck_assert_uint_eq(cpu(child, MM0_CPU_CHILDREN), 300 * MS);
	ck_assert_uint_eq(cpu(child, MM0_CPU_SELF), 20 * MS);
	ck_assert_int_eq(mm0_exit(child, 0), 0);
	ck_assert_int_eq(mm0_waitpid(parent, -1, 0, NULL, &status), child_pid);
	ck_assert_uint_eq(cpu(parent, MM0_CPU_LAST_REAPED), 320 * MS);
	ck_assert_uint_eq(cpu(parent, MM0_CPU_CHILDREN), 320 * MS);
	ck_assert_uint_eq(cpu(parent, MM0_CPU_SELF), 1 * MS);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

/* The child ends while its parent's thread waits: the deferred answer's path. */
START_TEST(a_waiting_thread_learns_the_child_it_reaped)
{
	struct task *parent = spawn(), *waiter = task_of(mm0_clone(parent, THREAD_FLAGS, STACK, TEST_PC));
	struct task *child = fork_of(parent);
	int token, status = 0;

	charge(child, 42 * MS);
	ck_assert_int_eq(mm0_waitpid(waiter, -1, 0, &token, &status), IDLRT_DEFERRED);
	ck_assert_int_eq(mm0_exit(child, 0), 0);
	ck_assert_ptr_nonnull(fake_reply_for(&token));
	ck_assert_uint_eq(cpu(waiter, MM0_CPU_LAST_REAPED), 42 * MS);
	ck_assert_uint_eq(cpu(parent, MM0_CPU_LAST_REAPED), 0);
	ck_assert_uint_eq(cpu(parent, MM0_CPU_CHILDREN), 42 * MS);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(bad_requests)
{
	struct task *process = spawn();
	uint64_t ns;

	ck_assert_int_eq(mm0_cpu_time(process, 3, &ns), -EINVAL);
	ck_assert_int_eq(mm0_cpu_time(process, -2, &ns), -EINVAL);
	ck_assert_int_eq(mm0_cpu_time(NULL, MM0_CPU_SELF, &ns), -ESRCH);
	exit_and_reap(process, 0);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 rusage");

	add_mm0_test(suite, a_process_sums_its_threads_live_and_ended);
	add_mm0_test(suite, reaped_children_and_grandchildren_add_up);
	add_mm0_test(suite, a_waiting_thread_learns_the_child_it_reaped);
	add_mm0_test(suite, bad_requests);
	return run_suite(suite);
}

/* Fault fix-ups: the table a process registers, the jump to a fix-up in place of SIGSEGV,
 * and what fork and threads share of it. */
#include <string.h>

#include "harness.h"
#include "proc/fault_fixup.h"

#define COPY_PC		0x00010100u
#define FIXUP_PC	0x00010200u
#define OTHER_PC	0x00010104u
#define UNMAPPED	0x00000008u
#define THREAD_FLAGS	(MM0_CLONE_VM | MM0_CLONE_FILES | MM0_CLONE_THREAD)

/* What the last exchange_registers asked. */
static uint32_t moved_tid, moved_flags, moved_pc;

static int record_exregs(void *ctx, uint32_t tid, uint32_t flags, uint32_t pc, uint32_t sp,
			 uint32_t regs[])
{
	(void)ctx;
	(void)sp;
	memset(regs, 0, L4_EXREG_WORDS * sizeof(uint32_t));
	moved_tid = tid;
	moved_flags = flags;
	moved_pc = pc;
	return 0;
}

static const struct signal_kernel_ops recording_ops = { .exregs = record_exregs };

static void fixup_setup(void)
{
	mm0_setup();
	moved_tid = moved_flags = moved_pc = 0;
	signal_kernel = &recording_ops;
}

static void fixup_teardown(void)
{
	signal_kernel = NULL;
	mm0_teardown();
}

static void register_one(struct task *task)
{
	const uint32_t table[2] = { COPY_PC, FIXUP_PC };

	ck_assert_int_eq(fault_fixup_set(task, table, sizeof(table)), 0);
}

START_TEST(malformed_tables_are_refused)
{
	struct task *task = spawn();
	uint32_t table[2 * FAULT_FIXUP_MAX + 2] = { 0 };

	for (unsigned i = 0; i < 2 * FAULT_FIXUP_MAX + 2; i++)
		table[i] = COPY_PC + 4 * i;
	ck_assert_int_eq(fault_fixup_set(task, table, 4), -EINVAL);
	ck_assert_int_eq(fault_fixup_set(task, table, sizeof(table)), -EINVAL);
	table[1] = 0;
	ck_assert_int_eq(fault_fixup_set(task, table, 8), -EINVAL);
	table[1] = MM0_USER_END;
	ck_assert_int_eq(fault_fixup_set(task, table, 8), -EINVAL);
	ck_assert_uint_eq(fault_fixup_of(task, COPY_PC), 0);
	table[1] = FIXUP_PC;
	ck_assert_int_eq(fault_fixup_set(task, table, 2 * FAULT_FIXUP_MAX * 4), 0);
	ck_assert_uint_eq(fault_fixup_of(task, COPY_PC), FIXUP_PC);
	ck_assert_int_eq(fault_fixup_set(task, table, 0), 0);
	ck_assert_uint_eq(fault_fixup_of(task, COPY_PC), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(a_fault_at_a_copy_pc_resumes_at_its_fixup)
{
	struct task *task = spawn();

	register_one(task);
	ck_assert_int_eq(mm0_fault(task, UNMAPPED, MM0_PROT_WRITE, COPY_PC, true), -EFAULT);
	ck_assert(!task->zombie);
	ck_assert_uint_eq(moved_tid, task->l4_tid);
	ck_assert_uint_eq(moved_flags, L4_EXREG_SET_PC | L4_EXREG_CANCEL_IPC);
	ck_assert_uint_eq(moved_pc, FIXUP_PC);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(a_fault_elsewhere_is_still_sigsegv)
{
	struct task *parent = spawn(), *task;
	long pid;
	int status = -1;

	register_one(parent);
	task = task_of(mm0_fork(parent, TEST_PC, TEST_SP));
	pid = (long)task->pid;
	ck_assert_int_eq(mm0_fault(task, UNMAPPED, MM0_PROT_READ, OTHER_PC, true), -EFAULT);
	ck_assert(task->zombie);
	ck_assert_uint_ne(moved_pc, FIXUP_PC);
	ck_assert_int_eq(mm0_waitpid(parent, pid, MM0_WNOHANG, NULL, &status), pid);
	ck_assert_int_eq(status, MM0_W_SIGNALED(MM0_SIGSEGV));
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(fork_children_and_threads_share_the_table)
{
	struct task *parent = spawn(), *child, *thread;

	register_one(parent);
	child = task_of(mm0_fork(parent, TEST_PC, TEST_SP));
	thread = task_of(mm0_clone(parent, THREAD_FLAGS, TEST_SP, TEST_PC));
	ck_assert_uint_eq(fault_fixup_of(child, COPY_PC), FIXUP_PC);
	ck_assert_uint_eq(fault_fixup_of(thread, COPY_PC), FIXUP_PC);
	ck_assert_int_eq(mm0_fault(thread, UNMAPPED, MM0_PROT_WRITE, COPY_PC, true), -EFAULT);
	ck_assert_uint_eq(moved_tid, thread->l4_tid);
	ck_assert_int_eq(fault_fixup_set(child, NULL, 0), 0);
	ck_assert_uint_eq(fault_fixup_of(parent, COPY_PC), FIXUP_PC);
	exit_and_reap(child, 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fault_fixup");

	add_test_alone(suite, malformed_tables_are_refused, fixup_setup, fixup_teardown);
	add_test_alone(suite, a_fault_at_a_copy_pc_resumes_at_its_fixup, fixup_setup, fixup_teardown);
	add_test_alone(suite, a_fault_elsewhere_is_still_sigsegv, fixup_setup, fixup_teardown);
	add_test_alone(suite, fork_children_and_threads_share_the_table, fixup_setup, fixup_teardown);
	return run_suite(suite);
}

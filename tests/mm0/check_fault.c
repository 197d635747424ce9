/* The fault path: zero fill, file pages through the pager, shared waits, kills, the env page. */
#include <string.h>

#include "harness.h"

#define P MM0_PAGE_SIZE
#define BASE 0x20000000u
#define RW (MM0_PROT_READ | MM0_PROT_WRITE)
#define PRIV MM0_MAP_PRIVATE
#define FIXED MM0_MAP_FIXED

static struct task *fork_of(struct task *parent)
{
	return task_of(mm0_fork(parent, TEST_PC, TEST_SP));
}

static long map_file(struct task *task, struct vm_object *file, uint32_t pages, int flags)
{
	return mm0_mmap(task->vm, BASE, pages * P, MM0_PROT_READ, flags | FIXED, file, 0);
}

START_TEST(zero_fill_maps_once)
{
	struct task *task = spawn();
	unsigned maps;

	map_anon(task, BASE, P, RW, PRIV | FIXED);
	maps = fake_counts.map;
	ck_assert_uint_eq(peek(task, BASE + 100), 0);
	poke(task, BASE + 100, 5);
	ck_assert_uint_eq(fake_counts.map - maps, 1);
	assert_mmu_consistent();
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(file_pages_are_cached_and_shared_between_tasks)
{
	struct task *first = spawn(), *second = spawn();
	struct vm_object *file = open_file(7, 4);

	ck_assert_int_eq(map_file(first, file, 4, PRIV), BASE);
	ck_assert_int_eq(map_file(second, file, 4, MM0_MAP_SHARED), BASE);
	ck_assert_uint_eq(peek(first, BASE + 3 * P + 9), fake_file_byte(7, 3 * P + 9));
	ck_assert_uint_eq(peek(second, BASE + 3 * P + 9), fake_file_byte(7, 3 * P + 9));
	ck_assert_uint_eq(fake_counts.get_page, 1);
	ck_assert_uint_eq(fake_pte_find(first->l4_tid, BASE + 3 * P)->phys,
			  fake_pte_find(second->l4_tid, BASE + 3 * P)->phys);
	ck_assert_uint_eq(file->link_count, 2);
	assert_mmu_consistent();
	vm_file_close(file);
	exit_and_reap(first, 0);
	exit_and_reap(second, 0);
	assert_no_leak();
}
END_TEST

START_TEST(pager_error_kills_with_sigbus)
{
	struct task *parent = spawn(), *child;
	struct vm_object *file = open_file(10, 2);
	int status = 0;
	long child_pid;

	ck_assert_int_eq(map_file(parent, file, 2, PRIV), BASE);
	child = fork_of(parent);
	child_pid = child->pid;
	fake_pager_error = -EIO;
	ck_assert_int_eq(mm0_fault(child, BASE, MM0_PROT_READ, 0, true), -EIO);
	ck_assert_int_eq(fake_pager_error, 0);
	ck_assert_int_eq(mm0_waitpid(parent, child_pid, 0, NULL, &status), child_pid);
	ck_assert_int_eq(status, MM0_W_SIGNALED(MM0_SIGBUS));
	vm_file_close(file);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(fault_past_end_of_file_is_sigbus)
{
	struct task *parent = spawn(), *child;
	struct vm_object *file = open_file(11, 1);
	int status = 0;
	long child_pid;

	ck_assert_int_eq(map_file(parent, file, 2, PRIV), BASE);
	child = fork_of(parent);
	child_pid = child->pid;
	ck_assert_uint_eq(peek(child, BASE), fake_file_byte(11, 0));
	ck_assert_int_eq(user_write(child, BASE + P, 1), USER_KILLED);
	ck_assert_int_eq(mm0_waitpid(parent, -1, 0, NULL, &status), child_pid);
	ck_assert_int_eq(status, MM0_W_SIGNALED(MM0_SIGSEGV));
	child = fork_of(parent);
	child_pid = child->pid;
	ck_assert_int_eq(user_read(child, BASE + P, NULL), USER_KILLED);
	ck_assert_int_eq(mm0_waitpid(parent, -1, 0, NULL, &status), child_pid);
	ck_assert_int_eq(status, MM0_W_SIGNALED(MM0_SIGBUS));
	vm_file_close(file);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(fault_outside_areas_is_reported_to_a_waiting_parent)
{
	struct task *parent = spawn(), *child = fork_of(parent);
	long child_pid = child->pid;
	int token, status = 0;
	struct fake_reply *reply;

	ck_assert_int_eq(mm0_waitpid(parent, -1, 0, &token, &status), IDLRT_DEFERRED);
	ck_assert_int_eq(user_write(child, 0x30000000u, 1), USER_KILLED);
	reply = fake_reply_for(&token);
	ck_assert_ptr_nonnull(reply);
	ck_assert_int_eq(reply->result, child_pid);
	ck_assert_int_eq(reply->status, MM0_W_SIGNALED(MM0_SIGSEGV));
	ck_assert_int_eq(mm0_waitpid(parent, -1, MM0_WNOHANG, NULL, &status), -ECHILD);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(write_to_read_only_area_is_sigsegv)
{
	struct task *parent = spawn(), *child;
	int status = 0;
	long child_pid;

	map_anon(parent, BASE, P, MM0_PROT_READ, PRIV | FIXED);
	child = fork_of(parent);
	child_pid = child->pid;
	ck_assert_uint_eq(peek(child, BASE), 0);
	ck_assert_int_eq(user_write(child, BASE, 1), USER_KILLED);
	ck_assert_int_eq(mm0_waitpid(parent, child_pid, 0, NULL, &status), child_pid);
	ck_assert_int_eq(status, MM0_W_SIGNALED(MM0_SIGSEGV));
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(environment_page_is_filled_on_first_fault)
{
	struct task *task = spawn(), *child;
	uint32_t words[3], i;
	char name[5];

	for (i = 0; i < sizeof(words); i++)
		((uint8_t *)words)[i] = peek(task, MM0_ENV_ADDR + i);
	ck_assert_uint_eq(words[0], 1);
	for (i = 0; i < sizeof(name); i++)
		name[i] = (char)peek(task, words[1] + i);
	ck_assert_str_eq(name, "prog");
	ck_assert_uint_eq(words[2], 0);
	poke(task, MM0_ENV_ADDR + 100, 7);
	child = fork_of(task);
	ck_assert_uint_eq(peek(child, MM0_ENV_ADDR), 1);
	ck_assert_uint_eq(peek(child, MM0_ENV_ADDR + 100), 7);
	ck_assert_int_eq(mm0_task_start(task, TEST_PC, TEST_SP), 0);
	ck_assert_uint_eq(fake_thread_find(task->l4_tid)->r0, MM0_ENV_ADDR);
	exit_and_reap(child, 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(environment_too_big_is_e2big)
{
	static char big[MM0_PAGE_SIZE];
	const char *argv[] = { big, NULL };
	struct task *task;

	memset(big, 'x', sizeof(big) - 1);
	ck_assert_int_eq(mm0_task_create(mm0_self(), argv, NULL, &task), -E2BIG);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 faults");

	add_mm0_test(suite, zero_fill_maps_once);
	add_mm0_test(suite, file_pages_are_cached_and_shared_between_tasks);
	add_mm0_test(suite, pager_error_kills_with_sigbus);
	add_mm0_test(suite, fault_past_end_of_file_is_sigbus);
	add_mm0_test(suite, fault_outside_areas_is_reported_to_a_waiting_parent);
	add_mm0_test(suite, write_to_read_only_area_is_sigsegv);
	add_mm0_test(suite, environment_page_is_filled_on_first_fault);
	add_mm0_test(suite, environment_too_big_is_e2big);
	return run_suite(suite);
}

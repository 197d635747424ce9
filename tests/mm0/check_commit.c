/* The heap's break, merged anonymous areas, the growing stack, strict commit and the limits. */
#define _GNU_SOURCE	/* memmem */
#include <string.h>

#include "fs0.h"
#include "harness.h"
#include "proc/env.h"

#define P MM0_PAGE_SIZE
#define BASE 0x20000000u
#define IMAGE_END 0x00100000u
#define RW (MM0_PROT_READ | MM0_PROT_WRITE)
#define PRIV MM0_MAP_PRIVATE
#define FIXED MM0_MAP_FIXED

/* A process with a heap after IMAGE_END and the main stack, as exec gives it. */
static struct task *spawn_program(void)
{
	struct task *task = spawn();

	ck_assert_int_ge(spawn_map_heap_stack(task, IMAGE_END), 0);
	return task;
}

static long set_limit(struct task *task, int resource, uint32_t soft, uint32_t hard)
{
	struct rlimit_pair limit = { soft, hard }, old;

	return mm0_rlimit(task, 0, resource, true, &limit, &old);
}

static struct rlimit_pair get_limit(struct task *task, int32_t pid, int resource)
{
	struct rlimit_pair old = { 0, 0 };

	ck_assert_int_eq(mm0_rlimit(task, pid, resource, false, NULL, &old), 0);
	return old;
}

static void seal_real_commit(void)
{
	mm0_setup();
	mm0_commit_seal(0);
}

START_TEST(brk_grows_and_shrinks_one_heap_area)
{
	struct task *task = spawn_program();
	uint32_t areas = task->vm->usage.areas, heap_end = IMAGE_END + MM0_HEAP_SIZE;

	ck_assert_int_eq(mm0_brk(task->vm, 0), heap_end);
	poke(task, heap_end - P, 7);
	for (uint32_t step = 1; step <= 64; step++)
		ck_assert_int_eq(mm0_brk(task->vm, heap_end + step * P - 100), heap_end + step * P);
	ck_assert_uint_eq(task->vm->usage.areas, areas);
	ck_assert_ptr_eq(vma_find(task->vm, IMAGE_END), vma_find(task->vm, heap_end + 63 * P));
	poke(task, heap_end + 10 * P, 9);
	ck_assert_uint_eq(peek(task, heap_end - P), 7);
	ck_assert_int_eq(mm0_brk(task->vm, heap_end), heap_end);
	ck_assert_ptr_null(vma_find(task->vm, heap_end));
	ck_assert_int_eq(mm0_brk(task->vm, heap_end + 11 * P), heap_end + 11 * P);
	ck_assert_uint_eq(peek(task, heap_end + 10 * P), 0);
	ck_assert_int_eq(mm0_brk(task->vm, IMAGE_END - P), -ENOMEM);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(brk_stops_below_a_mapping)
{
	struct task *task = spawn_program();
	uint32_t heap_end = IMAGE_END + MM0_HEAP_SIZE;

	ck_assert_int_eq(map_anon(task, heap_end + 4 * P, P, MM0_PROT_READ, PRIV | FIXED),
			 heap_end + 4 * P);
	ck_assert_int_eq(mm0_brk(task->vm, heap_end + 4 * P), heap_end + 4 * P);
	ck_assert_int_eq(mm0_brk(task->vm, heap_end + 5 * P), -ENOMEM);
	ck_assert_int_eq(mm0_brk(task->vm, 0), heap_end + 4 * P);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(neighbouring_anonymous_mappings_are_one_area)
{
	struct task *task = spawn();
	uint32_t areas = task->vm->usage.areas;

	ck_assert_int_eq(map_anon(task, BASE, P, RW, PRIV | FIXED), BASE);
	poke(task, BASE, 1);
	for (uint32_t i = 1; i < 100; i++) {
		ck_assert_int_eq(map_anon(task, BASE + i * P, P, RW, PRIV | FIXED), BASE + i * P);
		poke(task, BASE + i * P, (uint8_t)i);
	}
	/* below the first one too */
	ck_assert_int_eq(map_anon(task, BASE - P, P, RW, PRIV | FIXED), BASE - P);
	ck_assert_uint_eq(task->vm->usage.areas, areas + 1);
	for (uint32_t i = 1; i < 100; i++)
		ck_assert_uint_eq(peek(task, BASE + i * P), i);
	ck_assert_uint_eq(peek(task, BASE - P), 0);
	/* a different protection is a record of its own */
	ck_assert_int_eq(map_anon(task, BASE + 100 * P, P, MM0_PROT_READ, PRIV | FIXED),
			 BASE + 100 * P);
	ck_assert_uint_eq(task->vm->usage.areas, areas + 2);
	assert_mmu_consistent();
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(munmap_of_part_gives_its_pages_back_at_once)
{
	struct task *task = spawn();
	struct mm0_stats before, after;

	ck_assert_int_eq(map_anon(task, BASE, 8 * P, RW, PRIV | FIXED), BASE);
	for (uint32_t i = 0; i < 8; i++)
		poke(task, BASE + i * P, 1);
	mm0_stats(&before);
	ck_assert_int_eq(mm0_munmap(task->vm, BASE + 2 * P, 4 * P), 0);
	mm0_stats(&after);
	ck_assert_uint_eq(after.free_pages, before.free_pages + 4);
	ck_assert_uint_eq(peek(task, BASE + 7 * P), 1);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(stack_grows_down_to_its_limit_and_no_further)
{
	struct task *task = spawn_program();
	uint32_t low = MM0_STACK_TOP - MM0_STACK_LIMIT_DEFAULT;
	struct vm_area *stack;

	/* deep below the mapped 64 KiB, within 8 MiB */
	ck_assert_int_eq(vm_fault(task->vm, MM0_STACK_TOP - 3 * MM0_STACK_SIZE, MM0_PROT_WRITE), 0);
	stack = vma_find(task->vm, MM0_STACK_TOP - 1);
	ck_assert_uint_eq(stack->start, MM0_STACK_TOP - 3 * MM0_STACK_SIZE);
	poke(task, low, 5);
	ck_assert_uint_eq(stack->start, low);
	/* the guard page and below */
	ck_assert_int_eq(vm_fault(task->vm, low - 4, MM0_PROT_WRITE), -EFAULT);
	ck_assert_int_eq(vm_fault(task->vm, low - 2 * P, MM0_PROT_WRITE), -EFAULT);
	/* mmap keeps out of the stack's room */
	ck_assert_int_eq(map_anon(task, low - P, 2 * P, RW, PRIV), MM0_MMAP_BASE);
	assert_mmu_consistent();
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(rlimit_stack_bounds_growth_and_sets_the_room_at_exec)
{
	struct task *task = spawn();

	ck_assert_int_eq(set_limit(task, MM0_RLIMIT_STACK, 8 * P, MM0_RLIM_INFINITY), 0);
	ck_assert_int_ge(spawn_map_heap_stack(task, IMAGE_END), 0);
	ck_assert_uint_eq(task->vm->stack_floor, MM0_STACK_TOP - MM0_STACK_SIZE);
	ck_assert_int_eq(vm_fault(task->vm, MM0_STACK_TOP - MM0_STACK_SIZE - P, MM0_PROT_WRITE),
			 -EFAULT);
	/* a higher limit counts from the next exec: the room stays */
	ck_assert_int_eq(set_limit(task, MM0_RLIMIT_STACK, 256 * P, MM0_RLIM_INFINITY), 0);
	ck_assert_int_eq(vm_fault(task->vm, MM0_STACK_TOP - MM0_STACK_SIZE - P, MM0_PROT_WRITE),
			 -EFAULT);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(stack_stops_a_guard_page_above_a_mapping)
{
	struct task *task = spawn_program();
	uint32_t below = MM0_STACK_TOP - MM0_STACK_SIZE - 4 * P;

	ck_assert_int_eq(map_anon(task, below, P, RW, PRIV | FIXED), below);
	ck_assert_int_eq(vm_fault(task->vm, below + 2 * P, MM0_PROT_WRITE), 0);
	ck_assert_int_eq(vm_fault(task->vm, below + P, MM0_PROT_WRITE), -EFAULT);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(commit_refuses_more_than_memory_up_front)
{
	struct task *task = spawn();
	uint32_t limit = commit_limit();

	ck_assert_uint_le(limit, TEST_PAGES);
	ck_assert_int_eq(map_anon(task, 0, (limit + 1) * P, RW, PRIV), -ENOMEM);
	/* what no process could copy into is not charged */
	ck_assert_int_ge(map_anon(task, 0, 2 * limit * P, MM0_PROT_READ, PRIV), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(one_process_leaves_the_others_their_share)
{
	struct task *grower = spawn(), *other = spawn();
	uint32_t limit = commit_limit(), got = 0;
	long addr;

	while (map_anon(grower, 0, P, RW, PRIV) >= 0)
		got++;
	ck_assert_uint_le(grower->vm->usage.committed, limit - limit / COMMIT_OTHERS_SHARE);
	ck_assert_uint_gt(got, limit / 2);
	/* the grower can touch every page it got; the other can still map and fork */
	addr = map_anon(other, 0, 8 * P, RW, PRIV);
	ck_assert_int_ge(addr, 0);
	poke(other, (uint32_t)addr, 1);
	exit_and_reap(task_of(mm0_fork(other, TEST_PC, TEST_SP)), 0);
	exit_and_reap(grower, 0);
	exit_and_reap(other, 0);
	assert_no_leak();
}
END_TEST

START_TEST(fork_without_commit_for_the_copy_is_enomem)
{
	struct task *parent = spawn();
	uint32_t limit = commit_limit();

	ck_assert_int_ge(map_anon(parent, 0, limit / 2 * P, RW, PRIV), 0);
	ck_assert_int_eq(mm0_fork(parent, TEST_PC, TEST_SP), -ENOMEM);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(mprotect_to_writable_needs_commit)
{
	struct task *task = spawn();
	uint32_t limit = commit_limit();
	long addr = map_anon(task, 0, (limit + 1) * P, MM0_PROT_READ, PRIV);

	ck_assert_int_ge(addr, 0);
	ck_assert_int_eq(mm0_mprotect(task->vm, (uint32_t)addr, (limit + 1) * P, RW), -ENOMEM);
	ck_assert_int_eq(mm0_mprotect(task->vm, (uint32_t)addr, 4 * P, RW), 0);
	poke(task, (uint32_t)addr, 1);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(shared_anonymous_memory_is_committed)
{
	struct task *task = spawn();
	uint32_t total = commit_total();
	long addr = map_anon(task, 0, 8 * P, RW, MM0_MAP_SHARED);

	ck_assert_int_ge(addr, 0);
	ck_assert_uint_eq(commit_total(), total + 8);
	ck_assert_int_eq(map_anon(task, 0, commit_limit() * P, RW, MM0_MAP_SHARED), -ENOMEM);
	ck_assert_int_eq(mm0_munmap(task->vm, (uint32_t)addr, 8 * P), 0);
	ck_assert_uint_eq(commit_total(), total);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(rlimit_as_and_data_give_enomem)
{
	struct task *task = spawn_program();
	uint32_t heap_end = IMAGE_END + MM0_HEAP_SIZE;
	uint32_t total = task->vm->usage.total_pages * P, data = task->vm->usage.data_pages * P;

	ck_assert_int_eq(set_limit(task, MM0_RLIMIT_AS, total + 4 * P, MM0_RLIM_INFINITY), 0);
	ck_assert_int_eq(map_anon(task, 0, 5 * P, MM0_PROT_READ, PRIV), -ENOMEM);
	ck_assert_int_ge(map_anon(task, 0, 4 * P, MM0_PROT_READ, PRIV), 0);
	ck_assert_int_eq(set_limit(task, MM0_RLIMIT_AS, MM0_RLIM_INFINITY, MM0_RLIM_INFINITY), 0);
	ck_assert_int_eq(set_limit(task, MM0_RLIMIT_DATA, data + 2 * P, MM0_RLIM_INFINITY), 0);
	ck_assert_int_eq(mm0_brk(task->vm, heap_end + 3 * P), -ENOMEM);
	ck_assert_int_eq(mm0_brk(task->vm, heap_end + 2 * P), heap_end + 2 * P);
	ck_assert_int_eq(map_anon(task, 0, P, RW, PRIV), -ENOMEM);
	/* read-only and shared memory is not data */
	ck_assert_int_ge(map_anon(task, 0, P, MM0_PROT_READ, PRIV), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(area_records_stop_at_the_record_limit)
{
	struct task *task = spawn();
	uint32_t mapped = 0;
	long addr;

	/* alternate protections, so no two neighbours merge; downwards, so each
	 * new area is found first in the sorted list */
	while ((addr = map_anon(task, BASE - mapped * P, P, mapped % 2 ? RW : MM0_PROT_READ,
				PRIV | FIXED)) >= 0)
		mapped++;
	ck_assert_int_eq(addr, -ENOMEM);
	ck_assert_uint_eq(task->vm->usage.areas, VMA_AREAS_MAX);
	ck_assert_uint_ge(task->vm->usage.committed, VMA_AREAS_MAX / VMA_AREAS_PER_PAGE);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(rlimits_check_store_and_inherit)
{
	struct task *parent = spawn(), *child;
	struct rlimit_pair old;

	ck_assert_uint_eq(get_limit(parent, 0, MM0_RLIMIT_STACK).soft, MM0_STACK_LIMIT_DEFAULT);
	ck_assert_uint_eq(get_limit(parent, 0, MM0_RLIMIT_NOFILE).hard, FS0_OPEN_MAX);
	ck_assert_uint_eq(get_limit(parent, 0, MM0_RLIMIT_AS).soft, MM0_RLIM_INFINITY);
	ck_assert_int_eq(set_limit(parent, MM0_RLIMIT_CPU, 20, 10), -EINVAL);
	ck_assert_int_eq(set_limit(parent, MM0_RLIMIT_NOFILE, 10, FS0_OPEN_MAX + 1), -EPERM);
	ck_assert_int_eq(set_limit(parent, MM0_RLIM_NLIMITS, 1, 1), -EINVAL);
	/* a limit nothing enforces is still stored */
	ck_assert_int_eq(set_limit(parent, MM0_RLIMIT_CPU, 10, 20), 0);
	ck_assert_int_eq(set_limit(parent, MM0_RLIMIT_NOFILE, 16, 32), 0);
	child = task_of(mm0_fork(parent, TEST_PC, TEST_SP));
	ck_assert_uint_eq(get_limit(child, 0, MM0_RLIMIT_CPU).soft, 10);
	ck_assert_uint_eq(get_limit(child, 0, MM0_RLIMIT_CPU).hard, 20);
	ck_assert_uint_eq(get_limit(parent, (int32_t)child->pid, MM0_RLIMIT_NOFILE).soft, 16);
	ck_assert_int_eq(mm0_rlimit(parent, 30000, MM0_RLIMIT_CPU, false, NULL, &old), -ESRCH);
	exit_and_reap(child, 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(initial_environment_without_one_given)
{
	static const char *const argv[] = { "init", NULL };
	struct vm_object *env;
	const char *strings;

	ck_assert_int_eq(env_object_create(argv, NULL, &env), 0);
	strings = (const char *)env->env_data;
	ck_assert_ptr_nonnull(memmem(strings, env->env_len, "PATH=/bin:/boot", 16));
	ck_assert_ptr_nonnull(memmem(strings, env->env_len, "HOME=/root", 11));
	ck_assert_ptr_nonnull(memmem(strings, env->env_len, "TERM=vt100", 11));
	ck_assert_ptr_nonnull(memmem(strings, env->env_len, "PWD=/", 6));
	vm_object_settle(env);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 commit");

	add_mm0_test(suite, brk_grows_and_shrinks_one_heap_area);
	add_mm0_test(suite, brk_stops_below_a_mapping);
	add_mm0_test(suite, neighbouring_anonymous_mappings_are_one_area);
	add_mm0_test(suite, munmap_of_part_gives_its_pages_back_at_once);
	add_mm0_test(suite, stack_grows_down_to_its_limit_and_no_further);
	add_mm0_test(suite, rlimit_stack_bounds_growth_and_sets_the_room_at_exec);
	add_mm0_test(suite, stack_stops_a_guard_page_above_a_mapping);
	add_test_alone(suite, commit_refuses_more_than_memory_up_front, seal_real_commit,
		       mm0_teardown);
	add_test_alone(suite, one_process_leaves_the_others_their_share, seal_real_commit,
		       mm0_teardown);
	add_test_alone(suite, fork_without_commit_for_the_copy_is_enomem, seal_real_commit,
		       mm0_teardown);
	add_test_alone(suite, mprotect_to_writable_needs_commit, seal_real_commit, mm0_teardown);
	add_test_alone(suite, shared_anonymous_memory_is_committed, seal_real_commit, mm0_teardown);
	add_mm0_test(suite, rlimit_as_and_data_give_enomem);
	add_mm0_test(suite, area_records_stop_at_the_record_limit);
	add_mm0_test(suite, rlimits_check_store_and_inherit);
	add_mm0_test(suite, initial_environment_without_one_given);
	return run_suite(suite);
}

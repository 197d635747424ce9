/* Copy-on-write across fork: shadow chains, the merge/delete/keep rule, shared anon memory, OOM. */
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

static struct vm_object *top_at(struct task *task, uint32_t addr)
{
	return vma_find(task->vm, addr)->obj;
}

START_TEST(cow_isolates_both_ways)
{
	struct task *parent = spawn(), *child;

	ck_assert_int_eq(map_anon(parent, BASE, 2 * P, RW, PRIV | FIXED), BASE);
	poke(parent, BASE, 1);
	child = fork_of(parent);
	ck_assert_uint_eq(peek(child, BASE), 1);
	poke(child, BASE, 2);
	ck_assert_uint_eq(peek(parent, BASE), 1);
	poke(parent, BASE, 3);
	ck_assert_uint_eq(peek(child, BASE), 2);
	ck_assert_uint_eq(peek(child, BASE + P), 0);
	assert_mmu_consistent();
	ck_assert_int_eq(exit_and_reap(child, 5), MM0_W_EXITCODE(5));
	ck_assert_uint_eq(peek(parent, BASE), 3);
	assert_mmu_consistent();
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

/* Both pieces of a split private area link one shadow, but only this space
 * sees it: the pieces keep writing into it, with no new shadow. */
START_TEST(munmap_middle_of_written_private_area_keeps_one_private_shadow)
{
	struct task *task = spawn();
	struct vm_object *top;
	struct mm0_stats before, after;
	uint32_t i;

	ck_assert_int_eq(map_anon(task, BASE, 4 * P, RW, PRIV | FIXED), BASE);
	for (i = 0; i < 4; i++)
		poke(task, BASE + i * P, (uint8_t)(0x20 + i));
	top = top_at(task, BASE);
	ck_assert_int_eq(mm0_munmap(task->vm, BASE + P, 2 * P), 0);
	ck_assert_ptr_eq(top_at(task, BASE + 3 * P), top);
	ck_assert(vm_object_private(top));
	assert_mmu_consistent();
	mm0_stats(&before);
	poke(task, BASE, 0x30);
	poke(task, BASE + 3 * P, 0x33);
	mm0_stats(&after);
	ck_assert_uint_eq(after.live_objects, before.live_objects);
	ck_assert_uint_eq(after.free_pages, before.free_pages);
	ck_assert_ptr_eq(top_at(task, BASE), top);
	ck_assert_uint_eq(peek(task, BASE), 0x30);
	ck_assert_uint_eq(peek(task, BASE + 3 * P), 0x33);
	assert_mmu_consistent();
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(fork_protects_once_per_private_writable_area)
{
	struct task *parent = spawn(), *child;
	unsigned protects;

	map_anon(parent, BASE, 4 * P, RW, PRIV | FIXED);
	map_anon(parent, BASE + 8 * P, 4 * P, RW, PRIV | FIXED);
	map_anon(parent, BASE + 16 * P, 4 * P, MM0_PROT_READ, PRIV | FIXED);
	map_anon(parent, BASE + 24 * P, 4 * P, RW, MM0_MAP_SHARED | FIXED);
	for (protects = 0; protects < 4; protects++)
		poke(parent, BASE + protects * P, 1);
	protects = fake_counts.protect;
	child = fork_of(parent);
	/* The touched anonymous area and the environment page; the untouched
	 * one still links devzero, so nothing of it can be mapped. */
	ck_assert_uint_eq(fake_counts.protect - protects, 2);
	ck_assert_uint_eq(fake_pte_find(parent->l4_tid, BASE + 2 * P)->perms, MM0_PROT_READ);
	ck_assert_uint_eq(fake_pte_count(child->l4_tid), 0);
	assert_mmu_consistent();
	exit_and_reap(child, 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(shadow_counts_follow_writes_and_exit_merges)
{
	struct task *parent = spawn(), *child;
	struct vm_object *shared, *parent_top;
	uint32_t objects;

	map_anon(parent, BASE, 2 * P, RW, PRIV | FIXED);
	poke(parent, BASE, 1);
	poke(parent, BASE + P, 11);
	shared = top_at(parent, BASE);
	child = fork_of(parent);
	ck_assert_uint_eq(shared->link_count, 2);
	ck_assert_uint_eq(shared->shadow_count, 0);
	poke(parent, BASE, 2);
	parent_top = top_at(parent, BASE);
	ck_assert_ptr_ne(parent_top, shared);
	ck_assert_ptr_eq(parent_top->backing, shared);
	ck_assert_uint_eq(shared->link_count, 1);
	ck_assert_uint_eq(shared->shadow_count, 1);
	poke(child, BASE, 3);
	/* Keep: no links, but two shadows still read through it. */
	ck_assert_uint_eq(shared->link_count, 0);
	ck_assert_uint_eq(shared->shadow_count, 2);
	assert_mmu_consistent();
	objects = vm_object_live();
	exit_and_reap(child, 0);
	/* The child's shadow is deleted, then shared merges into the parent's. */
	ck_assert_uint_eq(vm_object_live(), objects - 2);
	ck_assert_ptr_eq(top_at(parent, BASE), parent_top);
	ck_assert_ptr_eq(parent_top->backing, vm_devzero());
	ck_assert_uint_eq(parent_top->page_count, 2);
	ck_assert_uint_eq(peek(parent, BASE), 2);
	ck_assert_uint_eq(peek(parent, BASE + P), 11);
	poke(parent, BASE + P, 12);
	ck_assert_uint_eq(peek(parent, BASE + P), 12);
	assert_mmu_consistent();
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(unmapping_the_last_link_deletes)
{
	struct task *task = spawn();
	uint32_t objects = vm_object_live(), free_pages = phys_free_pages();

	map_anon(task, BASE, 2 * P, RW, PRIV | FIXED);
	poke(task, BASE, 1);
	ck_assert_uint_eq(vm_object_live(), objects + 1);
	ck_assert_int_eq(mm0_munmap(task->vm, BASE, 2 * P), 0);
	ck_assert_uint_eq(vm_object_live(), objects);
	ck_assert_uint_eq(phys_free_pages(), free_pages);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

/* Three generations, each writing its own value; _i picks the exit order. */
START_TEST(fork_of_fork_in_every_exit_order)
{
	static const int orders[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	struct task *family[3];
	bool gone[3] = { false, false, false };
	int step, who;

	family[0] = spawn();
	map_anon(family[0], BASE, 2 * P, RW, PRIV | FIXED);
	poke(family[0], BASE, 10);
	poke(family[0], BASE + P, 99);
	family[1] = fork_of(family[0]);
	poke(family[1], BASE, 11);
	family[2] = fork_of(family[1]);
	ck_assert_uint_eq(peek(family[2], BASE), 11);
	poke(family[2], BASE, 12);
	assert_mmu_consistent();
	for (step = 0; step < 3; step++) {
		struct task *leaving = family[orders[_i][step]];

		ck_assert_int_eq(mm0_exit(leaving, 0), 0);
		gone[orders[_i][step]] = true;
		for (who = 0; who < 3; who++) {
			if (gone[who])
				continue;
			ck_assert_uint_eq(peek(family[who], BASE), 10 + who);
			ck_assert_uint_eq(peek(family[who], BASE + P), 99);
		}
		assert_mmu_consistent();
	}
	for (who = 0; who < 2; who++) {
		int status;

		while (mm0_waitpid(mm0_self(), -1, MM0_WNOHANG, NULL, &status) > 0)
			;
	}
	assert_no_leak();
}
END_TEST

START_TEST(shared_anon_is_shared_with_descendants)
{
	struct task *parent = spawn(), *child, *grandchild;

	map_anon(parent, BASE, P, RW, MM0_MAP_SHARED | FIXED);
	poke(parent, BASE, 1);
	child = fork_of(parent);
	ck_assert_uint_eq(peek(child, BASE), 1);
	poke(child, BASE, 2);
	ck_assert_uint_eq(peek(parent, BASE), 2);
	grandchild = fork_of(child);
	poke(grandchild, BASE, 3);
	ck_assert_uint_eq(peek(parent, BASE), 3);
	ck_assert_uint_eq(top_at(parent, BASE)->link_count, 3);
	assert_mmu_consistent();
	exit_and_reap(grandchild, 0);
	exit_and_reap(child, 0);
	ck_assert_uint_eq(peek(parent, BASE), 3);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(thousand_fork_exit_cycles_return_all_memory)
{
	struct task *parent = spawn();
	uint32_t free_after_setup;
	int cycle;

	map_anon(parent, BASE, 4 * P, RW, PRIV | FIXED);
	poke(parent, BASE, 1);
	poke(parent, BASE + P, 2);
	free_after_setup = phys_free_pages();
	for (cycle = 0; cycle < 1000; cycle++) {
		struct task *child = fork_of(parent);

		poke(child, BASE + (cycle % 4) * P, (uint8_t)cycle);
		ck_assert_int_eq(exit_and_reap(child, cycle & 0xff), MM0_W_EXITCODE(cycle));
		poke(parent, BASE, (uint8_t)cycle);
	}
	ck_assert_uint_eq(phys_free_pages(), free_after_setup);
	ck_assert_uint_eq(peek(parent, BASE + P), 2);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

/* Every allocation fork makes can fail: each failure is -ENOMEM and undone. */
START_TEST(fork_without_memory_fails_cleanly)
{
	struct task *parent = spawn();
	struct mm0_stats before, after;
	size_t extra;
	long pid = -ENOMEM;

	map_anon(parent, BASE, 4 * P, RW, PRIV | FIXED);
	poke(parent, BASE, 1);
	mm0_stats(&before);
	for (extra = 0; pid == -ENOMEM; extra++) {
		counted_alloc_set_quota(counted_alloc_live() + extra);
		pid = mm0_fork(parent, TEST_PC, TEST_SP);
		counted_alloc_set_quota(0);
		if (pid == -ENOMEM) {
			mm0_stats(&after);
			ck_assert_uint_eq(after.live_allocs, before.live_allocs);
			ck_assert_uint_eq(after.live_tasks, before.live_tasks);
			ck_assert_uint_eq(after.live_areas, before.live_areas);
			assert_mmu_consistent();
		}
	}
	ck_assert_uint_ge(extra, 4);
	exit_and_reap(task_of(pid), 0);
	fake_thread_create_error = -ENOMEM;
	ck_assert_int_eq(mm0_fork(parent, TEST_PC, TEST_SP), -ENOMEM);
	poke(parent, BASE, 2);
	ck_assert_uint_eq(peek(parent, BASE), 2);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(out_of_pages_kills_the_faulting_task_only)
{
	struct task *parent = spawn(), *child;
	enum user_result result = USER_OK;
	uint32_t page;
	long child_pid;
	int status = 0;

	map_anon(parent, BASE, 64 * P, RW, PRIV | FIXED);
	poke(parent, BASE, 1);
	child = fork_of(parent);
	child_pid = child->pid;
	for (page = 0; page < 64 && result == USER_OK; page++)
		result = user_write(child, BASE + page * P, 1);
	ck_assert_int_eq(result, USER_KILLED);
	ck_assert_int_eq(mm0_waitpid(parent, -1, 0, NULL, &status), child_pid);
	ck_assert_int_eq(status, MM0_W_SIGNALED(MM0_SIGKILL));
	ck_assert_uint_eq(peek(parent, BASE), 1);
	assert_mmu_consistent();
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

static void small_setup(void)
{
	mm0_setup_pages(16);
}

int main(void)
{
	Suite *suite = suite_create("mm0 copy-on-write");

	add_mm0_test(suite, cow_isolates_both_ways);
	add_mm0_test(suite, fork_protects_once_per_private_writable_area);
	add_mm0_test(suite, shadow_counts_follow_writes_and_exit_merges);
	add_mm0_test(suite, unmapping_the_last_link_deletes);
	add_loop_test_alone(suite, fork_of_fork_in_every_exit_order, 6, mm0_setup, mm0_teardown);
	add_mm0_test(suite, shared_anon_is_shared_with_descendants);
	add_mm0_test(suite, thousand_fork_exit_cycles_return_all_memory);
	add_mm0_test(suite, fork_without_memory_fails_cleanly);
	add_mm0_test(suite, munmap_middle_of_written_private_area_keeps_one_private_shadow);
	add_test_alone(suite, out_of_pages_kills_the_faulting_task_only, small_setup, mm0_teardown);
	return run_suite(suite);
}

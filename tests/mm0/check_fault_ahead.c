/* Fault-ahead: sequential first touches of private memory make the pages after
 * them too (zeros over devzero, copies of a parent's pages after fork), within
 * the area, never over a page that is there already, and scattered ones do not. */
#include "harness.h"

#define P MM0_PAGE_SIZE
#define BASE 0x20000000u
#define RW (MM0_PROT_READ | MM0_PROT_WRITE)
#define PRIV MM0_MAP_PRIVATE
#define FIXED MM0_MAP_FIXED

static bool mapped(struct task *task, uint32_t addr)
{
	return fake_pte_find(task->l4_tid, addr) != NULL;
}

START_TEST(sequential_faults_double_the_window_up_to_eight)
{
	struct task *task = spawn();
	unsigned ptes;
	struct mm0_stats before, after;

	map_anon(task, BASE, 64 * P, RW, PRIV | FIXED);
	ptes = fake_pte_count(task->l4_tid);
	mm0_stats(&before);
	poke(task, BASE, 1);			/* not sequential: page 0 alone */
	ck_assert_uint_eq(fake_pte_count(task->l4_tid) - ptes, 1);
	poke(task, BASE + P, 2);		/* window 1: pages 1, 2 */
	ck_assert(mapped(task, BASE + 2 * P));
	ck_assert(!mapped(task, BASE + 3 * P));
	poke(task, BASE + 3 * P, 3);		/* window 2: pages 3..5 */
	poke(task, BASE + 6 * P, 4);		/* window 4: pages 6..10 */
	poke(task, BASE + 11 * P, 5);		/* window 8: pages 11..19 */
	poke(task, BASE + 20 * P, 6);		/* window 8 again: pages 20..28 */
	ck_assert_uint_eq(fake_pte_count(task->l4_tid) - ptes, 29);
	ck_assert(!mapped(task, BASE + 29 * P));
	mm0_stats(&after);
	ck_assert_uint_eq(before.free_pages - after.free_pages, 29);
	/* Made ahead means zeros, writable without another fault. */
	ck_assert_uint_eq(peek(task, BASE + 28 * P + 5), 0);
	ck_assert_uint_eq(fake_pte_find(task->l4_tid, BASE + 28 * P)->perms, RW);
	ck_assert_uint_eq(peek(task, BASE + 20 * P), 6);
	assert_mmu_consistent();
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(scattered_faults_make_nothing_ahead)
{
	struct task *task = spawn();
	unsigned ptes;

	map_anon(task, BASE, 16 * P, RW, PRIV | FIXED);
	ptes = fake_pte_count(task->l4_tid);
	poke(task, BASE + 5 * P, 1);
	poke(task, BASE + 2 * P, 2);
	poke(task, BASE + 9 * P, 3);
	poke(task, BASE + 4 * P, 4);
	ck_assert_uint_eq(fake_pte_count(task->l4_tid) - ptes, 4);
	assert_mmu_consistent();
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(ahead_stops_at_the_area_end_and_at_pages_already_there)
{
	struct task *task = spawn();
	unsigned ptes;

	map_anon(task, BASE, 3 * P, RW, PRIV | FIXED);
	/* An area of other protection right after it, to be left alone. */
	map_anon(task, BASE + 3 * P, 8 * P, MM0_PROT_READ, PRIV | FIXED);
	ptes = fake_pte_count(task->l4_tid);
	poke(task, BASE, 1);
	poke(task, BASE + P, 2);		/* window 1: page 2 */
	poke(task, BASE + 2 * P, 3);		/* already there: a write, no fault */
	ck_assert_uint_eq(fake_pte_count(task->l4_tid) - ptes, 3);
	ck_assert(!mapped(task, BASE + 3 * P));

	map_anon(task, BASE + 16 * P, 8 * P, RW, PRIV | FIXED);
	poke(task, BASE + 18 * P, 9);		/* there before the run reaches it */
	poke(task, BASE + 16 * P, 1);
	poke(task, BASE + 17 * P, 2);		/* window 1: page 18 is there, stop */
	ck_assert_uint_eq(peek(task, BASE + 18 * P), 9);
	ck_assert(!mapped(task, BASE + 19 * P));
	assert_mmu_consistent();
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(a_child_copies_its_parents_pages_ahead)
{
	struct task *parent = spawn(), *child;

	map_anon(parent, BASE, 8 * P, RW, PRIV | FIXED);
	for (uint32_t page = 0; page < 8; page++)
		poke(parent, BASE + page * P + 1, (uint8_t)(0x10 + page));
	child = task_of(mm0_fork(parent, TEST_PC, TEST_SP));
	poke(child, BASE, 0x20);
	poke(child, BASE + P, 0x21);		/* window 1: page 2 copied */
	ck_assert(mapped(child, BASE + 2 * P));
	ck_assert_uint_ne(fake_pte_find(child->l4_tid, BASE + 2 * P)->phys,
			  fake_pte_find(parent->l4_tid, BASE + 2 * P)->phys);
	ck_assert_uint_eq(peek(child, BASE + 2 * P + 1), 0x12);
	poke(child, BASE + 2 * P + 1, 0x22);
	ck_assert_uint_eq(peek(parent, BASE + 2 * P + 1), 0x12);
	ck_assert_uint_eq(peek(parent, BASE + P + 1), 0x11);
	ck_assert_uint_eq(peek(child, BASE + P), 0x21);
	assert_mmu_consistent();
	exit_and_reap(child, 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(untouched_anonymous_memory_needs_no_unmap_call)
{
	struct task *task = spawn();
	unsigned unmaps;

	map_anon(task, BASE, 16 * P, RW, PRIV | FIXED);
	unmaps = fake_counts.unmap;
	ck_assert_int_eq(mm0_munmap(task->vm, BASE, 16 * P), 0);
	ck_assert_uint_eq(fake_counts.unmap, unmaps);
	map_anon(task, BASE, 16 * P, RW, PRIV | FIXED);
	poke(task, BASE + 4 * P, 1);
	ck_assert_int_eq(mm0_munmap(task->vm, BASE, 16 * P), 0);
	ck_assert_uint_eq(fake_counts.unmap, unmaps + 1);
	ck_assert(!mapped(task, BASE + 4 * P));
	assert_mmu_consistent();
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 fault-ahead");

	add_mm0_test(suite, sequential_faults_double_the_window_up_to_eight);
	add_mm0_test(suite, scattered_faults_make_nothing_ahead);
	add_mm0_test(suite, ahead_stops_at_the_area_end_and_at_pages_already_there);
	add_mm0_test(suite, a_child_copies_its_parents_pages_ahead);
	add_mm0_test(suite, untouched_anonymous_memory_needs_no_unmap_call);
	return run_suite(suite);
}

/* vm areas: split, merge, munmap of middles, edges, several areas and holes, lookups after
 * cuts, free-range search. */
#include "harness.h"

#define P MM0_PAGE_SIZE
#define BASE 0x20000000u
#define RW (MM0_PROT_READ | MM0_PROT_WRITE)

static unsigned area_count(struct task *task)
{
	struct list *pos, *tmp;
	unsigned count = 0;

	list_for_each_safe(pos, tmp, &task->vm->areas)
		count++;
	return count;
}

/* A shared anonymous mapping: one shm object whose links we can count. */
static struct vm_object *map_counted(struct task *task, uint32_t addr, uint32_t pages)
{
	ck_assert_int_eq(map_anon(task, addr, pages * P, RW, MM0_MAP_SHARED | MM0_MAP_FIXED),
			 (long)addr);
	return vma_find(task->vm, addr)->obj;
}

START_TEST(split_keeps_offsets_and_links)
{
	struct task *task = spawn();
	struct vm_object *obj = map_counted(task, BASE, 4);
	struct vm_area *low = vma_find(task->vm, BASE), *high;

	ck_assert_int_eq(vma_split(low, BASE + 2 * P, &high), 0);
	ck_assert_uint_eq(low->end, BASE + 2 * P);
	ck_assert_uint_eq(high->start, BASE + 2 * P);
	ck_assert_uint_eq(high->pgoff, 2);
	ck_assert_ptr_eq(high->obj, obj);
	ck_assert_uint_eq(obj->link_count, 2);
	ck_assert_ptr_eq(vma_find(task->vm, BASE + 3 * P), high);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(mprotect_round_trip_merges_back)
{
	struct task *task = spawn();
	struct vm_object *obj = map_counted(task, BASE, 4);
	unsigned before = area_count(task);

	ck_assert_int_eq(mm0_mprotect(task->vm, BASE + P, 2 * P, MM0_PROT_READ), 0);
	ck_assert_uint_eq(area_count(task), before + 2);
	ck_assert_uint_eq(obj->link_count, 3);
	ck_assert_int_eq(mm0_mprotect(task->vm, BASE + P, 2 * P, RW), 0);
	ck_assert_uint_eq(area_count(task), before);
	ck_assert_uint_eq(obj->link_count, 1);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(munmap_middle_splits_and_keeps_data)
{
	struct task *task = spawn();
	struct vm_object *obj = map_counted(task, BASE, 4);
	struct vm_area *high;
	uint32_t i;

	for (i = 0; i < 4; i++)
		poke(task, BASE + i * P, (uint8_t)(0x10 + i));
	ck_assert_int_eq(mm0_munmap(task->vm, BASE + P, 2 * P), 0);
	ck_assert_uint_eq(obj->link_count, 2);
	high = vma_find(task->vm, BASE + 3 * P);
	ck_assert_ptr_nonnull(high);
	ck_assert_uint_eq(high->pgoff, 3);
	ck_assert_ptr_null(vma_find(task->vm, BASE + P));
	ck_assert_uint_eq(peek(task, BASE), 0x10);
	ck_assert_uint_eq(peek(task, BASE + 3 * P), 0x13);
	assert_mmu_consistent();
	ck_assert_ptr_null(fake_pte_find(task->l4_tid, BASE + P));
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(munmap_edges)
{
	struct task *task = spawn();
	struct vm_object *obj = map_counted(task, BASE, 4);
	struct vm_area *area;

	ck_assert_int_eq(mm0_munmap(task->vm, BASE, P), 0);
	ck_assert_int_eq(mm0_munmap(task->vm, BASE + 3 * P, P), 0);
	area = vma_find(task->vm, BASE + P);
	ck_assert_uint_eq(area->start, BASE + P);
	ck_assert_uint_eq(area->end, BASE + 3 * P);
	ck_assert_uint_eq(area->pgoff, 1);
	ck_assert_uint_eq(obj->link_count, 1);
	ck_assert_ptr_null(vma_find(task->vm, BASE));
	ck_assert_ptr_null(vma_find(task->vm, BASE + 3 * P));
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

/* Lookups try the area found last first: after that area was cut, shrunk or
 * removed they still answer what the list holds. */
START_TEST(lookups_follow_cuts_and_removals_of_the_last_area)
{
	struct task *task = spawn();
	struct vm_area *area;

	map_counted(task, BASE, 4);
	ck_assert_ptr_nonnull(vma_find(task->vm, BASE + 3 * P));
	ck_assert_int_eq(mm0_munmap(task->vm, BASE + 2 * P, 2 * P), 0);
	ck_assert_ptr_null(vma_find(task->vm, BASE + 3 * P));
	ck_assert_ptr_null(vma_find(task->vm, BASE + 2 * P));
	area = vma_find(task->vm, BASE + P);
	ck_assert_ptr_nonnull(area);
	ck_assert_uint_eq(area->end, BASE + 2 * P);
	ck_assert_int_eq(mm0_munmap(task->vm, BASE, P), 0);
	ck_assert_ptr_null(vma_find(task->vm, BASE));
	area = vma_find(task->vm, BASE + P);
	ck_assert_ptr_nonnull(area);
	ck_assert_uint_eq(area->start, BASE + P);
	ck_assert_uint_eq(area->end, BASE + 2 * P);
	ck_assert_int_eq(mm0_munmap(task->vm, BASE + P, P), 0);
	ck_assert_ptr_null(vma_find(task->vm, BASE + P));
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(munmap_across_areas_and_holes_touches_only_areas)
{
	struct task *task = spawn();
	unsigned before = area_count(task), unmaps;

	map_counted(task, BASE, 2);
	map_counted(task, BASE + 4 * P, 2);
	map_counted(task, BASE + 8 * P, 2);
	poke(task, BASE + 9 * P, 1);
	unmaps = fake_counts.unmap;
	ck_assert_int_eq(mm0_munmap(task->vm, BASE + P, 8 * P), 0);
	ck_assert_uint_eq(fake_counts.unmap - unmaps, 3);
	ck_assert_uint_eq(area_count(task), before + 2);
	ck_assert_ptr_nonnull(vma_find(task->vm, BASE));
	ck_assert_ptr_nonnull(vma_find(task->vm, BASE + 9 * P));
	ck_assert_uint_eq(peek(task, BASE + 9 * P), 1);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(munmap_of_a_hole_is_a_no_op)
{
	struct task *task = spawn();
	unsigned unmaps = fake_counts.unmap, before = area_count(task);

	ck_assert_int_eq(mm0_munmap(task->vm, BASE, 16 * P), 0);
	ck_assert_uint_eq(fake_counts.unmap, unmaps);
	ck_assert_uint_eq(area_count(task), before);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(find_free_prefers_hint_then_gap_above)
{
	struct task *task = spawn();
	uint32_t addr;

	ck_assert_int_eq(vma_find_free(task->vm, BASE, 2 * P, &addr), 0);
	ck_assert_uint_eq(addr, BASE);
	map_counted(task, BASE, 2);
	map_counted(task, BASE + 3 * P, 1);
	ck_assert_int_eq(vma_find_free(task->vm, BASE, P, &addr), 0);
	ck_assert_uint_eq(addr, BASE + 2 * P);
	ck_assert_int_eq(vma_find_free(task->vm, BASE, 2 * P, &addr), 0);
	ck_assert_uint_eq(addr, BASE + 4 * P);
	ck_assert_int_eq(vma_find_free(task->vm, 0, P, &addr), 0);
	ck_assert_uint_eq(addr, MM0_MMAP_BASE);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(find_free_reports_no_space)
{
	struct task *task = spawn();
	uint32_t addr;

	ck_assert_int_eq(vma_find_free(task->vm, 0, MM0_USER_END, &addr), -ENOMEM);
	ck_assert_int_eq(vma_find_free(task->vm, 0, 0, &addr), -ENOMEM);
	map_counted(task, MM0_USER_MIN, 4);
	ck_assert_int_eq(vma_find_free(task->vm, 0, MM0_USER_END - MM0_USER_MIN, &addr), -ENOMEM);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(phys_allocator_counts_and_refuses)
{
	static uint8_t arena[4 * MM0_PAGE_SIZE] __attribute__((aligned(4096)));
	struct phys_range bad = { 0x1000 + 1, 4, arena };
	struct phys_range range = { 0x80000000u, 4, arena };
	uint32_t pages[4], extra;
	int i;

	ck_assert_int_eq(phys_init(&bad, 1), -EINVAL);
	ck_assert_int_eq(phys_init(&range, 0), -EINVAL);
	ck_assert_int_eq(phys_init(&range, PHYS_MAX_RANGES + 1), -EINVAL);
	ck_assert_int_eq(phys_init(&range, 1), 0);
	ck_assert_int_eq(phys_init(&range, 1), -EINVAL);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(phys_alloc(&pages[i]), 0);
	ck_assert_uint_eq(phys_free_pages(), 0);
	ck_assert_int_eq(phys_alloc(&extra), -ENOMEM);
	ck_assert_ptr_eq(phys_view(pages[0]), arena + (pages[0] - range.base));
	ck_assert_ptr_null(phys_view(0x1000));
	phys_free(pages[2]);
	ck_assert_uint_eq(phys_free_pages(), 1);
	ck_assert_int_eq(phys_alloc(&extra), 0);
	ck_assert_uint_eq(extra, pages[2]);
	phys_fini();
	ck_assert_uint_eq(counted_alloc_live(), 0);
}
END_TEST

START_TEST(init_rejects_bad_configuration)
{
	struct mm0_config config = { 0 };

	ck_assert_int_eq(mm0_init(NULL), -EINVAL);
	ck_assert_int_eq(mm0_init(&config), -EINVAL);
	config.kernel = &fake_kernel_ops;
	config.reply = &fake_reply_ops;
	ck_assert_int_eq(mm0_init(&config), -EINVAL);
	ck_assert_uint_eq(counted_alloc_live(), 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 vm_area");

	add_test_alone(suite, phys_allocator_counts_and_refuses, NULL, NULL);
	add_test_alone(suite, init_rejects_bad_configuration, NULL, NULL);
	add_mm0_test(suite, split_keeps_offsets_and_links);
	add_mm0_test(suite, mprotect_round_trip_merges_back);
	add_mm0_test(suite, munmap_middle_splits_and_keeps_data);
	add_mm0_test(suite, munmap_edges);
	add_mm0_test(suite, lookups_follow_cuts_and_removals_of_the_last_area);
	add_mm0_test(suite, munmap_across_areas_and_holes_touches_only_areas);
	add_mm0_test(suite, munmap_of_a_hole_is_a_no_op);
	add_mm0_test(suite, find_free_prefers_hint_then_gap_above);
	add_mm0_test(suite, find_free_reports_no_space);
	return run_suite(suite);
}

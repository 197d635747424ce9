/* mmap, munmap, mprotect: hints, MAP_FIXED, overlaps, no space, file offsets, permissions, bad input. */
#include "harness.h"

#define P MM0_PAGE_SIZE
#define BASE 0x20000000u
#define RW (MM0_PROT_READ | MM0_PROT_WRITE)
#define PRIV MM0_MAP_PRIVATE
#define FIXED MM0_MAP_FIXED

START_TEST(anon_private_is_zero_filled_and_writable)
{
	struct task *task = spawn();
	long addr = map_anon(task, 0, 3 * P, RW, PRIV);

	ck_assert_int_gt(addr, 0);
	ck_assert_uint_eq(peek(task, addr + P + 17), 0);
	poke(task, addr + P + 17, 0xab);
	ck_assert_uint_eq(peek(task, addr + P + 17), 0xab);
	assert_mmu_consistent();
	ck_assert_int_eq(mm0_munmap(task->vm, addr, 3 * P), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(hint_is_used_when_free)
{
	struct task *task = spawn();

	ck_assert_int_eq(map_anon(task, BASE + 5, 2 * P, RW, PRIV), BASE);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(occupied_hint_gives_another_free_range)
{
	struct task *task = spawn();
	long second;

	ck_assert_int_eq(map_anon(task, BASE, 4 * P, RW, PRIV | FIXED), BASE);
	poke(task, BASE, 9);
	second = map_anon(task, BASE + P, 2 * P, RW, PRIV);
	ck_assert_int_ge(second, BASE + 4 * P);
	ck_assert_uint_eq(peek(task, BASE), 9);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(no_hint_starts_at_mmap_base)
{
	struct task *task = spawn();

	ck_assert_int_eq(map_anon(task, 0, P, RW, PRIV), MM0_MMAP_BASE);
	ck_assert_int_eq(map_anon(task, 0, P, RW, PRIV), MM0_MMAP_BASE + P);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(fixed_replaces_what_was_there)
{
	struct task *task = spawn();
	struct mm0_stats before;

	mm0_stats(&before);
	ck_assert_int_eq(map_anon(task, BASE, 2 * P, RW, MM0_MAP_SHARED | FIXED), BASE);
	poke(task, BASE, 0x55);
	ck_assert_int_eq(map_anon(task, BASE, 2 * P, RW, PRIV | FIXED), BASE);
	ck_assert_uint_eq(peek(task, BASE), 0);
	ck_assert_int_eq(vma_find(task->vm, BASE)->obj->type, VM_OBJ_SHADOW);
	assert_mmu_consistent();
	ck_assert_int_eq(mm0_munmap(task->vm, BASE, 2 * P), 0);
	{
		struct mm0_stats after;

		mm0_stats(&after);
		ck_assert_uint_eq(after.live_objects, before.live_objects);
		ck_assert_uint_eq(after.free_pages, before.free_pages);
	}
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

/* The new anonymous part joins what is left of the old area: one record,
 * the old bytes below the new mapping, zeros in it. */
START_TEST(fixed_over_part_of_an_area_trims_it)
{
	struct task *task = spawn();
	struct vm_area *area;

	ck_assert_int_eq(map_anon(task, BASE, 4 * P, RW, PRIV | FIXED), BASE);
	poke(task, BASE, 1);
	poke(task, BASE + 2 * P, 2);
	ck_assert_int_eq(map_anon(task, BASE + 2 * P, 4 * P, RW, PRIV | FIXED), BASE + 2 * P);
	area = vma_find(task->vm, BASE);
	ck_assert_uint_eq(area->start, BASE);
	ck_assert_uint_eq(area->end, BASE + 6 * P);
	ck_assert_uint_eq(peek(task, BASE), 1);
	ck_assert_uint_eq(peek(task, BASE + 2 * P), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(no_space_is_enomem)
{
	struct task *task = spawn();

	ck_assert_int_eq(map_anon(task, 0, MM0_USER_END, RW, PRIV), -ENOMEM);
	ck_assert_int_eq(map_anon(task, MM0_USER_MIN, 4 * P, RW, PRIV | FIXED), MM0_USER_MIN);
	ck_assert_int_eq(map_anon(task, 0, MM0_USER_END - MM0_USER_MIN, RW, PRIV), -ENOMEM);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(file_offset_maps_the_right_pages)
{
	struct task *task = spawn();
	struct vm_object *file = open_file(3, 8);
	long addr;

	addr = mm0_mmap(task->vm, 0, 2 * P, MM0_PROT_READ, PRIV, file, 2 * P);
	ck_assert_int_gt(addr, 0);
	ck_assert_uint_eq(vma_find(task->vm, addr)->pgoff, 2);
	ck_assert_uint_eq(peek(task, addr), fake_file_byte(3, 2 * P));
	ck_assert_uint_eq(peek(task, addr + P + 5), fake_file_byte(3, 3 * P + 5));
	ck_assert_uint_eq(fake_counts.get_page, 2);
	assert_mmu_consistent();
	vm_file_close(file);
	ck_assert_uint_eq(peek(task, addr + 7), fake_file_byte(3, 2 * P + 7));
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(private_file_write_is_copied_not_written_back)
{
	struct task *task = spawn();
	struct vm_object *file = open_file(4, 2);
	long addr = mm0_mmap(task->vm, 0, 2 * P, RW, PRIV, file, 0);

	ck_assert_int_gt(addr, 0);
	poke(task, addr + 1, 0xee);
	ck_assert_uint_eq(peek(task, addr), fake_file_byte(4, 0));
	ck_assert_uint_eq(peek(task, addr + 1), 0xee);
	ck_assert_uint_eq(*(uint8_t *)((char *)phys_view(vm_object_page_find(file, 0)->phys) + 1),
			  fake_file_byte(4, 1));
	assert_mmu_consistent();
	exit_and_reap(task, 0);
	vm_file_close(file);
	ck_assert_uint_eq(fake_counts.put_page, 0);
	assert_no_leak();
}
END_TEST

START_TEST(shared_file_write_is_written_back)
{
	struct task *task = spawn();
	struct vm_object *file = open_file(5, 2);
	long addr = mm0_mmap(task->vm, 0, 2 * P, RW, MM0_MAP_SHARED, file, 0);

	ck_assert_int_gt(addr, 0);
	ck_assert_uint_eq(peek(task, addr + P), fake_file_byte(5, P));
	ck_assert_uint_eq(fake_pte_find(task->l4_tid, addr + P)->perms & MM0_PROT_WRITE, 0);
	poke(task, addr + P, 0x42);
	assert_mmu_consistent();
	vm_file_close(file);
	exit_and_reap(task, 0);
	ck_assert_uint_eq(fake_counts.put_page, 1);
	ck_assert_uint_eq(fake_put_pgoff, 1);
	ck_assert_uint_eq(fake_put_first_byte, 0x42);
	assert_no_leak();
}
END_TEST

/* msync writes a dirty page back now (and maps it read-only again, so the next
 * write is seen), reads clean pages again from the file, and checks its range. */
START_TEST(msync_writes_back_dirty_pages_and_rereads_clean_ones)
{
	struct task *task = spawn();
	struct vm_object *file = open_file(5, 2);
	long addr = mm0_mmap(task->vm, 0, 2 * P, RW, MM0_MAP_SHARED, file, 0);
	unsigned gets;

	ck_assert_int_gt(addr, 0);
	ck_assert_uint_eq(peek(task, addr), fake_file_byte(5, 0));
	poke(task, addr + P, 0x42);
	gets = fake_counts.get_page;
	ck_assert_int_eq(mm0_msync(task->vm, addr, 2 * P, MM0_MS_SYNC), 0);
	ck_assert_uint_eq(fake_counts.put_page, 1);
	ck_assert_uint_eq(fake_put_pgoff, 1);
	ck_assert_uint_eq(fake_put_first_byte, 0x42);
	ck_assert_uint_eq(fake_counts.get_page, gets + 1);
	ck_assert_uint_eq(fake_pte_find(task->l4_tid, addr + P)->perms & MM0_PROT_WRITE, 0);
	ck_assert_uint_eq(peek(task, addr + P), 0x42);
	poke(task, addr + P, 0x43);
	ck_assert_int_eq(mm0_msync(task->vm, addr + P, 1, MM0_MS_ASYNC | MM0_MS_INVALIDATE), 0);
	ck_assert_uint_eq(fake_counts.put_page, 2);
	ck_assert_uint_eq(fake_put_first_byte, 0x43);
	ck_assert_int_eq(mm0_msync(task->vm, addr + 1, P, MM0_MS_SYNC), -EINVAL);
	ck_assert_int_eq(mm0_msync(task->vm, addr, P, MM0_MS_SYNC | MM0_MS_ASYNC), -EINVAL);
	ck_assert_int_eq(mm0_msync(task->vm, addr, P, 8), -EINVAL);
	ck_assert_int_eq(mm0_msync(task->vm, addr, 3 * P, MM0_MS_SYNC), -ENOMEM);
	ck_assert_int_eq(mm0_msync(task->vm, addr, 0, MM0_MS_SYNC), 0);
	ck_assert_uint_eq(fake_counts.put_page, 2);
	assert_mmu_consistent();
	vm_file_close(file);
	exit_and_reap(task, 0);
	ck_assert_uint_eq(fake_counts.put_page, 2);
	assert_no_leak();
}
END_TEST

START_TEST(mprotect_keeps_data_and_enforces_it)
{
	struct task *task = spawn();
	long addr = map_anon(task, 0, 2 * P, RW, PRIV);

	poke(task, addr, 7);
	poke(task, addr + P, 8);
	ck_assert_int_eq(mm0_mprotect(task->vm, addr, 2 * P, MM0_PROT_READ), 0);
	ck_assert_uint_eq(fake_pte_find(task->l4_tid, addr)->perms, MM0_PROT_READ);
	ck_assert_uint_eq(peek(task, addr), 7);
	ck_assert_uint_eq(peek(task, addr + P), 8);
	ck_assert_int_eq(mm0_mprotect(task->vm, addr, P, RW), 0);
	poke(task, addr, 9);
	ck_assert_uint_eq(peek(task, addr), 9);
	ck_assert_uint_eq(peek(task, addr + P), 8);
	assert_mmu_consistent();
	ck_assert_int_eq(user_write(task, addr + P, 1), USER_KILLED);
	assert_no_leak();
}
END_TEST

START_TEST(exec_needs_exec_permission)
{
	struct task *task = spawn();
	long addr = map_anon(task, 0, P, RW, PRIV);

	ck_assert_int_eq(mm0_fault(task, addr, MM0_PROT_EXEC, 0, true), -EFAULT);
	assert_no_leak();
}
END_TEST

START_TEST(mm0_maps_its_own_regions)
{
	struct task *self = mm0_self();
	long addr = map_anon(self, 0, 2 * P, RW, PRIV);

	ck_assert_int_gt(addr, 0);
	poke(self, addr + P, 3);
	ck_assert_uint_eq(peek(self, addr + P), 3);
	assert_mmu_consistent();
	ck_assert_int_eq(mm0_munmap(self->vm, addr, 2 * P), 0);
	assert_no_leak();
}
END_TEST

START_TEST(bad_arguments_are_rejected)
{
	struct task *task = spawn();
	struct vm_object *file = open_file(6, 2);

	ck_assert_int_eq(map_anon(task, 0, 0, RW, PRIV), -EINVAL);
	ck_assert_int_eq(map_anon(task, 0, P, 8, PRIV), -EINVAL);
	ck_assert_int_eq(map_anon(task, 0, P, RW, PRIV | MM0_MAP_SHARED), -EINVAL);
	ck_assert_int_eq(map_anon(task, 0, P, RW, 0), -EINVAL);
	ck_assert_int_eq(map_anon(task, 0, P, RW, PRIV | 0x1000), -EINVAL);
	ck_assert_int_eq(map_anon(task, BASE + 1, P, RW, PRIV | FIXED), -EINVAL);
	ck_assert_int_eq(map_anon(task, 0, P, RW, PRIV | FIXED), -EINVAL);
	ck_assert_int_eq(map_anon(task, 0x7fef0000u, 0x20000, RW, PRIV | FIXED), -EINVAL);
	ck_assert_int_eq(map_anon(task, MM0_ENV_ADDR, P, RW, PRIV | FIXED), -EINVAL);
	ck_assert_int_eq(map_anon(task, 0, 0xffffffffu, RW, PRIV), -ENOMEM);
	ck_assert_int_eq(mm0_mmap(task->vm, 0, P, RW, PRIV, NULL, 0), -EBADF);
	ck_assert_int_eq(mm0_mmap(task->vm, 0, P, RW, PRIV, file, 100), -EINVAL);
	ck_assert_int_eq(mm0_munmap(task->vm, BASE + 4, P), -EINVAL);
	ck_assert_int_eq(mm0_munmap(task->vm, BASE, 0), -EINVAL);
	ck_assert_int_eq(mm0_munmap(task->vm, 0xfffff000u, 2 * P), -EINVAL);
	ck_assert_int_eq(mm0_munmap(task->vm, MM0_ENV_ADDR, P), -EINVAL);
	ck_assert_int_eq(mm0_mprotect(task->vm, BASE, P, 0x10), -EINVAL);
	ck_assert_int_eq(mm0_mprotect(task->vm, BASE + 1, P, RW), -EINVAL);
	ck_assert_int_eq(mm0_mprotect(task->vm, BASE, 0xffffffffu, RW), -EINVAL);
	ck_assert_int_eq(mm0_fault(task, BASE, 0, 0, true), -EINVAL);
	ck_assert_int_eq(mm0_fault(task, BASE, 0x10, 0, true), -EINVAL);
	ck_assert_int_eq(mm0_fault(NULL, BASE, MM0_PROT_READ, 0, true), -EINVAL);
	vm_file_close(file);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(file_objects_are_found_by_id)
{
	const struct file_pager_ops no_put = { .get_page = fake_pager_ops.get_page };
	struct vm_object *first = open_file(20, 2), *again;

	ck_assert_int_eq(vm_file_open(20, 3, NULL, NULL, &again), 0);
	ck_assert_ptr_eq(again, first);
	ck_assert_uint_eq(first->holds, 2);
	ck_assert_uint_eq(first->npages, 3);
	ck_assert_int_eq(vm_file_open(21, 1, NULL, NULL, &again), -EINVAL);
	ck_assert_int_eq(vm_file_open(21, 1, &no_put, NULL, &again), -EINVAL);
	ck_assert_int_eq(vm_file_open(21, 1, &fake_pager_ops, NULL, NULL), -EINVAL);
	counted_alloc_set_quota(counted_alloc_live());
	ck_assert_int_eq(vm_file_open(21, 1, &fake_pager_ops, NULL, &again), -ENOMEM);
	counted_alloc_set_quota(0);
	vm_file_close(first);
	vm_file_close(first);
	assert_no_leak();
}
END_TEST

/* With mm0's heap exhausted, requests fail with -ENOMEM and a fault kills. */
START_TEST(metadata_exhaustion_is_enomem)
{
	struct task *task = spawn();
	struct mm0_stats before, after;

	ck_assert_int_eq(map_anon(task, BASE, P, RW, PRIV | FIXED), BASE);
	mm0_stats(&before);
	counted_alloc_set_quota(counted_alloc_live());
	ck_assert_int_eq(map_anon(task, 0, P, RW, PRIV), -ENOMEM);
	ck_assert_int_eq(map_anon(task, 0, P, RW, MM0_MAP_SHARED), -ENOMEM);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, MM0_IPC_PRIVATE, P, 0), -ENOMEM);
	mm0_stats(&after);
	ck_assert_uint_eq(after.live_allocs, before.live_allocs);
	ck_assert_uint_eq(after.live_objects, before.live_objects);
	ck_assert_int_eq(user_write(task, BASE, 1), USER_KILLED);
	counted_alloc_set_quota(0);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 mmap");

	add_mm0_test(suite, anon_private_is_zero_filled_and_writable);
	add_mm0_test(suite, hint_is_used_when_free);
	add_mm0_test(suite, occupied_hint_gives_another_free_range);
	add_mm0_test(suite, no_hint_starts_at_mmap_base);
	add_mm0_test(suite, fixed_replaces_what_was_there);
	add_mm0_test(suite, fixed_over_part_of_an_area_trims_it);
	add_mm0_test(suite, no_space_is_enomem);
	add_mm0_test(suite, file_offset_maps_the_right_pages);
	add_mm0_test(suite, private_file_write_is_copied_not_written_back);
	add_mm0_test(suite, shared_file_write_is_written_back);
	add_mm0_test(suite, msync_writes_back_dirty_pages_and_rereads_clean_ones);
	add_mm0_test(suite, mprotect_keeps_data_and_enforces_it);
	add_mm0_test(suite, exec_needs_exec_permission);
	add_mm0_test(suite, mm0_maps_its_own_regions);
	add_mm0_test(suite, bad_arguments_are_rejected);
	add_mm0_test(suite, file_objects_are_found_by_id);
	add_mm0_test(suite, metadata_exhaustion_is_enomem);
	return run_suite(suite);
}

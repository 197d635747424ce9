/* SysV shm: keys, IPC_EXCL, sizes, several attaches, IPC_STAT, IPC_RMID while attached, fork, mode bits,
 * the first page mapped at attach. */
#include "harness.h"

#define P MM0_PAGE_SIZE
#define BASE 0x20000000u
#define KEY 0x1234

static long stat_nattch(long id)
{
	struct mm0_shm_stat stat;

	ck_assert_int_eq(mm0_shmctl((int32_t)id, MM0_IPC_STAT, &stat), 0);
	return stat.nattch;
}

START_TEST(keys_find_the_same_segment)
{
	struct task *task = spawn();
	long id = mm0_shmget((int32_t)task->pid, KEY, 3 * P, MM0_IPC_CREAT | 0600);
	struct mm0_shm_stat stat;

	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, KEY, 3 * P, 0), id);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, KEY, P, MM0_IPC_CREAT), id);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, KEY, 4 * P, 0), -EINVAL);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, KEY, P, MM0_IPC_CREAT | MM0_IPC_EXCL), -EEXIST);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, KEY + 1, P, 0), -ENOENT);
	ck_assert_int_eq(mm0_shmctl((int32_t)id, MM0_IPC_STAT, &stat), 0);
	ck_assert_uint_eq(stat.size, 3 * P);
	ck_assert_int_eq(stat.key, KEY);
	ck_assert_uint_eq(stat.mode, 0600);
	ck_assert_int_eq(stat.creator_pid, (int32_t)task->pid);
	ck_assert_uint_eq(stat.nattch, 0);
	ck_assert_int_eq(mm0_shmctl((int32_t)id, MM0_IPC_RMID, NULL), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(private_segments_are_always_new)
{
	struct task *task = spawn();
	long first = mm0_shmget((int32_t)task->pid, MM0_IPC_PRIVATE, P, 0600);
	long second = mm0_shmget((int32_t)task->pid, MM0_IPC_PRIVATE, P, 0600);

	ck_assert_int_gt(first, 0);
	ck_assert_int_gt(second, 0);
	ck_assert_int_ne(first, second);
	ck_assert_int_eq(mm0_shmctl((int32_t)first, MM0_IPC_RMID, NULL), 0);
	ck_assert_int_eq(mm0_shmctl((int32_t)second, MM0_IPC_RMID, NULL), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(sizes_are_checked)
{
	struct task *task = spawn();

	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, MM0_IPC_PRIVATE, 0, 0), -EINVAL);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, MM0_IPC_PRIVATE, MM0_SHM_MAX_SIZE + 1, 0), -EINVAL);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, KEY, 0, MM0_IPC_CREAT), -EINVAL);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, MM0_IPC_PRIVATE, P, 0x80000), -EINVAL);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(several_attaches_see_the_same_memory)
{
	struct task *first = spawn(), *second = spawn();
	long id = mm0_shmget((int32_t)first->pid, KEY, 2 * P + 1, MM0_IPC_CREAT | 0600);
	long a, b, c;

	a = mm0_shmat(first->vm, (int32_t)id, 0, 0);
	b = mm0_shmat(first->vm, (int32_t)id, BASE, 0);
	c = mm0_shmat(second->vm, (int32_t)id, 0, 0);
	ck_assert_int_gt(a, 0);
	ck_assert_int_eq(b, BASE);
	ck_assert_int_gt(c, 0);
	ck_assert_int_ne(a, b);
	ck_assert_int_eq(stat_nattch(id), 3);
	poke(first, a + 2 * P, 0x61);
	ck_assert_uint_eq(peek(first, b + 2 * P), 0x61);
	ck_assert_uint_eq(peek(second, c + 2 * P), 0x61);
	poke(second, c, 0x62);
	ck_assert_uint_eq(peek(first, a), 0x62);
	assert_mmu_consistent();
	ck_assert_int_eq(mm0_shmdt(first->vm, b), 0);
	ck_assert_int_eq(stat_nattch(id), 2);
	ck_assert_int_eq(mm0_shmctl((int32_t)id, MM0_IPC_RMID, NULL), 0);
	exit_and_reap(first, 0);
	exit_and_reap(second, 0);
	assert_no_leak();
}
END_TEST

START_TEST(rmid_while_attached_keeps_memory_until_the_last_detach)
{
	struct task *task = spawn();
	long id = mm0_shmget((int32_t)task->pid, KEY, P, MM0_IPC_CREAT | 0600);
	long addr = mm0_shmat(task->vm, (int32_t)id, 0, 0);
	uint32_t objects = vm_object_live();

	poke(task, addr, 0x77);
	ck_assert_int_eq(mm0_shmctl((int32_t)id, MM0_IPC_RMID, NULL), 0);
	ck_assert_int_eq(mm0_shmctl((int32_t)id, MM0_IPC_STAT, NULL), -EINVAL);
	ck_assert_int_eq(mm0_shmat(task->vm, (int32_t)id, 0, 0), -EINVAL);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, KEY, P, 0), -ENOENT);
	ck_assert_uint_eq(peek(task, addr), 0x77);
	ck_assert_uint_eq(vm_object_live(), objects);
	ck_assert_int_eq(mm0_shmdt(task->vm, addr), 0);
	ck_assert_uint_eq(vm_object_live(), objects - 1);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(attachments_are_inherited_by_fork)
{
	struct task *parent = spawn(), *child;
	long id = mm0_shmget((int32_t)parent->pid, MM0_IPC_PRIVATE, P, 0600);
	long addr = mm0_shmat(parent->vm, (int32_t)id, BASE, 0);

	ck_assert_int_eq(addr, BASE);
	child = task_of(mm0_fork(parent, TEST_PC, TEST_SP));
	ck_assert_int_eq(stat_nattch(id), 2);
	poke(child, BASE, 5);
	ck_assert_uint_eq(peek(parent, BASE), 5);
	ck_assert_int_eq(mm0_shmctl((int32_t)id, MM0_IPC_RMID, NULL), 0);
	exit_and_reap(child, 0);
	ck_assert_uint_eq(peek(parent, BASE), 5);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(read_only_attach_refuses_writes)
{
	struct task *parent = spawn(), *child;
	long id = mm0_shmget((int32_t)parent->pid, MM0_IPC_PRIVATE, P, 0600), child_pid;
	int status = 0;

	child = task_of(mm0_fork(parent, TEST_PC, TEST_SP));
	child_pid = child->pid;
	ck_assert_int_eq(mm0_shmat(child->vm, (int32_t)id, BASE, MM0_SHM_RDONLY), BASE);
	ck_assert_uint_eq(peek(child, BASE), 0);
	ck_assert_int_eq(user_write(child, BASE, 1), USER_KILLED);
	ck_assert_int_eq(mm0_waitpid(parent, child_pid, 0, NULL, &status), child_pid);
	ck_assert_int_eq(status, MM0_W_SIGNALED(MM0_SIGSEGV));
	ck_assert_int_eq(mm0_shmctl((int32_t)id, MM0_IPC_RMID, NULL), 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

/* All tasks are one user: the segment's owner bits decide. */
START_TEST(mode_bits_are_enforced)
{
	struct task *task = spawn();
	long reader = mm0_shmget((int32_t)task->pid, KEY, P, MM0_IPC_CREAT | 0400);
	long none = mm0_shmget((int32_t)task->pid, MM0_IPC_PRIVATE, P, 0);

	ck_assert_int_gt(reader, 0);
	ck_assert_int_eq(mm0_shmat(task->vm, (int32_t)reader, 0, 0), -EACCES);
	ck_assert_int_gt(mm0_shmat(task->vm, (int32_t)reader, 0, MM0_SHM_RDONLY), 0);
	ck_assert_int_eq(mm0_shmat(task->vm, (int32_t)none, 0, MM0_SHM_RDONLY), -EACCES);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, KEY, P, 0600), -EACCES);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, KEY, P, 0400), reader);
	ck_assert_int_eq(mm0_shmget((int32_t)task->pid, KEY, P, 0), reader);
	ck_assert_int_eq(mm0_shmctl((int32_t)reader, MM0_IPC_RMID, NULL), 0);
	ck_assert_int_eq(mm0_shmctl((int32_t)none, MM0_IPC_RMID, NULL), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(detach_after_mprotect_split_removes_every_piece)
{
	struct task *task = spawn();
	long id = mm0_shmget((int32_t)task->pid, MM0_IPC_PRIVATE, 4 * P, 0600);
	long addr = mm0_shmat(task->vm, (int32_t)id, BASE, 0);

	ck_assert_int_eq(mm0_mprotect(task->vm, addr + P, P, MM0_PROT_READ), 0);
	ck_assert_int_eq(stat_nattch(id), 3);
	ck_assert_int_eq(mm0_shmdt(task->vm, addr), 0);
	ck_assert_int_eq(stat_nattch(id), 0);
	ck_assert_ptr_null(vma_find(task->vm, addr + 3 * P));
	ck_assert_int_eq(mm0_shmctl((int32_t)id, MM0_IPC_RMID, NULL), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(bad_attach_and_detach_arguments)
{
	struct task *task = spawn();
	long id = mm0_shmget((int32_t)task->pid, MM0_IPC_PRIVATE, 2 * P, 0600);
	struct mm0_shm_stat stat;

	ck_assert_int_eq(mm0_shmat(task->vm, (int32_t)id + 1, 0, 0), -EINVAL);
	ck_assert_int_eq(mm0_shmat(task->vm, (int32_t)id, BASE + 8, 0), -EINVAL);
	ck_assert_int_eq(mm0_shmat(task->vm, (int32_t)id, 0, 0x40), -EINVAL);
	ck_assert_int_eq(mm0_shmat(task->vm, (int32_t)id, MM0_USER_END - P, 0), -EINVAL);
	ck_assert_int_eq(mm0_shmat(task->vm, (int32_t)id, BASE, 0), BASE);
	ck_assert_int_eq(mm0_shmat(task->vm, (int32_t)id, BASE + P, 0), -EINVAL);
	ck_assert_int_eq(mm0_shmdt(task->vm, BASE + P), -EINVAL);
	ck_assert_int_eq(mm0_shmdt(task->vm, 0x30000000u), -EINVAL);
	map_anon(task, 0x30000000u, P, MM0_PROT_READ, MM0_MAP_PRIVATE | MM0_MAP_FIXED);
	ck_assert_int_eq(mm0_shmdt(task->vm, 0x30000000u), -EINVAL);
	ck_assert_int_eq(mm0_shmctl((int32_t)id, 99, &stat), -EINVAL);
	ck_assert_int_eq(mm0_shmctl((int32_t)id, MM0_IPC_STAT, NULL), -EFAULT);
	ck_assert_int_eq(mm0_shmdt(task->vm, BASE), 0);
	ck_assert_int_eq(mm0_shmdt(task->vm, BASE), -EINVAL);
	ck_assert_int_eq(mm0_shmctl((int32_t)id, MM0_IPC_RMID, NULL), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

/* shmat maps the attachment's first page itself, with the attachment's
 * permissions: a writable attachment makes it if the segment has none yet, a
 * read-only one maps it only once it is there. The other pages wait for
 * their faults. */
START_TEST(attach_maps_the_first_page_at_once)
{
	struct task *first = spawn(), *second = spawn();
	long id = mm0_shmget((int32_t)first->pid, MM0_IPC_PRIVATE, 2 * P, 0600);
	unsigned maps = fake_counts.map;
	struct fake_pte *pte, *again;
	long a, b, reader;

	reader = mm0_shmat(second->vm, (int32_t)id, 0, MM0_SHM_RDONLY);
	ck_assert_int_gt(reader, 0);
	ck_assert_uint_eq(fake_counts.map, maps);
	ck_assert_ptr_null(fake_pte_find(second->vm->space, (uint32_t)reader));
	ck_assert_int_eq(mm0_shmdt(second->vm, (uint32_t)reader), 0);
	a = mm0_shmat(first->vm, (int32_t)id, 0, 0);
	ck_assert_int_gt(a, 0);
	ck_assert_uint_eq(fake_counts.map - maps, 1);
	pte = fake_pte_find(first->vm->space, (uint32_t)a);
	ck_assert_ptr_nonnull(pte);
	ck_assert_uint_eq(pte->perms, MM0_PROT_READ | MM0_PROT_WRITE);
	ck_assert_ptr_null(fake_pte_find(first->vm->space, (uint32_t)a + P));
	b = mm0_shmat(second->vm, (int32_t)id, 0, MM0_SHM_RDONLY);
	again = fake_pte_find(second->vm->space, (uint32_t)b);
	ck_assert_ptr_nonnull(again);
	ck_assert_uint_eq(again->phys, pte->phys);
	ck_assert_uint_eq(again->perms, MM0_PROT_READ);
	maps = fake_counts.map;
	poke(first, (uint32_t)a, 0x35);
	ck_assert_uint_eq(fake_counts.map, maps);
	ck_assert_uint_eq(peek(second, (uint32_t)b), 0x35);
	assert_mmu_consistent();
	ck_assert_int_eq(mm0_shmctl((int32_t)id, MM0_IPC_RMID, NULL), 0);
	exit_and_reap(first, 0);
	exit_and_reap(second, 0);
	assert_no_leak();
}
END_TEST

START_TEST(segments_left_at_shutdown_are_freed)
{
	struct task *task = spawn();
	long id = mm0_shmget((int32_t)task->pid, KEY, P, MM0_IPC_CREAT | 0600);

	ck_assert_int_gt(mm0_shmat(task->vm, (int32_t)id, 0, 0), 0);
	exit_and_reap(task, 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 shm");

	add_mm0_test(suite, keys_find_the_same_segment);
	add_mm0_test(suite, private_segments_are_always_new);
	add_mm0_test(suite, sizes_are_checked);
	add_mm0_test(suite, several_attaches_see_the_same_memory);
	add_mm0_test(suite, rmid_while_attached_keeps_memory_until_the_last_detach);
	add_mm0_test(suite, attachments_are_inherited_by_fork);
	add_mm0_test(suite, read_only_attach_refuses_writes);
	add_mm0_test(suite, mode_bits_are_enforced);
	add_mm0_test(suite, detach_after_mprotect_split_removes_every_piece);
	add_mm0_test(suite, bad_attach_and_detach_arguments);
	add_mm0_test(suite, attach_maps_the_first_page_at_once);
	add_mm0_test(suite, segments_left_at_shutdown_are_freed);
	return run_suite(suite);
}

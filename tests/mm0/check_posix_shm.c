/* POSIX shm: objects by name, O_CREAT/O_EXCL, ftruncate, unlink while mapped, bad names. */
#include <string.h>

#include "harness.h"

#define P MM0_PAGE_SIZE
#define BASE 0x20000000u
#define RW (MM0_PROT_READ | MM0_PROT_WRITE)

static long map_shm(struct task *task, struct vm_object *obj, uint32_t pages, int flags)
{
	return mm0_mmap(task->vm, BASE, pages * P, RW, flags | MM0_MAP_FIXED, obj, 0);
}

START_TEST(one_name_one_object_shared_by_tasks)
{
	struct task *first = spawn(), *second = spawn();
	struct vm_object *a, *b;

	ck_assert_int_eq(mm0_shm_open("/ring", MM0_O_CREAT | 2, &a), 0);
	ck_assert_int_eq(mm0_shm_truncate(a, 2 * P), 0);
	ck_assert_int_eq(mm0_shm_open("/ring", 2, &b), 0);
	ck_assert_ptr_eq(a, b);
	ck_assert_int_eq(map_shm(first, a, 2, MM0_MAP_SHARED), BASE);
	ck_assert_int_eq(map_shm(second, b, 2, MM0_MAP_SHARED), BASE);
	poke(first, BASE + P + 1, 0x31);
	ck_assert_uint_eq(peek(second, BASE + P + 1), 0x31);
	assert_mmu_consistent();
	mm0_shm_close(a);
	mm0_shm_close(b);
	ck_assert_int_eq(mm0_shm_unlink("/ring"), 0);
	exit_and_reap(first, 0);
	exit_and_reap(second, 0);
	assert_no_leak();
}
END_TEST

START_TEST(create_exclusive_and_missing)
{
	struct task *task = spawn();
	struct vm_object *obj, *again;

	ck_assert_int_eq(mm0_shm_open("/x", 2, &obj), -ENOENT);
	ck_assert_int_eq(mm0_shm_open("/x", MM0_O_CREAT | MM0_O_EXCL, &obj), 0);
	ck_assert_int_eq(mm0_shm_open("/x", MM0_O_CREAT | MM0_O_EXCL, &again), -EEXIST);
	ck_assert_int_eq(mm0_shm_open("/x", MM0_O_CREAT, &again), 0);
	mm0_shm_close(again);
	mm0_shm_close(obj);
	ck_assert_int_eq(mm0_shm_unlink("/x"), 0);
	ck_assert_int_eq(mm0_shm_unlink("/x"), -ENOENT);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(unlink_while_mapped_keeps_the_memory)
{
	struct task *task = spawn();
	struct vm_object *obj, *fresh;
	uint32_t objects;

	ck_assert_int_eq(mm0_shm_open("/keep", MM0_O_CREAT | 2, &obj), 0);
	ck_assert_int_eq(mm0_shm_truncate(obj, P), 0);
	ck_assert_int_eq(map_shm(task, obj, 1, MM0_MAP_SHARED), BASE);
	mm0_shm_close(obj);
	poke(task, BASE, 0x44);
	objects = vm_object_live();
	ck_assert_int_eq(mm0_shm_unlink("/keep"), 0);
	ck_assert_uint_eq(vm_object_live(), objects);
	ck_assert_uint_eq(peek(task, BASE), 0x44);
	ck_assert_int_eq(mm0_shm_open("/keep", MM0_O_CREAT, &fresh), 0);
	ck_assert_ptr_ne(fresh, obj);
	mm0_shm_close(fresh);
	ck_assert_int_eq(mm0_shm_unlink("/keep"), 0);
	ck_assert_int_eq(mm0_munmap(task->vm, BASE, P), 0);
	ck_assert_uint_eq(vm_object_live(), objects - 1);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(private_mapping_copies_on_write)
{
	struct task *task = spawn(), *other = spawn();
	struct vm_object *obj;

	ck_assert_int_eq(mm0_shm_open("/cow", MM0_O_CREAT | 2, &obj), 0);
	ck_assert_int_eq(mm0_shm_truncate(obj, P), 0);
	ck_assert_int_eq(map_shm(other, obj, 1, MM0_MAP_SHARED), BASE);
	poke(other, BASE, 1);
	ck_assert_int_eq(map_shm(task, obj, 1, MM0_MAP_PRIVATE), BASE);
	ck_assert_uint_eq(peek(task, BASE), 1);
	poke(task, BASE, 2);
	ck_assert_uint_eq(peek(other, BASE), 1);
	assert_mmu_consistent();
	mm0_shm_close(obj);
	ck_assert_int_eq(mm0_shm_unlink("/cow"), 0);
	exit_and_reap(task, 0);
	exit_and_reap(other, 0);
	assert_no_leak();
}
END_TEST

START_TEST(pages_past_the_size_are_sigbus)
{
	struct task *parent = spawn(), *child;
	struct vm_object *obj;
	long child_pid;
	int status = 0;

	ck_assert_int_eq(mm0_shm_open("/small", MM0_O_CREAT | 2, &obj), 0);
	ck_assert_int_eq(map_shm(parent, obj, 2, MM0_MAP_SHARED), BASE);
	child = task_of(mm0_fork(parent, TEST_PC, TEST_SP));
	child_pid = child->pid;
	ck_assert_int_eq(user_write(child, BASE, 1), USER_KILLED);
	ck_assert_int_eq(mm0_waitpid(parent, child_pid, 0, NULL, &status), child_pid);
	ck_assert_int_eq(status, MM0_W_SIGNALED(MM0_SIGBUS));
	ck_assert_int_eq(mm0_shm_truncate(obj, P), 0);
	poke(parent, BASE, 3);
	ck_assert_int_eq(mm0_shm_truncate(obj, 0), -EBUSY);
	mm0_shm_close(obj);
	ck_assert_int_eq(mm0_shm_unlink("/small"), 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(truncate_shrinks_an_unmapped_object)
{
	struct task *task = spawn();
	struct vm_object *obj;

	ck_assert_int_eq(mm0_shm_open("/shrink", MM0_O_CREAT | 2, &obj), 0);
	ck_assert_int_eq(mm0_shm_truncate(obj, 3 * P), 0);
	ck_assert_int_eq(map_shm(task, obj, 3, MM0_MAP_SHARED), BASE);
	poke(task, BASE, 1);
	poke(task, BASE + 2 * P, 1);
	ck_assert_int_eq(mm0_munmap(task->vm, BASE, 3 * P), 0);
	ck_assert_uint_eq(obj->page_count, 2);
	ck_assert_int_eq(mm0_shm_truncate(obj, P), 0);
	ck_assert_uint_eq(obj->page_count, 1);
	ck_assert_int_eq(mm0_shm_truncate(obj, MM0_SHM_MAX_SIZE + 1), -EFBIG);
	mm0_shm_close(obj);
	ck_assert_int_eq(mm0_shm_unlink("/shrink"), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(bad_names_and_flags)
{
	static char long_name[MM0_SHM_NAME_MAX + 2];
	struct task *task = spawn();
	struct vm_object *obj;

	memset(long_name, 'a', MM0_SHM_NAME_MAX + 1);
	long_name[0] = '/';
	ck_assert_int_eq(mm0_shm_open(NULL, MM0_O_CREAT, &obj), -EFAULT);
	ck_assert_int_eq(mm0_shm_open("noslash", MM0_O_CREAT, &obj), -EINVAL);
	ck_assert_int_eq(mm0_shm_open("/", MM0_O_CREAT, &obj), -EINVAL);
	ck_assert_int_eq(mm0_shm_open("/a/b", MM0_O_CREAT, &obj), -EINVAL);
	ck_assert_int_eq(mm0_shm_open(long_name, MM0_O_CREAT, &obj), -ENAMETOOLONG);
	ck_assert_int_eq(mm0_shm_open("/ok", 0x80000, &obj), -EINVAL);
	ck_assert_int_eq(mm0_shm_open("/ok", MM0_O_CREAT, NULL), -EINVAL);
	ck_assert_int_eq(mm0_shm_unlink("bad"), -EINVAL);
	ck_assert_int_eq(mm0_shm_truncate(NULL, P), -EINVAL);
	ck_assert_int_eq(mm0_shm_truncate(vm_devzero(), P), -EINVAL);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(names_left_at_shutdown_are_freed)
{
	struct task *task = spawn();
	struct vm_object *obj;

	ck_assert_int_eq(mm0_shm_open("/left", MM0_O_CREAT, &obj), 0);
	mm0_shm_close(obj);
	exit_and_reap(task, 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 posix shm");

	add_mm0_test(suite, one_name_one_object_shared_by_tasks);
	add_mm0_test(suite, create_exclusive_and_missing);
	add_mm0_test(suite, unlink_while_mapped_keeps_the_memory);
	add_mm0_test(suite, private_mapping_copies_on_write);
	add_mm0_test(suite, pages_past_the_size_are_sigbus);
	add_mm0_test(suite, truncate_shrinks_an_unmapped_object);
	add_mm0_test(suite, bad_names_and_flags);
	add_mm0_test(suite, names_left_at_shutdown_are_freed);
	return run_suite(suite);
}

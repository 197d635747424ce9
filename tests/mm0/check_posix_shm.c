/* POSIX shm: objects by name, O_CREAT/O_EXCL, ftruncate, unlink while mapped, bad names. */
#include <string.h>

#include "harness.h"

#define P MM0_PAGE_SIZE
#define BASE 0x20000000u
#define RW (MM0_PROT_READ | MM0_PROT_WRITE)

static long map_shm(struct task *task, struct vm_object *obj, uint32_t pages, int flags)
{
	return mm0_mmap(task, BASE, pages * P, RW, flags | MM0_MAP_FIXED, obj, 0);
}

START_TEST(one_name_one_object_shared_by_tasks)
{
	struct task *first = spawn(), *second = spawn();
	struct vm_object *a, *b;

	ck_assert_int_eq(mm0_shm_open(first, "/ring", MM0_O_CREAT | 2, &a), 0);
	ck_assert_int_eq(mm0_shm_truncate(a, 2 * P), 0);
	ck_assert_int_eq(mm0_shm_open(second, "/ring", 2, &b), 0);
	ck_assert_ptr_eq(a, b);
	ck_assert_int_eq(map_shm(first, a, 2, MM0_MAP_SHARED), BASE);
	ck_assert_int_eq(map_shm(second, b, 2, MM0_MAP_SHARED), BASE);
	poke(first, BASE + P + 1, 0x31);
	ck_assert_uint_eq(peek(second, BASE + P + 1), 0x31);
	assert_mmu_consistent();
	mm0_shm_close(a);
	mm0_shm_close(b);
	ck_assert_int_eq(mm0_shm_unlink(first, "/ring"), 0);
	exit_and_reap(first, 0);
	exit_and_reap(second, 0);
	assert_no_leak();
}
END_TEST

START_TEST(create_exclusive_and_missing)
{
	struct task *task = spawn();
	struct vm_object *obj, *again;

	ck_assert_int_eq(mm0_shm_open(task, "/x", 2, &obj), -ENOENT);
	ck_assert_int_eq(mm0_shm_open(task, "/x", MM0_O_CREAT | MM0_O_EXCL, &obj), 0);
	ck_assert_int_eq(mm0_shm_open(task, "/x", MM0_O_CREAT | MM0_O_EXCL, &again), -EEXIST);
	ck_assert_int_eq(mm0_shm_open(task, "/x", MM0_O_CREAT, &again), 0);
	mm0_shm_close(again);
	mm0_shm_close(obj);
	ck_assert_int_eq(mm0_shm_unlink(task, "/x"), 0);
	ck_assert_int_eq(mm0_shm_unlink(task, "/x"), -ENOENT);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(unlink_while_mapped_keeps_the_memory)
{
	struct task *task = spawn();
	struct vm_object *obj, *fresh;
	uint32_t objects;

	ck_assert_int_eq(mm0_shm_open(task, "/keep", MM0_O_CREAT | 2, &obj), 0);
	ck_assert_int_eq(mm0_shm_truncate(obj, P), 0);
	ck_assert_int_eq(map_shm(task, obj, 1, MM0_MAP_SHARED), BASE);
	mm0_shm_close(obj);
	poke(task, BASE, 0x44);
	objects = vm_object_live();
	ck_assert_int_eq(mm0_shm_unlink(task, "/keep"), 0);
	ck_assert_uint_eq(vm_object_live(), objects);
	ck_assert_uint_eq(peek(task, BASE), 0x44);
	ck_assert_int_eq(mm0_shm_open(task, "/keep", MM0_O_CREAT, &fresh), 0);
	ck_assert_ptr_ne(fresh, obj);
	mm0_shm_close(fresh);
	ck_assert_int_eq(mm0_shm_unlink(task, "/keep"), 0);
	ck_assert_int_eq(mm0_munmap(task, BASE, P), 0);
	ck_assert_uint_eq(vm_object_live(), objects - 1);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(private_mapping_copies_on_write)
{
	struct task *task = spawn(), *other = spawn();
	struct vm_object *obj;

	ck_assert_int_eq(mm0_shm_open(task, "/cow", MM0_O_CREAT | 2, &obj), 0);
	ck_assert_int_eq(mm0_shm_truncate(obj, P), 0);
	ck_assert_int_eq(map_shm(other, obj, 1, MM0_MAP_SHARED), BASE);
	poke(other, BASE, 1);
	ck_assert_int_eq(map_shm(task, obj, 1, MM0_MAP_PRIVATE), BASE);
	ck_assert_uint_eq(peek(task, BASE), 1);
	poke(task, BASE, 2);
	ck_assert_uint_eq(peek(other, BASE), 1);
	assert_mmu_consistent();
	mm0_shm_close(obj);
	ck_assert_int_eq(mm0_shm_unlink(task, "/cow"), 0);
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

	ck_assert_int_eq(mm0_shm_open(parent, "/small", MM0_O_CREAT | 2, &obj), 0);
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
	ck_assert_int_eq(mm0_shm_unlink(parent, "/small"), 0);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(truncate_shrinks_an_unmapped_object)
{
	struct task *task = spawn();
	struct vm_object *obj;

	ck_assert_int_eq(mm0_shm_open(task, "/shrink", MM0_O_CREAT | 2, &obj), 0);
	ck_assert_int_eq(mm0_shm_truncate(obj, 3 * P), 0);
	ck_assert_int_eq(map_shm(task, obj, 3, MM0_MAP_SHARED), BASE);
	poke(task, BASE, 1);
	poke(task, BASE + 2 * P, 1);
	ck_assert_int_eq(mm0_munmap(task, BASE, 3 * P), 0);
	ck_assert_uint_eq(obj->page_count, 2);
	ck_assert_int_eq(mm0_shm_truncate(obj, P), 0);
	ck_assert_uint_eq(obj->page_count, 1);
	ck_assert_int_eq(mm0_shm_truncate(obj, MM0_SHM_MAX_SIZE + 1), -EFBIG);
	mm0_shm_close(obj);
	ck_assert_int_eq(mm0_shm_unlink(task, "/shrink"), 0);
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
	ck_assert_int_eq(mm0_shm_open(task, NULL, MM0_O_CREAT, &obj), -EFAULT);
	ck_assert_int_eq(mm0_shm_open(task, "noslash", MM0_O_CREAT, &obj), -EINVAL);
	ck_assert_int_eq(mm0_shm_open(task, "/", MM0_O_CREAT, &obj), -EINVAL);
	ck_assert_int_eq(mm0_shm_open(task, "/a/b", MM0_O_CREAT, &obj), -EINVAL);
	ck_assert_int_eq(mm0_shm_open(task, long_name, MM0_O_CREAT, &obj), -ENAMETOOLONG);
	ck_assert_int_eq(mm0_shm_open(task, "/ok", 0x80000, &obj), -EINVAL);
	ck_assert_int_eq(mm0_shm_open(task, "/ok", MM0_O_CREAT, NULL), -EINVAL);
	ck_assert_int_eq(mm0_shm_open(NULL, "/ok", MM0_O_CREAT, &obj), -ESRCH);
	ck_assert_int_eq(mm0_shm_unlink(task, "bad"), -EINVAL);
	ck_assert_int_eq(mm0_shm_unlink(NULL, "/ok"), -ESRCH);
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

	ck_assert_int_eq(mm0_shm_open(task, "/left", MM0_O_CREAT, &obj), 0);
	mm0_shm_close(obj);
	exit_and_reap(task, 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 posix shm");
	TCase *tcase = mm0_tcase("posix shm");

	tcase_add_test(tcase, one_name_one_object_shared_by_tasks);
	tcase_add_test(tcase, create_exclusive_and_missing);
	tcase_add_test(tcase, unlink_while_mapped_keeps_the_memory);
	tcase_add_test(tcase, private_mapping_copies_on_write);
	tcase_add_test(tcase, pages_past_the_size_are_sigbus);
	tcase_add_test(tcase, truncate_shrinks_an_unmapped_object);
	tcase_add_test(tcase, bad_names_and_flags);
	tcase_add_test(tcase, names_left_at_shutdown_are_freed);
	suite_add_tcase(suite, tcase);
	return run_suite(suite);
}

/* check_locks.c - fs0's record locks: conflicts between processes, a
 * process's own ranges split and merged, waits granted in order, EDEADLK,
 * release on close, exit and shutdown; and statvfs's figures. */
#include <string.h>
#include "fixture.h"

#define PID_A	11
#define PID_B	22
#define PID_C	33

static int fd_a, fd_b, fd_c;

/* TASK_A, TASK_B and TASK_C are three processes with /f open read-write. */
static void open_three(void)
{
	make_file("/f", "0123456789");
	ck_assert_int_eq(fs_task_fork(FS0_TASK_NONE, TASK_B, false), 0);
	ck_assert_int_eq(fs_task_fork(FS0_TASK_NONE, TASK_C, false), 0);
	fd_a = fs_open(TASK_A, FS0_AT_FDCWD, "/f", FS0_O_RDWR, 0);
	fd_b = fs_open(TASK_B, FS0_AT_FDCWD, "/f", FS0_O_RDWR, 0);
	fd_c = fs_open(TASK_C, FS0_AT_FDCWD, "/f", FS0_O_RDWR, 0);
	ck_assert_int_ge(fd_a, 0);
	ck_assert_int_ge(fd_b, 0);
	ck_assert_int_ge(fd_c, 0);
}

static struct fs0_lock_range range(int32_t type, int64_t start, int64_t len, int32_t pid)
{
	return (struct fs0_lock_range){ .type = type, .whence = FS0_SEEK_SET, .start = start, .len = len,
					.pid = pid };
}

static long set(fs0_task_t task, int fd, int32_t type, int64_t start, int64_t len, int32_t pid)
{
	struct fs0_lock_range want = range(type, start, len, pid);
	return fs_setlk(task, fd, false, &want, NULL);
}

static long set_wait(fs0_task_t task, int fd, int32_t type, int64_t start, int64_t len, int32_t pid,
		     void *token)
{
	struct fs0_lock_range want = range(type, start, len, pid);
	return fs_setlk(task, fd, true, &want, token);
}

static struct fs0_lock_range get(fs0_task_t task, int fd, int32_t type, int64_t start, int64_t len, int32_t pid)
{
	struct fs0_lock_range want = range(type, start, len, pid), out;
	ck_assert_int_eq(fs_getlk(task, fd, &want, &out), 0);
	return out;
}

START_TEST(conflicts_between_processes)
{
	open_three();
	ck_assert_int_eq(set(TASK_A, fd_a, FS0_F_WRLCK, 0, 4, PID_A), 0);
	ck_assert_int_eq(set(TASK_B, fd_b, FS0_F_RDLCK, 3, 2, PID_B), -FS0_EAGAIN);
	ck_assert_int_eq(set(TASK_B, fd_b, FS0_F_RDLCK, 4, 2, PID_B), 0);
	ck_assert_int_eq(set(TASK_C, fd_c, FS0_F_RDLCK, 5, 1, PID_C), 0);	/* readers share */
	struct fs0_lock_range held = get(TASK_C, fd_c, FS0_F_WRLCK, 2, 1, PID_C);
	ck_assert_int_eq(held.type, FS0_F_WRLCK);
	ck_assert_int_eq(held.pid, PID_A);
	ck_assert_int_eq(held.start, 0);
	ck_assert_int_eq(held.len, 4);
	ck_assert_int_eq(get(TASK_A, fd_a, FS0_F_WRLCK, 0, 4, PID_A).type, FS0_F_UNLCK);	/* its own */
	ck_assert_int_eq(get(TASK_A, fd_a, FS0_F_RDLCK, 8, 0, PID_A).type, FS0_F_UNLCK);
	ck_assert_int_eq(set(TASK_A, fd_a, 7, 0, 1, PID_A), -FS0_EINVAL);
	ck_assert_int_eq(set(TASK_A, fd_a, FS0_F_RDLCK, -1, 1, PID_A), -FS0_EINVAL);
	int read_only = fs_open(TASK_A, FS0_AT_FDCWD, "/f", FS0_O_RDONLY, 0);
	ck_assert_int_eq(set(TASK_A, read_only, FS0_F_WRLCK, 0, 1, PID_A), -FS0_EBADF);
}
END_TEST

START_TEST(own_ranges_split_and_merge)
{
	open_three();
	ck_assert_int_eq(set(TASK_A, fd_a, FS0_F_WRLCK, 0, 0, PID_A), 0);	/* all of it */
	ck_assert_int_eq(set(TASK_A, fd_a, FS0_F_UNLCK, 4, 2, PID_A), 0);	/* a hole */
	ck_assert_int_eq(set(TASK_B, fd_b, FS0_F_WRLCK, 4, 2, PID_B), 0);
	ck_assert_int_eq(set(TASK_B, fd_b, FS0_F_WRLCK, 6, 1, PID_B), -FS0_EAGAIN);
	struct fs0_lock_range tail = get(TASK_C, fd_c, FS0_F_RDLCK, 100, 1, PID_C);
	ck_assert_int_eq(tail.start, 6);
	ck_assert_int_eq(tail.len, 0);	/* to the end and past it */
	ck_assert_int_eq(set(TASK_B, fd_b, FS0_F_UNLCK, 0, 0, PID_B), 0);
	ck_assert_int_eq(set(TASK_A, fd_a, FS0_F_WRLCK, 4, 2, PID_A), 0);	/* merges again */
	struct fs0_lock_range whole = get(TASK_C, fd_c, FS0_F_RDLCK, 5, 1, PID_C);
	ck_assert_int_eq(whole.start, 0);
	ck_assert_int_eq(whole.len, 0);
	ck_assert_int_eq(set(TASK_A, fd_a, FS0_F_RDLCK, 2, 1, PID_A), 0);	/* converts a part */
	ck_assert_int_eq(set(TASK_C, fd_c, FS0_F_RDLCK, 2, 1, PID_C), 0);
	ck_assert_int_eq(set(TASK_C, fd_c, FS0_F_RDLCK, 3, 1, PID_C), -FS0_EAGAIN);
	struct fs0_lock_range before_end = { .type = FS0_F_RDLCK, .whence = FS0_SEEK_END, .start = -10,
					     .len = 1, .pid = PID_C };
	struct fs0_lock_range out;
	ck_assert_int_eq(fs_getlk(TASK_C, fd_c, &before_end, &out), 0);
	ck_assert_int_eq(out.type, FS0_F_WRLCK);
	ck_assert_int_eq(out.len, 2);	/* [0, 2): the write lock left before the read one */
}
END_TEST

START_TEST(a_wait_is_granted_when_the_lock_goes)
{
	open_three();
	int token_b, token_c;
	ck_assert_int_eq(set(TASK_A, fd_a, FS0_F_WRLCK, 0, 10, PID_A), 0);
	ck_assert_int_eq(set_wait(TASK_B, fd_b, FS0_F_WRLCK, 0, 1, PID_B, &token_b), IDLRT_DEFERRED);
	ck_assert_int_eq(set_wait(TASK_C, fd_c, FS0_F_WRLCK, 0, 1, PID_C, &token_c), IDLRT_DEFERRED);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.pending, 2);
	ck_assert_int_eq(completion_count, 0);
	ck_assert_int_eq(set(TASK_A, fd_a, FS0_F_UNLCK, 5, 5, PID_A), 0);
	ck_assert_int_eq(completion_count, 0);	/* [0, 1) is still held */
	ck_assert_int_eq(set(TASK_A, fd_a, FS0_F_UNLCK, 0, 5, PID_A), 0);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_ptr_eq(completions[0].token, &token_b);
	ck_assert_int_eq(completions[0].result, 0);
	ck_assert_int_eq(get(TASK_A, fd_a, FS0_F_RDLCK, 0, 1, PID_A).pid, PID_B);
	ck_assert_int_eq(fs_close(TASK_B, fd_b), 0);	/* B's close lets C in */
	ck_assert_int_eq(completion_count, 2);
	ck_assert_ptr_eq(completions[1].token, &token_c);
	ck_assert_int_eq(get(TASK_A, fd_a, FS0_F_RDLCK, 0, 1, PID_A).pid, PID_C);
}
END_TEST

START_TEST(a_two_process_cycle_is_edeadlk)
{
	open_three();
	int token;
	ck_assert_int_eq(set(TASK_A, fd_a, FS0_F_WRLCK, 0, 1, PID_A), 0);
	ck_assert_int_eq(set(TASK_B, fd_b, FS0_F_WRLCK, 5, 1, PID_B), 0);
	ck_assert_int_eq(set_wait(TASK_A, fd_a, FS0_F_WRLCK, 5, 1, PID_A, &token), IDLRT_DEFERRED);
	ck_assert_int_eq(set_wait(TASK_B, fd_b, FS0_F_WRLCK, 0, 1, PID_B, &token), -FS0_EDEADLK);
	ck_assert_int_eq(fs_task_exit(TASK_B), 0);	/* B's locks go with its last task */
	ck_assert_int_eq(completion_count, 1);
	ck_assert_int_eq(completions[0].result, 0);
}
END_TEST

START_TEST(waits_end_on_cancel_and_shutdown)
{
	open_three();
	int token_b, token_c;
	ck_assert_int_eq(set(TASK_A, fd_a, FS0_F_WRLCK, 0, 1, PID_A), 0);
	ck_assert_int_eq(set_wait(TASK_B, fd_b, FS0_F_RDLCK, 0, 1, PID_B, &token_b), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_task_cancel(TASK_B), 1);
	ck_assert_int_eq(completions[0].result, -FS0_EINTR);
	ck_assert_int_eq(set_wait(TASK_C, fd_c, FS0_F_RDLCK, 0, 1, PID_C, &token_c), IDLRT_DEFERRED);
	fs_shutdown();
	ck_assert_int_eq(completion_count, 2);
	ck_assert_int_eq(completions[1].result, -FS0_EINTR);
}
END_TEST

START_TEST(statvfs_figures)
{
	fs_set_space_limit(64 * FS0_PAGE_SIZE);
	make_file("/g", "data");
	struct fs0_vfs_info info;
	ck_assert_int_eq(fs_statvfs(TASK_A, FS0_AT_FDCWD, "/g", &info), 0);
	ck_assert_uint_eq(info.bsize, FS0_PAGE_SIZE);
	ck_assert_uint_eq(info.blocks, 64);
	ck_assert_uint_eq(info.bfree, 63);
	ck_assert_uint_eq(info.namemax, FS0_NAME_MAX);
	ck_assert_uint_eq(info.flags & FS0_ST_RDONLY, 0);
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/g", FS0_O_RDONLY, 0);
	struct fs0_vfs_info by_fd;
	ck_assert_int_eq(fs_fstatvfs(TASK_A, fd, &by_fd), 0);
	ck_assert_int_eq(memcmp(&info, &by_fd, sizeof(info)), 0);
	ck_assert_int_eq(fs_fstatvfs(TASK_A, fd + 1, &by_fd), -FS0_EBADF);
	ck_assert_int_eq(fs_statvfs(TASK_A, FS0_AT_FDCWD, "/none", &info), -FS0_ENOENT);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 record locks");
	TCase *locks = fs0_tcase("locks");
	tcase_add_test(locks, conflicts_between_processes);
	tcase_add_test(locks, own_ranges_split_and_merge);
	tcase_add_test(locks, a_wait_is_granted_when_the_lock_goes);
	tcase_add_test(locks, a_two_process_cycle_is_edeadlk);
	tcase_add_test(locks, waits_end_on_cancel_and_shutdown);
	suite_add_tcase(suite, locks);
	TCase *figures = fs0_tcase("statvfs");
	tcase_add_test(figures, statvfs_figures);
	suite_add_tcase(suite, figures);
	return run_suite(suite);
}

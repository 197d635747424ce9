/* check_tasks.c - fs0's side of fork and exit, and mm0's file handles:
 * page reads for faults and exec, and MAP_SHARED write-back. */
#include <string.h>
#include "fixture.h"

static struct fs0_stats stats_now(void)
{
	struct fs0_stats stats;
	fs_stats(&stats);
	return stats;
}

START_TEST(test_fork_shares_open_file_descriptions)
{
	char buf[8] = { 0 };
	make_file("/f", "abcdef");
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/f", FS0_O_RDONLY, 0);
	ck_assert_int_eq(fs_task_fork(TASK_A, TASK_B, false), 0);
	ck_assert_int_eq(fs_read(TASK_B, fd, buf, 2, NULL), 2);
	ck_assert_int_eq(fs_read(TASK_A, fd, buf, 2, NULL), 2);
	ck_assert_str_eq(buf, "cd");
	ck_assert_int_eq(fs_close(TASK_B, fd), 0);
	ck_assert_int_eq(fs_read(TASK_A, fd, buf, 2, NULL), 2);
	ck_assert_int_eq(fs_close(TASK_B, fd), -FS0_EBADF);
	struct fs0_stats stats = stats_now();
	ck_assert_uint_eq(stats.tasks, 2);
	ck_assert_uint_eq(stats.tables, 2);
	ck_assert_uint_eq(stats.descriptors, 1);
}
END_TEST

START_TEST(test_shared_table_is_one_table)
{
	make_file("/f", "x");
	ck_assert_int_eq(fs_task_fork(TASK_A, TASK_B, true), 0);
	int fd = fs_open(TASK_B, FS0_AT_FDCWD, "/f", FS0_O_RDONLY, 0);
	ck_assert_int_eq(fd, 0);
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_fstat(TASK_A, fd, &st), 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(fs_fstat(TASK_B, fd, &st), -FS0_EBADF);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/f", FS0_O_RDONLY, 0), 0);
	struct fs0_stats stats = stats_now();
	ck_assert_uint_eq(stats.tables, 1);
	ck_assert_uint_eq(stats.descriptors, 1);
	ck_assert_int_eq(fs_task_exit(TASK_A), 0);
	ck_assert_int_eq(fs_fstat(TASK_B, 0, &st), 0);
	ck_assert_int_eq(fs_task_exit(TASK_B), 0);
	stats = stats_now();
	ck_assert_uint_eq(stats.tables, 0);
	ck_assert_uint_eq(stats.files, 0);
}
END_TEST

START_TEST(test_fork_copies_cwd)
{
	char cwd[FS0_PATH_MAX];
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/home", 0755), 0);
	ck_assert_int_eq(fs_chdir(TASK_A, "/home"), 0);
	ck_assert_int_eq(fs_task_fork(TASK_A, TASK_B, false), 0);
	ck_assert_int_eq(fs_getcwd(TASK_B, cwd, sizeof(cwd)), 6);
	ck_assert_str_eq(cwd, "/home");
	ck_assert_int_eq(fs_chdir(TASK_B, "/"), 0);
	ck_assert_int_eq(fs_getcwd(TASK_A, cwd, sizeof(cwd)), 6);
}
END_TEST

START_TEST(test_exit_closes_everything)
{
	int fds[2];
	ck_assert_int_eq(fs_task_fork(FS0_TASK_NONE, TASK_B, false), 0);
	for (int i = 0; i < 10; i++)
		ck_assert_int_ge(fs_open(TASK_B, FS0_AT_FDCWD, "/tmpfile", FS0_O_CREAT | FS0_O_RDWR, 0644), 0);
	ck_assert_int_eq(fs_pipe(TASK_B, 0, fds), 0);
	ck_assert_int_eq(fs_unlink(TASK_B, FS0_AT_FDCWD, "/tmpfile"), 0);
	ck_assert_int_eq(fs_task_fork(TASK_B, TASK_C, false), 0);
	ck_assert_int_eq(fs_task_exit(TASK_B), 0);
	ck_assert_uint_eq(stats_now().files, 12);
	ck_assert_int_eq(fs_task_exit(TASK_C), 0);
	assert_only_root_left();
	ck_assert_uint_eq(stats_now().tasks, 1);
}
END_TEST

START_TEST(test_task_request_errors)
{
	ck_assert_int_eq(fs_task_fork(TASK_A, TASK_A, false), -FS0_EEXIST);
	ck_assert_int_eq(fs_task_fork(TASK_UNKNOWN, TASK_B, false), -FS0_ESRCH);
	ck_assert_int_eq(fs_task_fork(TASK_A, FS0_TASK_NONE, false), -FS0_EINVAL);
	ck_assert_int_eq(fs_task_exit(TASK_UNKNOWN), -FS0_ESRCH);
	ck_assert_int_eq(fs_task_exit(TASK_A), 0);
	ck_assert_int_eq(fs_task_exit(TASK_A), -FS0_ESRCH);
	ck_assert_uint_eq(stats_now().tasks, 0);
}
END_TEST

/* A 10000-byte file: page 0 and 1 full, page 2 holds 1808 bytes. */
static int make_patterned_file(const char *path)
{
	static char data[10000];
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)('a' + i % 26);
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, path, FS0_O_CREAT | FS0_O_RDWR, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fs_write(TASK_A, fd, data, sizeof(data), NULL), (long)sizeof(data));
	return fd;
}

START_TEST(test_mm_handle_describes_file)
{
	int fd = make_patterned_file("/mapped");
	int again = fs_open(TASK_A, FS0_AT_FDCWD, "/mapped", FS0_O_RDONLY, 0);
	struct fs0_mm_file first, second;
	ck_assert_int_eq(fs_mm_get_fd(TASK_A, fd, &first), 0);
	ck_assert_int_eq(fs_mm_get_fd(TASK_A, again, &second), 0);
	ck_assert_uint_eq(first.handle, second.handle);
	ck_assert_int_eq(first.size, 10000);
	ck_assert_uint_eq(first.openers, 2);
	ck_assert_uint_eq(first.access, FS0_O_RDWR);
	ck_assert_uint_eq(second.access, FS0_O_RDONLY);
	ck_assert(first.writable_fs);
	ck_assert_uint_eq(stats_now().handles, 1);
	ck_assert_int_eq(fs_mm_release(first.handle), 0);
	ck_assert_int_eq(fs_mm_release(first.handle), 0);
	ck_assert_int_eq(fs_mm_release(first.handle), -FS0_EBADF);
	ck_assert_uint_eq(stats_now().handles, 0);
}
END_TEST

START_TEST(test_mm_handle_errors)
{
	int fds[2];
	struct fs0_mm_file file;
	uint8_t page[FS0_PAGE_SIZE];
	ck_assert_int_eq(fs_pipe(TASK_A, 0, fds), 0);
	int dir = fs_open(TASK_A, FS0_AT_FDCWD, "/", FS0_O_RDONLY, 0);
	ck_assert_int_eq(fs_mm_get_fd(TASK_A, fds[0], &file), -FS0_ENODEV);
	ck_assert_int_eq(fs_mm_get_fd(TASK_A, dir, &file), -FS0_ENODEV);
	ck_assert_int_eq(fs_mm_get_fd(TASK_A, 50, &file), -FS0_EBADF);
	ck_assert_int_eq(fs_mm_get_fd(TASK_UNKNOWN, 0, &file), -FS0_ESRCH);
	ck_assert_int_eq(fs_mm_get_path(TASK_A, "/", &file), -FS0_EACCES);
	ck_assert_int_eq(fs_mm_get_path(TASK_A, "/missing", &file), -FS0_ENOENT);
	ck_assert_int_eq(fs_mm_get_path(TASK_UNKNOWN, "/", &file), -FS0_ESRCH);
	ck_assert_int_eq(fs_mm_read_page(12345, 0, page), -FS0_EBADF);
	ck_assert_int_eq(fs_mm_write_page(12345, 0, page), -FS0_EBADF);
	ck_assert_uint_eq(stats_now().handles, 0);
}
END_TEST

START_TEST(test_mm_read_pages_and_eof)
{
	int fd = make_patterned_file("/prog");
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	struct fs0_mm_file file;
	ck_assert_int_eq(fs_mm_get_path(TASK_A, "/prog", &file), 0);
	ck_assert_uint_eq(file.openers, 0);
	uint8_t page[FS0_PAGE_SIZE];
	ck_assert_int_eq(fs_mm_read_page(file.handle, 1, page), FS0_PAGE_SIZE);
	ck_assert_int_eq(page[0], 'a' + FS0_PAGE_SIZE % 26);
	memset(page, 0xee, sizeof(page));
	ck_assert_int_eq(fs_mm_read_page(file.handle, 2, page), 10000 - 2 * FS0_PAGE_SIZE);
	ck_assert_int_eq(page[0], 'a' + (2 * FS0_PAGE_SIZE) % 26);
	for (int i = 10000 - 2 * FS0_PAGE_SIZE; i < FS0_PAGE_SIZE; i++)
		ck_assert_int_eq(page[i], 0);
	memset(page, 0xee, sizeof(page));
	ck_assert_int_eq(fs_mm_read_page(file.handle, 3, page), 0);
	ck_assert_int_eq(fs_mm_read_page(file.handle, UINT32_MAX, page), 0);
	for (int i = 0; i < FS0_PAGE_SIZE; i++)
		ck_assert_int_eq(page[i], 0);
	ck_assert_int_eq(fs_mm_release(file.handle), 0);
}
END_TEST

START_TEST(test_mm_shared_write_back_reaches_read)
{
	int fd = make_patterned_file("/shared");
	struct fs0_mm_file file;
	ck_assert_int_eq(fs_mm_get_fd(TASK_A, fd, &file), 0);
	uint8_t page[FS0_PAGE_SIZE];
	memset(page, 'Z', sizeof(page));
	ck_assert_int_eq(fs_mm_write_page(file.handle, 1, page), FS0_PAGE_SIZE);
	ck_assert_int_eq(fs_mm_write_page(file.handle, 2, page), 10000 - 2 * FS0_PAGE_SIZE);
	ck_assert_int_eq(fs_mm_write_page(file.handle, 3, page), 0);
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_fstat(TASK_A, fd, &st), 0);
	ck_assert_int_eq(st.size, 10000);
	char buf[10001];
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(slurp("/shared", buf, sizeof(buf)), 10000);
	ck_assert_int_eq(buf[FS0_PAGE_SIZE - 1], 'a' + (FS0_PAGE_SIZE - 1) % 26);
	for (int i = FS0_PAGE_SIZE; i < 10000; i++)
		ck_assert_int_eq(buf[i], 'Z');
	ck_assert_int_eq(fs_mm_release(file.handle), 0);
}
END_TEST

START_TEST(test_mm_handle_keeps_unlinked_file)
{
	int fd = make_patterned_file("/temp");
	struct fs0_mm_file file;
	ck_assert_int_eq(fs_mm_get_fd(TASK_A, fd, &file), 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/temp"), 0);
	uint8_t page[FS0_PAGE_SIZE];
	ck_assert_int_eq(fs_mm_read_page(file.handle, 0, page), FS0_PAGE_SIZE);
	ck_assert_int_eq(page[3], 'd');
	ck_assert_int_eq(fs_mm_release(file.handle), 0);
	assert_only_root_left();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 tasks and mm0");
	TCase *tasks = fs0_tcase("tasks");
	tcase_add_test(tasks, test_fork_shares_open_file_descriptions);
	tcase_add_test(tasks, test_shared_table_is_one_table);
	tcase_add_test(tasks, test_fork_copies_cwd);
	tcase_add_test(tasks, test_exit_closes_everything);
	tcase_add_test(tasks, test_task_request_errors);
	suite_add_tcase(suite, tasks);
	TCase *mm = fs0_tcase("mm0 handles");
	tcase_add_test(mm, test_mm_handle_describes_file);
	tcase_add_test(mm, test_mm_handle_errors);
	tcase_add_test(mm, test_mm_read_pages_and_eof);
	tcase_add_test(mm, test_mm_shared_write_back_reaches_read);
	tcase_add_test(mm, test_mm_handle_keeps_unlinked_file);
	suite_add_tcase(suite, mm);
	return run_suite(suite);
}

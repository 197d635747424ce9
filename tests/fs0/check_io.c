/* check_io.c - fs0 descriptor requests on regular files: open flags, read,
 * write, lseek, sparse files, ftruncate, fstat, dup, dup2 and fd limits. */
#include <stdlib.h>
#include <string.h>
#include "fixture.h"

static int open_rw(const char *path)
{
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, path, FS0_O_RDWR | FS0_O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	return fd;
}

static int64_t seek(int fd, int64_t offset, int whence)
{
	int64_t result = -1;
	ck_assert_int_eq(fs_lseek(TASK_A, fd, offset, whence, &result), 0);
	return result;
}

static int64_t size_of(int fd)
{
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_fstat(TASK_A, fd, &st), 0);
	return st.size;
}

START_TEST(test_open_flag_errors)
{
	make_file("/file", "abc");
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/dir", 0755), 0);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/file", FS0_O_ACCMODE, 0), -FS0_EINVAL);
	/* Bits Linux does not know are ignored, as Linux ignores them. */
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/file", FS0_O_RDONLY | 0x40000000u, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/n", FS0_O_CREAT | FS0_O_DIRECTORY, 0), -FS0_EINVAL);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/file", FS0_O_CREAT | FS0_O_EXCL | FS0_O_RDWR, 0644),
			 -FS0_EEXIST);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/dir", FS0_O_CREAT | FS0_O_EXCL | FS0_O_RDWR, 0644),
			 -FS0_EEXIST);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/dir", FS0_O_WRONLY, 0), -FS0_EISDIR);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/dir", FS0_O_RDONLY | FS0_O_TRUNC, 0), -FS0_EISDIR);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/dir", FS0_O_RDONLY | FS0_O_CREAT, 0644), -FS0_EISDIR);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/file", FS0_O_RDONLY | FS0_O_DIRECTORY, 0), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/file/", FS0_O_RDONLY, 0), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/new/", FS0_O_CREAT | FS0_O_RDWR, 0644), -FS0_EISDIR);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/missing", FS0_O_RDONLY, 0), -FS0_ENOENT);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/missing/x", FS0_O_CREAT | FS0_O_RDWR, 0644),
			 -FS0_ENOENT);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/file/x", FS0_O_CREAT | FS0_O_RDWR, 0644),
			 -FS0_ENOTDIR);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.files, 0);
}
END_TEST

START_TEST(test_open_creat_excl_and_mode)
{
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/fresh", FS0_O_CREAT | FS0_O_EXCL | FS0_O_WRONLY, 0640);
	ck_assert_int_eq(fd, 0);
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_fstat(TASK_A, fd, &st), 0);
	ck_assert_uint_eq(st.mode, FS0_S_IFREG | 0640);
	ck_assert_int_eq(st.size, 0);
	ck_assert_uint_eq(st.nlink, 1);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), -FS0_EBADF);
}
END_TEST

START_TEST(test_open_trunc_empties)
{
	char buf[16];
	make_file("/t", "some content");
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/t", FS0_O_WRONLY | FS0_O_TRUNC, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(size_of(fd), 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(slurp("/t", buf, sizeof(buf)), 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/t"), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(test_append_writes_at_end)
{
	char buf[32];
	make_file("/log", "one,");
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/log", FS0_O_WRONLY | FS0_O_APPEND, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(seek(fd, 0, FS0_SEEK_SET), 0);
	ck_assert_int_eq(fs_write(TASK_A, fd, "two,", 4, NULL), 4);
	ck_assert_int_eq(seek(fd, 0, FS0_SEEK_CUR), 8);
	ck_assert_int_eq(fs_write(TASK_A, fd, "three", 5, NULL), 5);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(slurp("/log", buf, sizeof(buf)), 13);
	ck_assert_str_eq(buf, "one,two,three");
}
END_TEST

START_TEST(test_access_mode_and_bad_fd_errors)
{
	char buf[8];
	make_file("/f", "x");
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/d", 0755), 0);
	int reader = fs_open(TASK_A, FS0_AT_FDCWD, "/f", FS0_O_RDONLY, 0);
	int writer = fs_open(TASK_A, FS0_AT_FDCWD, "/f", FS0_O_WRONLY, 0);
	int dir = fs_open(TASK_A, FS0_AT_FDCWD, "/d", FS0_O_RDONLY, 0);
	ck_assert_int_eq(fs_write(TASK_A, reader, "y", 1, NULL), -FS0_EBADF);
	ck_assert_int_eq(fs_read(TASK_A, writer, buf, 1, NULL), -FS0_EBADF);
	ck_assert_int_eq(fs_read(TASK_A, dir, buf, 1, NULL), -FS0_EISDIR);
	ck_assert_int_eq(fs_write(TASK_A, dir, "y", 1, NULL), -FS0_EBADF);
	int bad_fds[] = { -1, FS0_OPEN_MAX, 40, 1 << 30 };
	for (size_t i = 0; i < sizeof(bad_fds) / sizeof(bad_fds[0]); i++) {
		int64_t off;
		struct fs0_stat_info st;
		ck_assert_int_eq(fs_read(TASK_A, bad_fds[i], buf, 1, NULL), -FS0_EBADF);
		ck_assert_int_eq(fs_write(TASK_A, bad_fds[i], buf, 1, NULL), -FS0_EBADF);
		ck_assert_int_eq(fs_lseek(TASK_A, bad_fds[i], 0, FS0_SEEK_SET, &off), -FS0_EBADF);
		ck_assert_int_eq(fs_fstat(TASK_A, bad_fds[i], &st), -FS0_EBADF);
		ck_assert_int_eq(fs_ftruncate(TASK_A, bad_fds[i], 0), -FS0_EBADF);
		ck_assert_int_eq(fs_close(TASK_A, bad_fds[i]), -FS0_EBADF);
		ck_assert_int_eq(fs_dup(TASK_A, bad_fds[i]), -FS0_EBADF);
		ck_assert_int_eq(fs_dup2(TASK_A, bad_fds[i], 5), -FS0_EBADF);
	}
}
END_TEST

START_TEST(test_read_write_lseek)
{
	char buf[16] = { 0 };
	int fd = open_rw("/rw");
	ck_assert_int_eq(fs_write(TASK_A, fd, "0123456789", 10, NULL), 10);
	ck_assert_int_eq(fs_read(TASK_A, fd, buf, sizeof(buf), NULL), 0);
	ck_assert_int_eq(seek(fd, 3, FS0_SEEK_SET), 3);
	ck_assert_int_eq(fs_read(TASK_A, fd, buf, 4, NULL), 4);
	ck_assert_str_eq(buf, "3456");
	ck_assert_int_eq(seek(fd, -2, FS0_SEEK_CUR), 5);
	ck_assert_int_eq(seek(fd, -1, FS0_SEEK_END), 9);
	ck_assert_int_eq(fs_read(TASK_A, fd, buf, sizeof(buf), NULL), 1);
	ck_assert_int_eq(buf[0], '9');
	int64_t off = 77;
	ck_assert_int_eq(fs_lseek(TASK_A, fd, -11, FS0_SEEK_END, &off), -FS0_EINVAL);
	ck_assert_int_eq(fs_lseek(TASK_A, fd, 0, 3, &off), -FS0_EINVAL);
	ck_assert_int_eq(fs_lseek(TASK_A, fd, INT64_MAX, FS0_SEEK_END, &off), -FS0_EINVAL);
	ck_assert_int_eq(off, 77);
	ck_assert_int_eq(seek(fd, 0, FS0_SEEK_CUR), 10);
	ck_assert_int_eq(fs_write(TASK_A, fd, buf, 0, NULL), 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
}
END_TEST

START_TEST(test_sparse_write_reads_zeros)
{
	enum { HOLE = 3 * FS0_PAGE_SIZE + 100 };
	int fd = open_rw("/sparse");
	ck_assert_int_eq(seek(fd, HOLE, FS0_SEEK_SET), HOLE);
	ck_assert_int_eq(fs_write(TASK_A, fd, "end", 3, NULL), 3);
	ck_assert_int_eq(size_of(fd), HOLE + 3);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.data_bytes, FS0_PAGE_SIZE);
	char *buf = malloc(HOLE + 3);
	ck_assert_int_eq(seek(fd, 0, FS0_SEEK_SET), 0);
	ck_assert_int_eq(fs_read(TASK_A, fd, buf, HOLE + 3, NULL), HOLE + 3);
	for (int i = 0; i < HOLE; i++)
		ck_assert_msg(buf[i] == 0, "byte %d of the hole is %d", i, buf[i]);
	ck_assert_int_eq(memcmp(buf + HOLE, "end", 3), 0);
	free(buf);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/sparse"), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(test_file_size_limit)
{
	int fd = open_rw("/big");
	ck_assert_int_eq(seek(fd, FS0_FILE_SIZE_MAX, FS0_SEEK_SET), FS0_FILE_SIZE_MAX);
	ck_assert_int_eq(fs_write(TASK_A, fd, "x", 1, NULL), -FS0_EFBIG);
	ck_assert_int_eq(fs_ftruncate(TASK_A, fd, FS0_FILE_SIZE_MAX + 1), -FS0_EFBIG);
	ck_assert_int_eq(seek(fd, FS0_FILE_SIZE_MAX - 2, FS0_SEEK_SET), FS0_FILE_SIZE_MAX - 2);
	ck_assert_int_eq(fs_write(TASK_A, fd, "xyz", 3, NULL), 2);
	ck_assert_int_eq(size_of(fd), FS0_FILE_SIZE_MAX);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/big"), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(test_ftruncate_shrink_and_grow)
{
	char page[2 * FS0_PAGE_SIZE];
	memset(page, 'a', sizeof(page));
	int fd = open_rw("/trunc");
	ck_assert_int_eq(fs_write(TASK_A, fd, page, sizeof(page), NULL), (long)sizeof(page));
	ck_assert_int_eq(fs_ftruncate(TASK_A, fd, 10), 0);
	ck_assert_int_eq(size_of(fd), 10);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.data_bytes, FS0_PAGE_SIZE);
	ck_assert_int_eq(fs_ftruncate(TASK_A, fd, sizeof(page)), 0);
	ck_assert_int_eq(size_of(fd), (int64_t)sizeof(page));
	ck_assert_int_eq(seek(fd, 0, FS0_SEEK_SET), 0);
	ck_assert_int_eq(fs_read(TASK_A, fd, page, sizeof(page), NULL), (long)sizeof(page));
	for (size_t i = 0; i < sizeof(page); i++)
		ck_assert_int_eq(page[i], i < 10 ? 'a' : 0);
	ck_assert_int_eq(fs_ftruncate(TASK_A, fd, -1), -FS0_EINVAL);
	ck_assert_int_eq(fs_ftruncate(TASK_A, fd, 0), 0);
	fs_stats(&stats);
	ck_assert_uint_eq(stats.data_bytes, 0);
	int reader = fs_open(TASK_A, FS0_AT_FDCWD, "/trunc", FS0_O_RDONLY, 0);
	ck_assert_int_eq(fs_ftruncate(TASK_A, reader, 0), -FS0_EINVAL);
	int dir = fs_open(TASK_A, FS0_AT_FDCWD, "/", FS0_O_RDONLY, 0);
	ck_assert_int_eq(fs_ftruncate(TASK_A, dir, 0), -FS0_EINVAL);
}
END_TEST

START_TEST(test_large_transfer_in_one_call)
{
	enum { SIZE = 1 << 20 };
	uint8_t *out = malloc(SIZE), *in = malloc(SIZE);
	for (int i = 0; i < SIZE; i++)
		out[i] = (uint8_t)(i * 7 + (i >> 12));
	int fd = open_rw("/mib");
	ck_assert_int_eq(fs_write(TASK_A, fd, out, SIZE, NULL), SIZE);
	ck_assert_int_eq(seek(fd, 0, FS0_SEEK_SET), 0);
	ck_assert_int_eq(fs_read(TASK_A, fd, in, SIZE, NULL), SIZE);
	ck_assert_int_eq(memcmp(in, out, SIZE), 0);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.data_bytes, SIZE);
	free(in);
	free(out);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
}
END_TEST

/* At the space limit a write stores what fits, the next gets ENOSPC, and
 * nothing already written is lost; deleting a file makes room again. */
START_TEST(test_full_file_system_enospc)
{
	char data[3 * FS0_PAGE_SIZE], back[3 * FS0_PAGE_SIZE];
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)(i % 251);
	fs_set_space_limit(4 * FS0_PAGE_SIZE);
	int fd = open_rw("/full");
	ck_assert_int_eq(fs_write(TASK_A, fd, data, sizeof(data), NULL), (long)sizeof(data));
	ck_assert_int_eq(fs_write(TASK_A, fd, data, sizeof(data), NULL), FS0_PAGE_SIZE);
	ck_assert_int_eq(fs_write(TASK_A, fd, data, sizeof(data), NULL), -FS0_ENOSPC);
	ck_assert_int_eq(size_of(fd), 4 * FS0_PAGE_SIZE);
	int other = open_rw("/other");
	ck_assert_int_eq(fs_write(TASK_A, other, "x", 1, NULL), -FS0_ENOSPC);
	ck_assert_int_eq(size_of(other), 0);
	ck_assert_int_eq(seek(fd, 0, FS0_SEEK_SET), 0);
	ck_assert_int_eq(fs_read(TASK_A, fd, back, sizeof(back), NULL), (long)sizeof(back));
	ck_assert_int_eq(memcmp(back, data, sizeof(data)), 0);
	ck_assert_int_eq(fs_read(TASK_A, fd, back, sizeof(back), NULL), FS0_PAGE_SIZE);
	ck_assert_int_eq(memcmp(back, data, FS0_PAGE_SIZE), 0);
	/* Rewriting pages the file has already costs no space. */
	ck_assert_int_eq(seek(fd, 0, FS0_SEEK_SET), 0);
	ck_assert_int_eq(fs_write(TASK_A, fd, data, sizeof(data), NULL), (long)sizeof(data));
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/full"), 0);
	ck_assert_int_eq(fs_write(TASK_A, other, data, sizeof(data), NULL), (long)sizeof(data));
	ck_assert_int_eq(fs_close(TASK_A, other), 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/other"), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(test_dup_shares_offset)
{
	char buf[8] = { 0 };
	int fd = open_rw("/dup");
	int copy = fs_dup(TASK_A, fd);
	ck_assert_int_eq(copy, fd + 1);
	ck_assert_int_eq(fs_write(TASK_A, fd, "abc", 3, NULL), 3);
	ck_assert_int_eq(seek(copy, 0, FS0_SEEK_CUR), 3);
	ck_assert_int_eq(fs_write(TASK_A, copy, "def", 3, NULL), 3);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(seek(copy, 1, FS0_SEEK_SET), 1);
	ck_assert_int_eq(fs_read(TASK_A, copy, buf, 4, NULL), 4);
	ck_assert_str_eq(buf, "bcde");
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.files, 1);
	ck_assert_uint_eq(stats.descriptors, 1);
	ck_assert_int_eq(fs_close(TASK_A, copy), 0);
}
END_TEST

START_TEST(test_dup2_replaces_and_shares)
{
	make_file("/first", "1111");
	make_file("/second", "2222");
	int first = fs_open(TASK_A, FS0_AT_FDCWD, "/first", FS0_O_RDONLY, 0);
	int second = fs_open(TASK_A, FS0_AT_FDCWD, "/second", FS0_O_RDONLY, 0);
	ck_assert_int_eq(fs_dup2(TASK_A, first, first), first);
	ck_assert_int_eq(fs_dup2(TASK_A, first, second), second);
	char buf[4];
	ck_assert_int_eq(fs_read(TASK_A, second, buf, 2, NULL), 2);
	ck_assert_int_eq(seek(first, 0, FS0_SEEK_CUR), 2);
	ck_assert_int_eq(buf[0], '1');
	ck_assert_int_eq(fs_dup2(TASK_A, first, 63), 63);
	ck_assert_int_eq(fs_dup2(TASK_A, first, FS0_OPEN_MAX), -FS0_EBADF);
	ck_assert_int_eq(fs_dup2(TASK_A, first, -1), -FS0_EBADF);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.files, 1);
	ck_assert_uint_eq(stats.descriptors, 3);
}
END_TEST

START_TEST(test_descriptor_limit)
{
	make_file("/f", "x");
	for (int i = 0; i < FS0_OPEN_MAX; i++)
		ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/f", FS0_O_RDONLY, 0), i);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/f", FS0_O_RDONLY, 0), -FS0_EMFILE);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/g", FS0_O_CREAT | FS0_O_RDWR, 0644), -FS0_EMFILE);
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/g", 0, &st), -FS0_ENOENT);
	ck_assert_int_eq(fs_dup(TASK_A, 0), -FS0_EMFILE);
	int fds[2];
	ck_assert_int_eq(fs_pipe(TASK_A, 0, fds), -FS0_EMFILE);
	ck_assert_int_eq(fs_close(TASK_A, 10), 0);
	ck_assert_int_eq(fs_pipe(TASK_A, 0, fds), -FS0_EMFILE);
	ck_assert_int_eq(fs_dup(TASK_A, 0), 10);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.descriptors, FS0_OPEN_MAX);
	ck_assert_uint_eq(stats.files, FS0_OPEN_MAX - 1);
	ck_assert_uint_eq(stats.pipes, 0);
}
END_TEST

START_TEST(test_written_data_survives_close)
{
	char buf[64];
	for (int round = 0; round < 3; round++) {
		int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/keep", FS0_O_WRONLY | FS0_O_CREAT | FS0_O_APPEND, 0644);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(fs_write(TASK_A, fd, "round;", 6, NULL), 6);
		ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	}
	ck_assert_int_eq(slurp("/keep", buf, sizeof(buf)), 18);
	ck_assert_str_eq(buf, "round;round;round;");
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 file I/O");
	TCase *open = fs0_tcase("open");
	tcase_add_test(open, test_open_flag_errors);
	tcase_add_test(open, test_open_creat_excl_and_mode);
	tcase_add_test(open, test_open_trunc_empties);
	tcase_add_test(open, test_append_writes_at_end);
	tcase_add_test(open, test_access_mode_and_bad_fd_errors);
	tcase_add_test(open, test_descriptor_limit);
	suite_add_tcase(suite, open);
	TCase *data = fs0_tcase("data");
	tcase_add_test(data, test_read_write_lseek);
	tcase_add_test(data, test_sparse_write_reads_zeros);
	tcase_add_test(data, test_file_size_limit);
	tcase_add_test(data, test_ftruncate_shrink_and_grow);
	tcase_add_test(data, test_large_transfer_in_one_call);
	tcase_add_test(data, test_written_data_survives_close);
	tcase_add_test(data, test_full_file_system_enospc);
	suite_add_tcase(suite, data);
	TCase *dup = fs0_tcase("dup");
	tcase_add_test(dup, test_dup_shares_offset);
	tcase_add_test(dup, test_dup2_replaces_and_shares);
	suite_add_tcase(suite, dup);
	return run_suite(suite);
}

/* check_at_offset.c - fs0's pread and pwrite: bytes at the offset a request
 * names with the open file's offset unmoved, O_APPEND, holes, the ends of a
 * file, access modes, and what has no offset (pipes, terminals, directories). */
#include <string.h>
#include "fixture.h"

static int open_file(const char *path, uint32_t flags)
{
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, path, flags | FS0_O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	return fd;
}

static int64_t offset_of(int fd)
{
	int64_t offset = -1;
	ck_assert_int_eq(fs_lseek(TASK_A, fd, 0, FS0_SEEK_CUR, &offset), 0);
	return offset;
}

START_TEST(test_pread_pwrite_leave_the_offset)
{
	char buf[16] = { 0 };
	int fd = open_file("/f", FS0_O_RDWR);
	ck_assert_int_eq(fs_write(TASK_A, fd, "0123456789", 10, NULL), 10);
	ck_assert_int_eq(fs_pread(TASK_A, fd, buf, 4, 3), 4);
	ck_assert_mem_eq(buf, "3456", 4);
	ck_assert_int_eq(fs_pwrite(TASK_A, fd, "ab", 2, 8), 2);
	ck_assert_int_eq(offset_of(fd), 10);
	/* Short at the end, nothing past it. */
	ck_assert_int_eq(fs_pread(TASK_A, fd, buf, sizeof(buf), 6), 4);
	ck_assert_mem_eq(buf, "67ab", 4);
	ck_assert_int_eq(fs_pread(TASK_A, fd, buf, sizeof(buf), 10), 0);
	ck_assert_int_eq(fs_pread(TASK_A, fd, buf, sizeof(buf), 1000), 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
}
END_TEST

START_TEST(test_pwrite_past_the_end_leaves_a_hole)
{
	char buf[8];
	int fd = open_file("/f", FS0_O_RDWR);
	ck_assert_int_eq(fs_pwrite(TASK_A, fd, "xy", 2, 5000), 2);
	ck_assert_int_eq(offset_of(fd), 0);
	ck_assert_int_eq(fs_pread(TASK_A, fd, buf, sizeof(buf), 4996), 6);
	ck_assert_mem_eq(buf, "\0\0\0\0xy", 6);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
}
END_TEST

/* As Linux: pwrite on an O_APPEND file appends, whatever the offset. */
START_TEST(test_pwrite_with_append_writes_at_the_end)
{
	char buf[8] = { 0 };
	int fd = open_file("/f", FS0_O_RDWR | FS0_O_APPEND);
	ck_assert_int_eq(fs_write(TASK_A, fd, "abc", 3, NULL), 3);
	ck_assert_int_eq(fs_pwrite(TASK_A, fd, "de", 2, 0), 2);
	ck_assert_int_eq(fs_pread(TASK_A, fd, buf, sizeof(buf), 0), 5);
	ck_assert_mem_eq(buf, "abcde", 5);
	ck_assert_int_eq(offset_of(fd), 3);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
}
END_TEST

/* Large transfers cross pages at offsets that are not page- or word-aligned. */
START_TEST(test_unaligned_transfer_across_pages)
{
	enum { BYTES = 3 * 4096 + 100, AT = 4093 };
	static char out[BYTES], in[BYTES];
	for (int i = 0; i < BYTES; i++)
		out[i] = (char)(i * 13 + 1);
	int fd = open_file("/f", FS0_O_RDWR);
	ck_assert_int_eq(fs_pwrite(TASK_A, fd, out + 1, BYTES - 1, AT), BYTES - 1);
	ck_assert_int_eq(fs_pread(TASK_A, fd, in + 3, BYTES - 3, AT + 2), BYTES - 3);
	ck_assert_mem_eq(in + 3, out + 3, BYTES - 3);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
}
END_TEST

START_TEST(test_access_and_offset_errors)
{
	char buf[4];
	make_file("/f", "abcd");
	int reader = fs_open(TASK_A, FS0_AT_FDCWD, "/f", FS0_O_RDONLY, 0);
	int writer = fs_open(TASK_A, FS0_AT_FDCWD, "/f", FS0_O_WRONLY, 0);
	ck_assert_int_ge(reader, 0);
	ck_assert_int_ge(writer, 0);
	ck_assert_int_eq(fs_pwrite(TASK_A, reader, "x", 1, 0), -FS0_EBADF);
	ck_assert_int_eq(fs_pread(TASK_A, writer, buf, sizeof(buf), 0), -FS0_EBADF);
	ck_assert_int_eq(fs_pread(TASK_A, reader, buf, sizeof(buf), -1), -FS0_EINVAL);
	ck_assert_int_eq(fs_pwrite(TASK_A, writer, "x", 1, -1), -FS0_EINVAL);
	ck_assert_int_eq(fs_pread(TASK_A, 40, buf, sizeof(buf), 0), -FS0_EBADF);
	ck_assert_int_eq(fs_pread(TASK_UNKNOWN, reader, buf, sizeof(buf), 0), -FS0_ESRCH);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/d", 0755), 0);
	int dir = fs_open(TASK_A, FS0_AT_FDCWD, "/d", FS0_O_RDONLY, 0);
	ck_assert_int_ge(dir, 0);
	ck_assert_int_eq(fs_pread(TASK_A, dir, buf, sizeof(buf), 0), -FS0_EISDIR);
	ck_assert_int_eq(fs_close(TASK_A, dir), 0);
	ck_assert_int_eq(fs_close(TASK_A, reader), 0);
	ck_assert_int_eq(fs_close(TASK_A, writer), 0);
}
END_TEST

START_TEST(test_pipes_and_terminals_have_no_offset)
{
	char buf[4];
	int fds[2];
	ck_assert_int_eq(fs_pipe(TASK_A, 0, fds), 0);
	ck_assert_int_eq(fs_pwrite(TASK_A, fds[1], "x", 1, 0), -FS0_ESPIPE);
	ck_assert_int_eq(fs_pread(TASK_A, fds[0], buf, sizeof(buf), 0), -FS0_ESPIPE);
	ck_assert_int_eq(fs_close(TASK_A, fds[0]), 0);
	ck_assert_int_eq(fs_close(TASK_A, fds[1]), 0);
	ck_assert_int_eq(fs_make_devices(), 0);
	int tty = fs_open(TASK_A, FS0_AT_FDCWD, "/dev/tty", FS0_O_RDWR, 0);
	ck_assert_int_ge(tty, 0);
	ck_assert_int_eq(fs_pread(TASK_A, tty, buf, sizeof(buf), 0), -FS0_ESPIPE);
	ck_assert_int_eq(fs_pwrite(TASK_A, tty, "x", 1, 0), -FS0_ESPIPE);
	/* Other devices ignore the offset, as their read and write do. */
	int zero = fs_open(TASK_A, FS0_AT_FDCWD, "/dev/zero", FS0_O_RDWR, 0);
	ck_assert_int_ge(zero, 0);
	memset(buf, 1, sizeof(buf));
	ck_assert_int_eq(fs_pread(TASK_A, zero, buf, sizeof(buf), 12345), (long)sizeof(buf));
	ck_assert_mem_eq(buf, "\0\0\0\0", 4);
	ck_assert_int_eq(fs_pwrite(TASK_A, zero, "abc", 3, 7), 3);
	ck_assert_int_eq(fs_close(TASK_A, zero), 0);
	ck_assert_int_eq(fs_close(TASK_A, tty), 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 pread and pwrite");
	TCase *tc = fs0_tcase("at offset");
	tcase_add_test(tc, test_pread_pwrite_leave_the_offset);
	tcase_add_test(tc, test_pwrite_past_the_end_leaves_a_hole);
	tcase_add_test(tc, test_pwrite_with_append_writes_at_the_end);
	tcase_add_test(tc, test_unaligned_transfer_across_pages);
	tcase_add_test(tc, test_access_and_offset_errors);
	tcase_add_test(tc, test_pipes_and_terminals_have_no_offset);
	suite_add_tcase(suite, tc);
	return run_suite(suite);
}

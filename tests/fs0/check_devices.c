/* check_devices.c - fs0's /dev: the nodes fs_make_devices makes, their
 * bytes, the terminal a parentless task starts with on 0-2 (and a child
 * inherits), fs_device's answers, and the ChaCha20 block against RFC 8439's
 * test vector. */
#include <string.h>
#include "chacha20.h"
#include "fixture.h"

static void devices_setup(void)
{
	fs0_setup();
	ck_assert_int_eq(fs_make_devices(), 0);
}

static int open_device(const char *path, uint32_t flags)
{
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, path, flags, 0);
	ck_assert_msg(fd >= 0, "opening %s gave %d", path, fd);
	return fd;
}

START_TEST(test_nodes_are_character_devices)
{
	const char *names[] = { "/dev/null", "/dev/zero", "/dev/random", "/dev/urandom",
				"/dev/console", "/dev/tty" };
	const int devices[] = { FS0_DEV_NULL, FS0_DEV_ZERO, FS0_DEV_RANDOM, FS0_DEV_URANDOM,
				FS0_DEV_CONSOLE, FS0_DEV_TTY };
	for (int i = 0; i < 6; i++) {
		struct fs0_stat_info st;
		ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, names[i], 0, &st), 0);
		ck_assert(FS0_S_ISCHR(st.mode));
		int fd = open_device(names[i], FS0_O_RDWR);
		ck_assert_int_eq(fs_device(TASK_A, fd), devices[i]);
		ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	}
	ck_assert_int_eq(fs_make_devices(), -FS0_EEXIST);
}
END_TEST

START_TEST(test_null_and_zero)
{
	char buf[16];
	int null = open_device("/dev/null", FS0_O_RDWR | FS0_O_TRUNC);
	int zero = open_device("/dev/zero", FS0_O_RDONLY);
	ck_assert_int_eq(fs_write(TASK_A, null, "gone", 4, NULL), 4);
	ck_assert_int_eq(fs_read(TASK_A, null, buf, sizeof(buf), NULL), 0);
	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(fs_read(TASK_A, zero, buf, sizeof(buf), NULL), (long)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		ck_assert_int_eq(buf[i], 0);
	int64_t offset;
	ck_assert_int_eq(fs_lseek(TASK_A, null, 0, FS0_SEEK_SET, &offset), 0);
	ck_assert_int_eq(fs_ftruncate(TASK_A, null, 0), -FS0_EINVAL);
}
END_TEST

START_TEST(test_random_bytes_change_and_stirring_changes_them)
{
	uint8_t first[64], second[64];
	int fd = open_device("/dev/urandom", FS0_O_RDWR);
	ck_assert_int_eq(fs_read(TASK_A, fd, first, sizeof(first), NULL), 64);
	ck_assert_int_eq(fs_read(TASK_A, fd, second, sizeof(second), NULL), 64);
	ck_assert(memcmp(first, second, sizeof(first)) != 0);
	ck_assert_int_eq(fs_write(TASK_A, fd, "more", 4, NULL), 4);
	fs_add_entropy("seed", 4);
	ck_assert_int_eq(fs_read(TASK_A, fd, first, sizeof(first), NULL), 64);
	ck_assert(memcmp(first, second, sizeof(first)) != 0);
}
END_TEST

START_TEST(test_terminal_bytes_are_not_fs0s)
{
	char buf[4];
	int64_t offset;
	int fd = open_device("/dev/tty", FS0_O_RDWR);
	ck_assert_int_eq(fs_read(TASK_A, fd, buf, sizeof(buf), NULL), -FS0_ENXIO);
	ck_assert_int_eq(fs_write(TASK_A, fd, "x", 1, NULL), -FS0_ENXIO);
	ck_assert_int_eq(fs_lseek(TASK_A, fd, 0, FS0_SEEK_SET, &offset), -FS0_ESPIPE);
}
END_TEST

START_TEST(test_fresh_task_starts_on_the_console)
{
	ck_assert_int_eq(fs_task_fork(FS0_TASK_NONE, TASK_B, false), 0);
	for (int fd = 0; fd < 3; fd++)
		ck_assert_int_eq(fs_device(TASK_B, fd), FS0_DEV_CONSOLE);
	ck_assert_int_eq(fs_fcntl(TASK_B, 0, FS0_F_GETFL, 0), FS0_O_RDWR);
	ck_assert_int_eq(fs_device(TASK_B, 3), -FS0_EBADF);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.files, 1);	/* one open file description for all three */
	ck_assert_int_eq(fs_task_fork(TASK_B, TASK_C, false), 0);
	ck_assert_int_eq(fs_device(TASK_C, 2), FS0_DEV_CONSOLE);
	ck_assert_int_eq(fs_close(TASK_C, 1), 0);
	ck_assert_int_eq(fs_device(TASK_C, 1), -FS0_EBADF);
	ck_assert_int_eq(fs_device(TASK_B, 1), FS0_DEV_CONSOLE);
	ck_assert_int_eq(fs_task_exit(TASK_C), 0);
	ck_assert_int_eq(fs_task_exit(TASK_B), 0);
	/* TASK_A came before /dev: it has nothing open. */
	ck_assert_int_eq(fs_device(TASK_A, 0), -FS0_EBADF);
	ck_assert_int_eq(fs_device(TASK_UNKNOWN, 0), -FS0_ESRCH);
}
END_TEST

START_TEST(test_files_and_pipes_are_no_device)
{
	int fds[2];
	make_file("/plain", "text");
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/plain", FS0_O_RDONLY, 0);
	ck_assert_int_eq(fs_device(TASK_A, fd), FS0_DEV_NONE);
	ck_assert_int_eq(fs_pipe(TASK_A, 0, fds), 0);
	ck_assert_int_eq(fs_device(TASK_A, fds[1]), FS0_DEV_NONE);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/plain"), 0);
}
END_TEST

/* RFC 8439, 2.3.2: key 00..1f, nonce 00 00 00 09 00 00 00 4a 00 00 00 00, counter 1. */
START_TEST(test_chacha20_block_matches_rfc8439)
{
	static const uint8_t expected[CHACHA20_BLOCK_BYTES] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20,
		0x71, 0xc4, 0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03, 0x04, 0x22, 0xaa, 0x9a,
		0xc3, 0xd4, 0x6c, 0x4e, 0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09, 0x14, 0xc2,
		0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2, 0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9,
		0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
	};
	uint8_t key[CHACHA20_KEY_BYTES], out[CHACHA20_BLOCK_BYTES];
	const uint8_t nonce[CHACHA20_NONCE_BYTES] = { 0, 0, 0, 0x09, 0, 0, 0, 0x4a, 0, 0, 0, 0 };
	for (int i = 0; i < CHACHA20_KEY_BYTES; i++)
		key[i] = (uint8_t)i;
	chacha20_block(key, 1, nonce, out);
	ck_assert_mem_eq(out, expected, sizeof(expected));
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 devices");
	TCase *tc = tcase_create("devices");
	tcase_add_checked_fixture(tc, devices_setup, fs0_teardown);
	tcase_add_test(tc, test_nodes_are_character_devices);
	tcase_add_test(tc, test_null_and_zero);
	tcase_add_test(tc, test_random_bytes_change_and_stirring_changes_them);
	tcase_add_test(tc, test_terminal_bytes_are_not_fs0s);
	tcase_add_test(tc, test_fresh_task_starts_on_the_console);
	tcase_add_test(tc, test_files_and_pipes_are_no_device);
	tcase_add_test(tc, test_chacha20_block_matches_rfc8439);
	suite_add_tcase(suite, tc);
	return run_suite(suite);
}

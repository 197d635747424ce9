/* check_proto_small_io.c - read_small and write_small through the generated
 * stubs and dispatch: the bytes in the messages, a read cut to the bound,
 * and pipe requests that wait and are answered later with their bytes. */
#include <string.h>
#include "proto_fixture.h"

static int32_t pipe_fds[2];

START_TEST(small_requests_carry_their_bytes)
{
	uint8_t got[FS0_SMALL_IO_MAX] = { 0 };
	uint32_t len = 0;
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, pipe_fds), 0);
	ck_assert_int_eq(fs0_write_small(FS0_TID, pipe_fds[1], "abcdefgh", 8), 8);
	ck_assert_int_eq(fs0_write_small(FS0_TID, pipe_fds[1], "ij", 2), 2);
	/* More than the bound is cut to it: a short read. */
	ck_assert_int_eq(fs0_read_small(FS0_TID, pipe_fds[0], 100, got, &len), 8);
	ck_assert_uint_eq(len, 8);
	ck_assert_mem_eq(got, "abcdefgh", 8);
	ck_assert_int_eq(fs0_read_small(FS0_TID, pipe_fds[0], 8, got, &len), 2);
	ck_assert_uint_eq(len, 2);
	ck_assert_mem_eq(got, "ij", 2);
	ck_assert_int_eq(fs0_write_small(FS0_TID, pipe_fds[0], "x", 1), -FS0_EBADF);
	ck_assert_int_eq(fs0_close(FS0_TID, pipe_fds[1]), 0);
	ck_assert_int_eq(fs0_read_small(FS0_TID, pipe_fds[0], 1, got, &len), 0);
	ck_assert_int_eq(fs0_close(FS0_TID, pipe_fds[0]), 0);
}
END_TEST

START_TEST(small_requests_reach_files)
{
	uint8_t got[FS0_SMALL_IO_MAX];
	uint32_t len = 0;
	int fd = c_open("/small", FS0_O_RDWR | FS0_O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fs0_write_small(FS0_TID, fd, "12345", 5), 5);
	int64_t pos = -1;
	ck_assert_int_eq(fs0_lseek(FS0_TID, fd, 1, FS0_SEEK_SET, &pos), 0);
	ck_assert_int_eq(fs0_read_small(FS0_TID, fd, 3, got, &len), 3);
	ck_assert_mem_eq(got, "234", 3);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

/* Every length from 0 to the bound, each byte in its place: the stubs'
 * switch on the length, the dispatch's copy of the bound and the reply's
 * bytes. A read writes only the bytes it got into the caller's buffer. */
START_TEST(every_small_length_round_trips)
{
	static const uint8_t pattern[FS0_SMALL_IO_MAX] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };
	int fd = c_open("/lengths", FS0_O_RDWR | FS0_O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	for (uint32_t n = 0; n <= FS0_SMALL_IO_MAX; n++) {
		uint8_t got[FS0_SMALL_IO_MAX];
		uint32_t len = 99;
		int64_t pos = -1;
		memset(got, 0xee, sizeof(got));
		ck_assert_int_eq(fs0_lseek(FS0_TID, fd, 0, FS0_SEEK_SET, &pos), 0);
		ck_assert_int_eq(fs0_write_small(FS0_TID, fd, pattern + FS0_SMALL_IO_MAX - n, n), (int)n);
		ck_assert_int_eq(fs0_lseek(FS0_TID, fd, 0, FS0_SEEK_SET, &pos), 0);
		ck_assert_int_eq(fs0_read_small(FS0_TID, fd, n, got, &len), (int)n);
		ck_assert_uint_eq(len, n);
		if (n)
			ck_assert_mem_eq(got, pattern + FS0_SMALL_IO_MAX - n, n);
		for (uint32_t i = n; i < FS0_SMALL_IO_MAX; i++)
			ck_assert_uint_eq(got[i], 0xee);
	}
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

static void b_writes_small(void *arg)
{
	(void)arg;
	act_as(CLIENT_B);
	ck_assert_int_eq(fs0_write_small(FS0_TID, pipe_fds[1], "late", 4), 4);
	act_as(CLIENT_A);
}

/* The waiting read's bytes were put into its kept record, and its reply carries them. */
START_TEST(waiting_small_read_gets_the_bytes_later)
{
	uint8_t got[FS0_SMALL_IO_MAX] = { 0 };
	uint32_t len = 0;
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, pipe_fds), 0);
	introduce(CLIENT_A, CLIENT_B, false);
	idlrt_loopback_on_block(b_writes_small, NULL);
	ck_assert_int_eq(fs0_read_small(FS0_TID, pipe_fds[0], 8, got, &len), 4);
	ck_assert_uint_eq(len, 4);
	ck_assert_mem_eq(got, "late", 4);
	ck_assert_uint_eq(idlrt_loopback_deferred_count(), 1);
}
END_TEST

static uint8_t drained[FS0_PIPE_BUF + FS0_SMALL_IO_MAX];

static void b_drains_the_pipe(void *arg)
{
	(void)arg;
	uint32_t len = FS0_PIPE_BUF;
	act_as(CLIENT_B);
	ck_assert_int_eq(fs0_read(FS0_TID, pipe_fds[0], drained, &len), FS0_PIPE_BUF);
	act_as(CLIENT_A);
}

/* The waiting write's bytes went with its kept record: they come out after the ring's. */
START_TEST(waiting_small_write_keeps_its_bytes)
{
	static uint8_t full[FS0_PIPE_BUF];
	uint32_t len = 0;
	memset(full, 'f', sizeof(full));
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, pipe_fds), 0);
	introduce(CLIENT_A, CLIENT_B, false);
	ck_assert_int_eq(fs0_write(FS0_TID, pipe_fds[1], full, sizeof(full)), FS0_PIPE_BUF);
	idlrt_loopback_on_block(b_drains_the_pipe, NULL);
	ck_assert_int_eq(fs0_write_small(FS0_TID, pipe_fds[1], "tail!", 5), 5);
	ck_assert_mem_eq(drained, full, FS0_PIPE_BUF);
	ck_assert_int_eq(fs0_read_small(FS0_TID, pipe_fds[0], 8, drained + FS0_PIPE_BUF, &len), 5);
	ck_assert_mem_eq(drained + FS0_PIPE_BUF, "tail!", 5);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 protocol: small reads and writes");
	TCase *small = proto_tcase("small");
	tcase_add_test(small, small_requests_carry_their_bytes);
	tcase_add_test(small, small_requests_reach_files);
	tcase_add_test(small, every_small_length_round_trips);
	tcase_add_test(small, waiting_small_read_gets_the_bytes_later);
	tcase_add_test(small, waiting_small_write_keeps_its_bytes);
	suite_add_tcase(suite, small);
	return run_proto_suite(suite);
}

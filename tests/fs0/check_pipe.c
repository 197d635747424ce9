/* check_pipe.c - fs0 pipes: data, EOF, EPIPE, requests that block and are
 * completed later through the reply callback, and cancellation. */
#include <string.h>
#include "fixture.h"

static int token_read, token_write, token_second;

static void make_pipe(int fds[2])
{
	ck_assert_int_eq(fs_pipe(TASK_A, 0, fds), 0);
}

static void fill_pipe(int write_fd)
{
	char full[FS0_PIPE_BUF];
	memset(full, 'f', sizeof(full));
	ck_assert_int_eq(fs_write(TASK_A, write_fd, full, sizeof(full), &token_write),
			 FS0_PIPE_BUF);
}

static uint32_t pending(void)
{
	struct fs0_stats stats;
	fs_stats(&stats);
	return stats.pending;
}

START_TEST(test_pipe_passes_data)
{
	int fds[2];
	char buf[8] = { 0 };
	make_pipe(fds);
	ck_assert_int_eq(fds[0], 0);
	ck_assert_int_eq(fds[1], 1);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], "hello", 5, &token_write), 5);
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_fstat(TASK_A, fds[0], &st), 0);
	ck_assert(FS0_S_ISFIFO(st.mode));
	ck_assert_int_eq(st.size, 5);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], buf, 3, &token_read), 3);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], buf + 3, 8, &token_read), 2);
	ck_assert_str_eq(buf, "hello");
	ck_assert_int_eq(fs_read(TASK_A, fds[0], buf, 0, &token_read), 0);
	ck_assert_int_eq(completion_count, 0);
}
END_TEST

START_TEST(test_pipe_wraps_around_the_ring)
{
	int fds[2];
	char out[3000], in[3000];
	make_pipe(fds);
	for (int round = 0; round < 10; round++) {
		for (size_t i = 0; i < sizeof(out); i++)
			out[i] = (char)(round * 31 + i);
		ck_assert_int_eq(fs_write(TASK_A, fds[1], out, sizeof(out), NULL), (long)sizeof(out));
		ck_assert_int_eq(fs_read(TASK_A, fds[0], in, sizeof(in), NULL), (long)sizeof(in));
		ck_assert_int_eq(memcmp(in, out, sizeof(in)), 0);
	}
}
END_TEST

START_TEST(test_pipe_end_errors)
{
	int fds[2];
	char buf[4];
	int64_t offset;
	make_pipe(fds);
	ck_assert_int_eq(fs_read(TASK_A, fds[1], buf, 1, &token_read), -FS0_EBADF);
	ck_assert_int_eq(fs_write(TASK_A, fds[0], "x", 1, &token_write), -FS0_EBADF);
	ck_assert_int_eq(fs_lseek(TASK_A, fds[0], 0, FS0_SEEK_SET, &offset), -FS0_ESPIPE);
	ck_assert_int_eq(fs_ftruncate(TASK_A, fds[1], 0), -FS0_EINVAL);
	ck_assert_int_eq(fs_getdents(TASK_A, fds[0], buf, sizeof(buf)), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], buf, 1, NULL), -FS0_EAGAIN);
}
END_TEST

START_TEST(test_read_without_writers_is_eof)
{
	int fds[2];
	char buf[8];
	make_pipe(fds);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], "ab", 2, &token_write), 2);
	ck_assert_int_eq(fs_close(TASK_A, fds[1]), 0);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], buf, sizeof(buf), &token_read), 2);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], buf, sizeof(buf), &token_read), 0);
	ck_assert_int_eq(fs_close(TASK_A, fds[0]), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(test_write_without_readers_is_epipe)
{
	int fds[2];
	make_pipe(fds);
	ck_assert_int_eq(fs_close(TASK_A, fds[0]), 0);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], "ab", 2, &token_write), -FS0_EPIPE);
	ck_assert_int_eq(fs_close(TASK_A, fds[1]), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(test_blocked_read_completed_by_write)
{
	int fds[2];
	char buf[16] = { 0 };
	make_pipe(fds);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], buf, sizeof(buf), &token_read), IDLRT_DEFERRED);
	ck_assert_uint_eq(pending(), 1);
	ck_assert_int_eq(completion_count, 0);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], "wake", 4, &token_write), 4);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_ptr_eq(completions[0].token, &token_read);
	ck_assert_int_eq(completions[0].result, 4);
	ck_assert_str_eq(buf, "wake");
	ck_assert_uint_eq(pending(), 0);
}
END_TEST

START_TEST(test_blocked_read_completed_by_last_writer_closing)
{
	int fds[2];
	char buf[16];
	make_pipe(fds);
	int extra_writer = fs_dup(TASK_A, fds[1]);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], buf, sizeof(buf), &token_read), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_close(TASK_A, fds[1]), 0);
	ck_assert_int_eq(completion_count, 0);
	ck_assert_int_eq(fs_close(TASK_A, extra_writer), 0);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_int_eq(completions[0].result, 0);
}
END_TEST

START_TEST(test_blocked_write_completed_by_read)
{
	int fds[2];
	char in[FS0_PIPE_BUF];
	char out[100];
	memset(out, 'w', sizeof(out));
	make_pipe(fds);
	fill_pipe(fds[1]);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], out, sizeof(out), &token_write), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], in, 50, &token_read), 50);
	ck_assert_int_eq(completion_count, 0);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], in, 60, &token_read), 60);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_ptr_eq(completions[0].token, &token_write);
	ck_assert_int_eq(completions[0].result, 100);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], in, sizeof(in), &token_read), FS0_PIPE_BUF - 10);
	for (int i = 0; i < FS0_PIPE_BUF - 10; i++)
		ck_assert_int_eq(in[i], i < FS0_PIPE_BUF - 110 ? 'f' : 'w');
	ck_assert_int_eq(fs_read(TASK_A, fds[0], in, sizeof(in), NULL), -FS0_EAGAIN);
}
END_TEST

START_TEST(test_blocked_writers_finish_in_order)
{
	int fds[2];
	char in[FS0_PIPE_BUF * 2];
	make_pipe(fds);
	fill_pipe(fds[1]);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], "first", 5, &token_write), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], "second", 6, &token_second), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], "x", 1, NULL), -FS0_EAGAIN);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], in, sizeof(in), &token_read), FS0_PIPE_BUF);
	ck_assert_int_eq(completion_count, 2);
	ck_assert_ptr_eq(completions[0].token, &token_write);
	ck_assert_ptr_eq(completions[1].token, &token_second);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], in, sizeof(in), &token_read), 11);
	ck_assert_int_eq(memcmp(in, "firstsecond", 11), 0);
}
END_TEST

START_TEST(test_big_write_streams_to_waiting_reader)
{
	enum { SIZE = 3 * FS0_PIPE_BUF + 123 };
	static char out[SIZE], in[SIZE];
	for (int i = 0; i < SIZE; i++)
		out[i] = (char)(i % 251);
	int fds[2];
	make_pipe(fds);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], in, 10, &token_read), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], out, SIZE, &token_write), IDLRT_DEFERRED);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_int_eq(completions[0].result, 10);
	long total = 10;
	while (total < SIZE) {
		long got = fs_read(TASK_A, fds[0], in + total, SIZE - (size_t)total, &token_read);
		ck_assert_int_gt(got, 0);
		total += got;
	}
	ck_assert_int_eq(memcmp(in, out, SIZE), 0);
	ck_assert_int_eq(completion_count, 2);
	ck_assert_ptr_eq(completions[1].token, &token_write);
	ck_assert_int_eq(completions[1].result, SIZE);
}
END_TEST

START_TEST(test_blocked_write_gets_epipe_when_readers_go)
{
	int fds[2];
	char out[10] = "0123456789";
	make_pipe(fds);
	fill_pipe(fds[1]);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], out, sizeof(out), &token_write), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_close(TASK_A, fds[0]), 0);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_int_eq(completions[0].result, -FS0_EPIPE);
	ck_assert_int_eq(fs_close(TASK_A, fds[1]), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(test_exit_cancels_blocked_read)
{
	int fds[2];
	char buf[8];
	make_pipe(fds);
	ck_assert_int_eq(fs_task_fork(TASK_A, TASK_B, false), 0);
	ck_assert_int_eq(fs_read(TASK_B, fds[0], buf, sizeof(buf), &token_read), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_task_exit(TASK_B), 0);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_ptr_eq(completions[0].token, &token_read);
	ck_assert_int_eq(completions[0].result, -FS0_EINTR);
	ck_assert_uint_eq(pending(), 0);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], "ok", 2, &token_write), 2);
	ck_assert_int_eq(completion_count, 1);
}
END_TEST

/* mm0 must run a handler on B: its blocked read is answered -EINTR now, the
 * data that comes next is left for B's next read, and a blocked writer
 * behind it is answered -EINTR too. */
START_TEST(test_cancel_answers_blocked_requests_eintr)
{
	int fds[2];
	char buf[8] = { 0 }, stale[8] = { 0 };
	make_pipe(fds);
	ck_assert_int_eq(fs_task_fork(TASK_A, TASK_B, false), 0);
	ck_assert_int_eq(fs_read(TASK_B, fds[0], stale, sizeof(stale), &token_read), IDLRT_DEFERRED);
	ck_assert_uint_eq(pending(), 1);
	ck_assert_int_eq(fs_task_cancel(TASK_B), 1);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_ptr_eq(completions[0].token, &token_read);
	ck_assert_int_eq(completions[0].result, -FS0_EINTR);
	ck_assert_uint_eq(pending(), 0);
	ck_assert_int_eq(fs_task_cancel(TASK_B), 0);
	ck_assert_int_eq(fs_task_cancel(TASK_C), -FS0_ESRCH);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], "new", 3, &token_write), 3);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_str_eq(stale, "");
	ck_assert_int_eq(fs_read(TASK_B, fds[0], buf, sizeof(buf), &token_read), 3);
	ck_assert_str_eq(buf, "new");
	fill_pipe(fds[1]);
	ck_assert_int_eq(fs_write(TASK_B, fds[1], "late", 4, &token_second), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_task_cancel(TASK_B), 1);
	ck_assert_int_eq(completion_count, 2);
	ck_assert_ptr_eq(completions[1].token, &token_second);
	ck_assert_int_eq(completions[1].result, -FS0_EINTR);
	ck_assert_uint_eq(pending(), 0);
}
END_TEST

START_TEST(test_pipe_between_forked_tasks)
{
	int fds[2];
	char buf[8] = { 0 };
	make_pipe(fds);
	ck_assert_int_eq(fs_task_fork(TASK_A, TASK_B, false), 0);
	ck_assert_int_eq(fs_close(TASK_B, fds[0]), 0);
	ck_assert_int_eq(fs_close(TASK_A, fds[1]), 0);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], buf, sizeof(buf), &token_read), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_write(TASK_B, fds[1], "kid", 3, &token_write), 3);
	ck_assert_int_eq(completions[0].result, 3);
	ck_assert_str_eq(buf, "kid");
	ck_assert_int_eq(fs_read(TASK_A, fds[0], buf, sizeof(buf), &token_read), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_task_exit(TASK_B), 0);
	ck_assert_int_eq(completion_count, 2);
	ck_assert_int_eq(completions[1].result, 0);
}
END_TEST

START_TEST(test_shutdown_interrupts_waiters)
{
	int fds[2];
	char buf[8];
	make_pipe(fds);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], buf, sizeof(buf), &token_read), IDLRT_DEFERRED);
	fs_shutdown();
	ck_assert_int_eq(completion_count, 1);
	ck_assert_int_eq(completions[0].result, -FS0_EINTR);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 pipes");
	TCase *basic = fs0_tcase("basic");
	tcase_add_test(basic, test_pipe_passes_data);
	tcase_add_test(basic, test_pipe_wraps_around_the_ring);
	tcase_add_test(basic, test_pipe_end_errors);
	tcase_add_test(basic, test_read_without_writers_is_eof);
	tcase_add_test(basic, test_write_without_readers_is_epipe);
	suite_add_tcase(suite, basic);
	TCase *blocking = fs0_tcase("blocking");
	tcase_add_test(blocking, test_blocked_read_completed_by_write);
	tcase_add_test(blocking, test_blocked_read_completed_by_last_writer_closing);
	tcase_add_test(blocking, test_blocked_write_completed_by_read);
	tcase_add_test(blocking, test_blocked_writers_finish_in_order);
	tcase_add_test(blocking, test_big_write_streams_to_waiting_reader);
	tcase_add_test(blocking, test_blocked_write_gets_epipe_when_readers_go);
	tcase_add_test(blocking, test_exit_cancels_blocked_read);
	tcase_add_test(blocking, test_cancel_answers_blocked_requests_eintr);
	tcase_add_test(blocking, test_pipe_between_forked_tasks);
	tcase_add_test(blocking, test_shutdown_interrupts_waiters);
	suite_add_tcase(suite, blocking);
	return run_suite(suite);
}

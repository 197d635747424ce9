/* check_poll.c - fs0's poll: each readiness bit of pipes, files and
 * devices, waits completed by a pipe change, by a timeout on a fake clock,
 * by a signal or by the task's end, and requests that are refused. */
#include <string.h>
#include "fixture.h"

static int token_poll, token_second;
static int64_t fake_ms;

static void fake_clock(int64_t *sec, uint32_t *nsec)
{
	*sec = fake_ms / 1000;
	*nsec = (uint32_t)(fake_ms % 1000) * 1000000u;
}

static void make_pipe(int fds[2])
{
	ck_assert_int_eq(fs_pipe(TASK_A, 0, fds), 0);
}

static struct fs0_poll_item item(int fd, int events)
{
	struct fs0_poll_item one = { .fd = fd, .events = (int16_t)events, .revents = 0 };
	return one;
}

static long poll_one(int fd, int events, int32_t timeout_ms, uint16_t *revents)
{
	static struct fs0_poll_item kept;
	kept = item(fd, events);
	return fs_poll(TASK_A, &kept, 1, revents, timeout_ms, NULL);
}

static uint32_t pending(void)
{
	struct fs0_stats stats;
	fs_stats(&stats);
	return stats.pending;
}

START_TEST(test_empty_pipe_is_writable_not_readable)
{
	int fds[2];
	uint16_t revents = 0xffff;
	make_pipe(fds);
	ck_assert_int_eq(poll_one(fds[0], FS0_POLLIN | FS0_POLLOUT, 0, &revents), 0);
	ck_assert_uint_eq(revents, 0);
	ck_assert_int_eq(poll_one(fds[1], FS0_POLLIN | FS0_POLLOUT, 0, &revents), 1);
	ck_assert_uint_eq(revents, FS0_POLLOUT);
	ck_assert_int_eq(poll_one(fds[1], FS0_POLLOUT | FS0_POLLWRNORM, 0, &revents), 1);
	ck_assert_uint_eq(revents, FS0_POLLOUT | FS0_POLLWRNORM);
}
END_TEST

START_TEST(test_bytes_make_pipe_readable)
{
	int fds[2];
	uint16_t revents;
	make_pipe(fds);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], "ab", 2, NULL), 2);
	ck_assert_int_eq(poll_one(fds[0], FS0_POLLIN | FS0_POLLRDNORM, 0, &revents), 1);
	ck_assert_uint_eq(revents, FS0_POLLIN | FS0_POLLRDNORM);
	ck_assert_int_eq(poll_one(fds[0], FS0_POLLOUT, 0, &revents), 0);
	ck_assert_uint_eq(revents, 0);
}
END_TEST

START_TEST(test_full_pipe_is_not_writable)
{
	int fds[2];
	char full[FS0_PIPE_BUF];
	uint16_t revents;
	make_pipe(fds);
	memset(full, 'f', sizeof(full));
	ck_assert_int_eq(fs_write(TASK_A, fds[1], full, sizeof(full), NULL), FS0_PIPE_BUF);
	ck_assert_int_eq(poll_one(fds[1], FS0_POLLOUT, 0, &revents), 0);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], full, 1, NULL), 1);
	ck_assert_int_eq(poll_one(fds[1], FS0_POLLOUT, 0, &revents), 1);
	ck_assert_uint_eq(revents, FS0_POLLOUT);
}
END_TEST

START_TEST(test_hangup_and_error_come_unasked)
{
	int fds[2];
	uint16_t revents;
	make_pipe(fds);
	ck_assert_int_eq(fs_close(TASK_A, fds[1]), 0);
	ck_assert_int_eq(poll_one(fds[0], 0, 0, &revents), 1);
	ck_assert_uint_eq(revents, FS0_POLLHUP);
	make_pipe(fds);
	ck_assert_int_eq(fs_close(TASK_A, fds[0]), 0);
	ck_assert_int_eq(poll_one(fds[1], FS0_POLLOUT, 0, &revents), 1);
	ck_assert_uint_eq(revents, FS0_POLLOUT | FS0_POLLERR);
}
END_TEST

START_TEST(test_bad_descriptors)
{
	struct fs0_poll_item items[3] = { item(40, FS0_POLLIN), item(-1, FS0_POLLIN), item(FS0_OPEN_MAX, 0) };
	uint16_t revents[3];
	ck_assert_int_eq(fs_poll(TASK_A, items, 3, revents, -1, &token_poll), 2);
	ck_assert_uint_eq(revents[0], FS0_POLLNVAL);
	ck_assert_uint_eq(revents[1], 0);
	ck_assert_uint_eq(revents[2], FS0_POLLNVAL);
	ck_assert_int_eq(fs_poll(TASK_UNKNOWN, items, 1, revents, 0, NULL), -FS0_ESRCH);
	ck_assert_int_eq(fs_poll(TASK_A, items, FS0_POLL_FDS_MAX + 1, revents, 0, NULL), -FS0_EINVAL);
	ck_assert_int_eq(completion_count, 0);
}
END_TEST

START_TEST(test_files_and_devices_are_always_ready)
{
	uint16_t revents;
	make_file("/f", "x");
	int file = fs_open(TASK_A, FS0_AT_FDCWD, "/f", FS0_O_RDONLY, 0);
	int dir = fs_open(TASK_A, FS0_AT_FDCWD, "/", FS0_O_RDONLY | FS0_O_DIRECTORY, 0);
	ck_assert_int_ge(file, 0);
	ck_assert_int_ge(dir, 0);
	ck_assert_int_eq(poll_one(file, FS0_POLLIN | FS0_POLLOUT, 0, &revents), 1);
	ck_assert_uint_eq(revents, FS0_POLLIN | FS0_POLLOUT);
	ck_assert_int_eq(poll_one(dir, FS0_POLLIN, 0, &revents), 1);
	ck_assert_uint_eq(revents, FS0_POLLIN);
	ck_assert_int_eq(fs_make_devices(), 0);
	int null = fs_open(TASK_A, FS0_AT_FDCWD, "/dev/null", FS0_O_RDWR, 0);
	int console = fs_open(TASK_A, FS0_AT_FDCWD, "/dev/console", FS0_O_RDWR, 0);
	ck_assert_int_ge(null, 0);
	ck_assert_int_ge(console, 0);
	ck_assert_int_eq(poll_one(null, FS0_POLLIN | FS0_POLLOUT, 0, &revents), 1);
	ck_assert_uint_eq(revents, FS0_POLLIN | FS0_POLLOUT);
	ck_assert_int_eq(poll_one(console, FS0_POLLIN | FS0_POLLOUT, 0, &revents), 1);
	ck_assert_uint_eq(revents, FS0_POLLOUT);
}
END_TEST

START_TEST(test_wait_completed_by_write)
{
	int fds[2];
	uint16_t revents[2] = { 0xffff, 0xffff };
	make_pipe(fds);
	struct fs0_poll_item items[2] = { item(fds[0], FS0_POLLIN), item(fds[1], FS0_POLLIN) };
	ck_assert_int_eq(fs_poll(TASK_A, items, 2, revents, -1, &token_poll), IDLRT_DEFERRED);
	ck_assert_uint_eq(pending(), 1);
	ck_assert_int_eq(fs_write(TASK_A, fds[1], "z", 1, NULL), 1);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_ptr_eq(completions[0].token, &token_poll);
	ck_assert_int_eq(completions[0].result, 1);
	ck_assert_uint_eq(revents[0], FS0_POLLIN);
	ck_assert_uint_eq(revents[1], 0);
	ck_assert_uint_eq(pending(), 0);
}
END_TEST

START_TEST(test_wait_completed_by_last_writer_closing)
{
	int fds[2];
	uint16_t revents;
	make_pipe(fds);
	ck_assert_int_eq(fs_task_fork(TASK_A, TASK_B, false), 0);
	struct fs0_poll_item watched = item(fds[0], FS0_POLLIN);
	ck_assert_int_eq(fs_poll(TASK_B, &watched, 1, &revents, -1, &token_poll), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_close(TASK_A, fds[1]), 0);
	ck_assert_int_eq(completion_count, 0);
	ck_assert_int_eq(fs_close(TASK_B, fds[1]), 0);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_int_eq(completions[0].result, 1);
	ck_assert_uint_eq(revents, FS0_POLLHUP);
	ck_assert_int_eq(fs_task_exit(TASK_B), 0);
}
END_TEST

START_TEST(test_wait_for_room_completed_by_read)
{
	int fds[2];
	char full[FS0_PIPE_BUF];
	uint16_t revents;
	make_pipe(fds);
	memset(full, 'f', sizeof(full));
	ck_assert_int_eq(fs_write(TASK_A, fds[1], full, sizeof(full), NULL), FS0_PIPE_BUF);
	struct fs0_poll_item watched = item(fds[1], FS0_POLLOUT);
	ck_assert_int_eq(fs_poll(TASK_A, &watched, 1, &revents, 500, &token_poll), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_read(TASK_A, fds[0], full, 10, NULL), 10);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_int_eq(completions[0].result, 1);
	ck_assert_uint_eq(revents, FS0_POLLOUT);
}
END_TEST

START_TEST(test_timeout_answers_zero_when_due)
{
	int fds[2];
	uint16_t revents = 0xffff, other = 0xffff;
	make_pipe(fds);
	fake_ms = 5000;
	struct fs0_poll_item watched = item(fds[0], FS0_POLLIN);
	ck_assert_int_eq(fs_poll(TASK_A, &watched, 1, &revents, 30, &token_poll), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_poll(TASK_A, &watched, 1, &other, -1, &token_second), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_poll_expire(), 30);
	fake_ms += 29;
	ck_assert_int_eq(fs_poll_expire(), 1);
	ck_assert_int_eq(completion_count, 0);
	fake_ms += 1;
	ck_assert_int_eq(fs_poll_expire(), -1);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_ptr_eq(completions[0].token, &token_poll);
	ck_assert_int_eq(completions[0].result, 0);
	ck_assert_uint_eq(revents, 0);
	ck_assert_uint_eq(pending(), 1);
	ck_assert_int_eq(fs_task_cancel(TASK_A), 1);
	ck_assert_int_eq(completion_count, 2);
	ck_assert_ptr_eq(completions[1].token, &token_second);
	ck_assert_int_eq(completions[1].result, -FS0_EINTR);
}
END_TEST

START_TEST(test_no_waiter_no_timeout)
{
	ck_assert_int_eq(fs_poll_expire(), -1);
	ck_assert_int_eq(fs_poll(TASK_A, NULL, 0, NULL, 0, &token_poll), 0);
	ck_assert_int_eq(fs_poll_expire(), -1);
}
END_TEST

START_TEST(test_exit_answers_the_task_only)
{
	int fds[2];
	uint16_t revents_a, revents_b;
	make_pipe(fds);
	ck_assert_int_eq(fs_task_fork(TASK_A, TASK_B, false), 0);
	struct fs0_poll_item watched = item(fds[0], FS0_POLLIN);
	ck_assert_int_eq(fs_poll(TASK_A, &watched, 1, &revents_a, -1, &token_poll), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_poll(TASK_B, &watched, 1, &revents_b, -1, &token_second), IDLRT_DEFERRED);
	ck_assert_int_eq(fs_task_exit(TASK_B), 0);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_ptr_eq(completions[0].token, &token_second);
	ck_assert_int_eq(completions[0].result, -FS0_EINTR);
	ck_assert_uint_eq(pending(), 1);
	fs_shutdown();
	ck_assert_int_eq(completion_count, 2);
	ck_assert_int_eq(completions[1].result, -FS0_EINTR);
}
END_TEST

static void clock_setup(void)
{
	fake_ms = 0;
	fs_set_clock(fake_clock);
}

static void clock_teardown(void)
{
	fs_set_clock(NULL);
}

int main(void)
{
	Suite *suite = suite_create("fs0 poll");
	TCase *ready = fs0_tcase("readiness");
	tcase_add_test(ready, test_empty_pipe_is_writable_not_readable);
	tcase_add_test(ready, test_bytes_make_pipe_readable);
	tcase_add_test(ready, test_full_pipe_is_not_writable);
	tcase_add_test(ready, test_hangup_and_error_come_unasked);
	tcase_add_test(ready, test_bad_descriptors);
	tcase_add_test(ready, test_files_and_devices_are_always_ready);
	suite_add_tcase(suite, ready);
	TCase *waits = fs0_tcase("waits");
	tcase_add_checked_fixture(waits, clock_setup, clock_teardown);
	tcase_add_test(waits, test_wait_completed_by_write);
	tcase_add_test(waits, test_wait_completed_by_last_writer_closing);
	tcase_add_test(waits, test_wait_for_room_completed_by_read);
	tcase_add_test(waits, test_timeout_answers_zero_when_due);
	tcase_add_test(waits, test_no_waiter_no_timeout);
	tcase_add_test(waits, test_exit_answers_the_task_only);
	suite_add_tcase(suite, waits);
	return run_suite(suite);
}

/* check_proto_tasks.c - tasks over the wire: descriptor inheritance through
 * mm0's fork notification, blocking pipe requests answered later through the
 * generated deferred replies, many files and deep directories. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "proto_fixture.h"

START_TEST(fork_copies_descriptors_sharing_offsets)
{
	int fd = c_open("/shared", FS0_O_RDWR | FS0_O_CREAT, 0644);
	ck_assert_int_eq(c_write_text(fd, "abc"), 3);
	introduce(CLIENT_A, CLIENT_B, false);
	act_as(CLIENT_B);
	int64_t pos;
	ck_assert_int_eq(fs0_lseek(FS0_TID, fd, 1, FS0_SEEK_SET, &pos), 0);
	ck_assert_int_eq(c_read_text(fd, 10), 2);
	ck_assert_str_eq((char *)client_buf(CLIENT_B), "bc");
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
	act_as(CLIENT_A);
	ck_assert_int_eq(fs0_lseek(FS0_TID, fd, 0, FS0_SEEK_CUR, &pos), 0);
	ck_assert_int_eq(pos, 3);
	/* B's table is its own: a descriptor B opens is not A's */
	act_as(CLIENT_B);
	ck_assert_int_eq(c_open("/shared", FS0_O_RDONLY, 0), 0);
	act_as(CLIENT_A);
	ck_assert_int_eq(fs0_close(FS0_TID, 1), -FS0_EBADF);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

START_TEST(threads_share_the_table)
{
	introduce(CLIENT_A, CLIENT_C, true);
	act_as(CLIENT_C);
	int fd = c_open("/by-thread", FS0_O_WRONLY | FS0_O_CREAT, 0644);
	ck_assert_int_eq(fd, 0);
	act_as(CLIENT_A);
	ck_assert_int_eq(c_write_text(fd, "seen"), 4);
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_task_exit(FS0_TID, CLIENT_C), 0);
	act_as(CLIENT_A);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

START_TEST(fork_inherits_the_cwd)
{
	ck_assert_int_eq(c_mkdir("/work"), 0);
	ck_assert_int_eq(c_chdir("/work"), 0);
	introduce(CLIENT_A, CLIENT_B, false);
	act_as(CLIENT_B);
	c_make_file("made-by-b", "b");
	struct fs0_stat_info st;
	ck_assert_int_eq(c_stat("/work/made-by-b", &st), 0);
	ck_assert_int_eq(c_chdir("/"), 0);
	act_as(CLIENT_A);
	ck_assert_int_eq(c_stat("made-by-b", &st), 0);
}
END_TEST

START_TEST(unknown_parent_is_esrch)
{
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_task_fork(FS0_TID, STRANGER, CLIENT_B, false, CLIENT_B), -FS0_ESRCH);
}
END_TEST

/* ---- Blocking pipe requests ---------------------------------------------- */

static int32_t pipe_fds[2];

static void b_writes_ping(void *arg)
{
	(void)arg;
	act_as(CLIENT_B);
	ck_assert_int_eq(c_write_text(pipe_fds[1], "ping"), 4);
	act_as(CLIENT_A);
}

START_TEST(read_waits_until_another_task_writes)
{
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, pipe_fds), 0);
	introduce(CLIENT_A, CLIENT_B, false);
	idlrt_loopback_on_block(b_writes_ping, NULL);
	ck_assert_int_eq(c_read_text(pipe_fds[0], 64), 4);
	ck_assert_str_eq((char *)client_buf(CLIENT_A), "ping");
	ck_assert_uint_eq(idlrt_loopback_deferred_count(), 1);
}
END_TEST

static uint8_t drained[2 * FS0_PIPE_BUF];

static void b_drains_the_pipe(void *arg)
{
	(void)arg;
	uint32_t len = FS0_PIPE_BUF;
	act_as(CLIENT_B);
	ck_assert_int_eq(fs0_read(FS0_TID, pipe_fds[0], drained, &len), FS0_PIPE_BUF);
	ck_assert_int_eq(fs0_read(FS0_TID, pipe_fds[0], drained + FS0_PIPE_BUF, &len), FS0_PIPE_BUF);
	act_as(CLIENT_A);
}

START_TEST(write_waits_until_the_reader_drains)
{
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, pipe_fds), 0);
	introduce(CLIENT_A, CLIENT_B, false);
	static uint8_t written[2 * FS0_PIPE_BUF];
	for (uint32_t i = 0; i < 2 * FS0_PIPE_BUF; i++)
		written[i] = (uint8_t)(i % 251);
	idlrt_loopback_on_block(b_drains_the_pipe, NULL);
	ck_assert_int_eq(fs0_write(FS0_TID, pipe_fds[1], written, 2 * FS0_PIPE_BUF), 2 * FS0_PIPE_BUF);
	ck_assert_mem_eq(drained, written, 2 * FS0_PIPE_BUF);
}
END_TEST

static void mm0_ends_a(void *arg)
{
	(void)arg;
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_task_exit(FS0_TID, CLIENT_A), 0);
}

START_TEST(exit_answers_a_waiting_read_with_eintr)
{
	char text[8];
	uint32_t len = sizeof(text);
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, pipe_fds), 0);
	idlrt_loopback_on_block(mm0_ends_a, NULL);
	ck_assert_int_eq(fs0_read(FS0_TID, pipe_fds[0], text, &len), -FS0_EINTR);
	ck_assert_uint_eq(idlrt_bulk_held(), 0);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.pending, 0);
	ck_assert_uint_eq(stats.tasks, 0);
}
END_TEST

static void mm0_cancels_a_then_b_writes(void *arg)
{
	(void)arg;
	act_as(STRANGER);
	ck_assert_int_eq(fs0_task_cancel(FS0_TID, CLIENT_A), -FS0_EPERM);
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_task_cancel(FS0_TID, CLIENT_A), 1);
	ck_assert_int_eq(fs0_task_cancel(FS0_TID, CLIENT_A), 0);
	ck_assert_int_eq(fs0_task_cancel(FS0_TID, CLIENT_C), -FS0_ESRCH);
	act_as(CLIENT_B);
	ck_assert_int_eq(fs0_write(FS0_TID, pipe_fds[1], "new", 3), 3);
	act_as(CLIENT_A);
}

/* A cancelled read is answered -EINTR through fs0_read_reply, and the thread's
 * next read takes the new data. */
START_TEST(cancel_answers_a_waiting_read_eintr)
{
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, pipe_fds), 0);
	introduce(CLIENT_A, CLIENT_B, false);
	char text[8] = "";
	uint32_t len = sizeof(text);
	idlrt_loopback_on_block(mm0_cancels_a_then_b_writes, NULL);
	ck_assert_int_eq(fs0_read(FS0_TID, pipe_fds[0], text, &len), -FS0_EINTR);
	ck_assert_str_eq(text, "");
	ck_assert_uint_eq(len, sizeof(text));
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.pending, 0);
	ck_assert_int_eq(fs0_read(FS0_TID, pipe_fds[0], text, &len), 3);
	ck_assert_uint_eq(len, 3);
	ck_assert_mem_eq(text, "new", 3);
}
END_TEST

/* Nobody answers: the call reports the deadlock, and shutdown frees the wait. */
START_TEST(unanswered_read_is_freed_at_shutdown)
{
	char text[8];
	uint32_t len = sizeof(text);
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, pipe_fds), 0);
	ck_assert_int_eq(fs0_read(FS0_TID, pipe_fds[0], text, &len), -EDEADLK);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.pending, 1);
}
END_TEST

/* ---- Scale ---------------------------------------------------------------- */

#define MANY_FILES 300

START_TEST(many_files_in_one_directory)
{
	ck_assert_int_eq(c_mkdir("/many"), 0);
	char path[64];
	for (int i = 0; i < MANY_FILES; i++) {
		snprintf(path, sizeof(path), "/many/file-%03d", i);
		c_make_file(path, path);
	}
	int fd = c_open("/many", FS0_O_RDONLY | FS0_O_DIRECTORY, 0);
	int seen = 0, calls = 0, bytes;
	static _Alignas(8) uint8_t records[1024];
	uint32_t len = sizeof(records);
	while ((bytes = fs0_getdents(FS0_TID, fd, records, &len)) > 0) {
		calls++;
		len = sizeof(records);
		for (int at = 0; at < bytes;) {
			const struct fs0_dirent *dirent = (const void *)(records + at);
			if (((const char *)dirent + FS0_DIRENT_NAME_OFFSET)[0] != '.') {
				snprintf(path, sizeof(path), "file-%03d", seen);
				ck_assert_str_eq((const char *)dirent + FS0_DIRENT_NAME_OFFSET, path);
				seen++;
			}
			at += dirent->d_reclen;
		}
	}
	ck_assert_int_eq(bytes, 0);
	ck_assert_int_eq(seen, MANY_FILES);
	ck_assert_int_gt(calls, 1);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
	snprintf(path, sizeof(path), "/many/file-%03d", MANY_FILES / 2);
	ck_assert_int_eq(c_read_text(c_open(path, FS0_O_RDONLY, 0), 64), (int)strlen(path));
	ck_assert_str_eq((char *)client_buf(CLIENT_A), path);
	for (int i = 0; i < MANY_FILES; i++) {
		snprintf(path, sizeof(path), "/many/file-%03d", i);
		ck_assert_int_eq(c_unlink(path), 0);
	}
	ck_assert_int_eq(fs0_close(FS0_TID, 0), 0);
	ck_assert_int_eq(c_rmdir("/many"), 0);
}
END_TEST

/* "/d" repeated: depth 127 is a cwd of 254 bytes plus NUL, the longest there is. */
#define DEPTH_MAX ((FS0_PATH_MAX - 1) / 2)

START_TEST(deep_directories)
{
	for (int depth = 1; depth <= DEPTH_MAX + 1; depth++) {
		ck_assert_int_eq(c_mkdir("d"), 0);
		ck_assert_int_eq(c_chdir("d"), 0);
		int cwd_len = c_getcwd(FS0_PATH_MAX);
		if (depth <= DEPTH_MAX)
			ck_assert_int_eq(cwd_len, 2 * depth + 1);
		else
			ck_assert_int_eq(cwd_len, -FS0_ENAMETOOLONG);
	}
	c_make_file("bottom", "deep");
	for (int depth = DEPTH_MAX + 1; depth > 0; depth--) {
		ck_assert_int_eq(c_chdir(".."), 0);
		ck_assert_int_eq(c_rmdir("d"), depth == DEPTH_MAX + 1 ? -FS0_ENOTEMPTY : 0);
		if (depth == DEPTH_MAX + 1) {
			ck_assert_int_eq(c_unlink("d/bottom"), 0);
			ck_assert_int_eq(c_rmdir("d"), 0);
		}
	}
	ck_assert_int_eq(c_getcwd(FS0_PATH_MAX), 2);
	ck_assert_str_eq((char *)client_buf(CLIENT_A), "/");
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 protocol: tasks");
	TCase *tc = proto_tcase("inheritance");
	tcase_add_test(tc, fork_copies_descriptors_sharing_offsets);
	tcase_add_test(tc, threads_share_the_table);
	tcase_add_test(tc, fork_inherits_the_cwd);
	tcase_add_test(tc, unknown_parent_is_esrch);
	suite_add_tcase(suite, tc);
	TCase *wait = proto_tcase("deferred");
	tcase_add_test(wait, read_waits_until_another_task_writes);
	tcase_add_test(wait, write_waits_until_the_reader_drains);
	tcase_add_test(wait, exit_answers_a_waiting_read_with_eintr);
	tcase_add_test(wait, unanswered_read_is_freed_at_shutdown);
	tcase_add_test(wait, cancel_answers_a_waiting_read_eintr);
	suite_add_tcase(suite, wait);
	TCase *scale = proto_tcase("scale");
	tcase_add_test(scale, many_files_in_one_directory);
	tcase_add_test(scale, deep_directories);
	suite_add_tcase(suite, scale);
	return run_proto_suite(suite);
}

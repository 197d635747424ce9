/* check_proto_fcntl.c - fcntl and close-on-exec over the wire: F_DUPFD,
 * F_DUPFD_CLOEXEC, F_GETFD/F_SETFD, F_GETFL/F_SETFL, O_CLOEXEC on open and
 * pipe, and mm0's task_exec closing the flagged descriptors. */
#include <string.h>
#include "proto_fixture.h"

START_TEST(dupfd_takes_the_lowest_free_at_or_above)
{
	int fd = c_open("/f", FS0_O_RDWR | FS0_O_CREAT, 0644);
	ck_assert_int_eq(fd, 0);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_DUPFD, 5), 5);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_DUPFD, 5), 6);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_DUPFD, 0), 1);
	/* The copy shares the offset and has no close-on-exec flag. */
	ck_assert_int_eq(c_write_text(5, "abc"), 3);
	int64_t pos = -1;
	ck_assert_int_eq(fs0_lseek(FS0_TID, fd, 0, FS0_SEEK_CUR, &pos), 0);
	ck_assert_int_eq(pos, 3);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, 5, FS0_F_GETFD, 0), 0);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_DUPFD, FS0_OPEN_MAX), -FS0_EINVAL);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_DUPFD, 0xffffffffu), -FS0_EINVAL);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_DUPFD, FS0_OPEN_MAX - 1), FS0_OPEN_MAX - 1);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_DUPFD, FS0_OPEN_MAX - 1), -FS0_EMFILE);
	int cloexec_copy = fs0_fcntl(FS0_TID, fd, FS0_F_DUPFD_CLOEXEC, 10);
	ck_assert_int_eq(cloexec_copy, 10);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, cloexec_copy, FS0_F_GETFD, 0), FS0_FD_CLOEXEC);
}
END_TEST

START_TEST(setfd_and_getfd)
{
	int fd = c_open("/f", FS0_O_RDWR | FS0_O_CREAT, 0644);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_GETFD, 0), 0);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_SETFD, FS0_FD_CLOEXEC), 0);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_GETFD, 0), FS0_FD_CLOEXEC);
	/* dup and dup2 give copies without the flag; the original keeps it. */
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fs0_dup(FS0_TID, fd), FS0_F_GETFD, 0), 0);
	ck_assert_int_eq(fs0_dup2(FS0_TID, fd, 7), 7);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, 7, FS0_F_GETFD, 0), 0);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_GETFD, 0), FS0_FD_CLOEXEC);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_SETFD, 0), 0);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_GETFD, 0), 0);
	/* A closed slot reused by open starts without the flag. */
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_SETFD, FS0_FD_CLOEXEC), 0);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
	ck_assert_int_eq(c_open("/f", FS0_O_RDONLY, 0), fd);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_GETFD, 0), 0);
}
END_TEST

START_TEST(getfl_and_setfl)
{
	int fd = c_open("/f", FS0_O_WRONLY | FS0_O_CREAT | FS0_O_APPEND, 0644);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_GETFL, 0), FS0_O_WRONLY | FS0_O_APPEND);
	/* Only O_APPEND and O_NONBLOCK change; the access mode and O_CREAT are ignored. */
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_SETFL, FS0_O_RDWR | FS0_O_NONBLOCK | FS0_O_CREAT), 0);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_GETFL, 0), FS0_O_WRONLY | FS0_O_NONBLOCK);
	ck_assert_int_eq(c_write_text(fd, "xy"), 2);
	int64_t pos = -1;
	ck_assert_int_eq(fs0_lseek(FS0_TID, fd, 0, FS0_SEEK_SET, &pos), 0);
	ck_assert_int_eq(c_write_text(fd, "z"), 1);
	struct fs0_stat_info st;
	ck_assert_int_eq(c_stat("/f", &st), 0);
	ck_assert_int_eq(st.size, 2);
}
END_TEST

/* O_NONBLOCK set with F_SETFL makes an empty pipe's read EAGAIN instead of waiting. */
START_TEST(setfl_nonblock_on_a_pipe)
{
	int32_t fds[2];
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, fds), 0);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fds[0], FS0_F_SETFL, FS0_O_NONBLOCK), 0);
	char text[8];
	uint32_t len = sizeof(text);
	ck_assert_int_eq(fs0_read(FS0_TID, fds[0], text, &len), -FS0_EAGAIN);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fds[0], FS0_F_GETFL, 0), FS0_O_RDONLY | FS0_O_NONBLOCK);
}
END_TEST

START_TEST(errors)
{
	ck_assert_int_eq(fs0_fcntl(FS0_TID, 3, FS0_F_GETFD, 0), -FS0_EBADF);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, -1, FS0_F_GETFD, 0), -FS0_EBADF);
	int fd = c_open("/f", FS0_O_RDWR | FS0_O_CREAT, 0644);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, 99, 0), -FS0_EINVAL);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, -1, 0), -FS0_EINVAL);
	act_as(STRANGER);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_GETFD, 0), -FS0_ESRCH);
	ck_assert_int_eq(fs0_task_exec(FS0_TID, CLIENT_A), -FS0_EPERM);
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_task_exec(FS0_TID, CLIENT_C), -FS0_ESRCH);
	act_as(CLIENT_A);
}
END_TEST

START_TEST(open_and_pipe_take_o_cloexec)
{
	int fd = c_open("/f", FS0_O_RDWR | FS0_O_CREAT | FS0_O_CLOEXEC, 0644);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_GETFD, 0), FS0_FD_CLOEXEC);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fd, FS0_F_GETFL, 0), FS0_O_RDWR);
	int32_t fds[2];
	ck_assert_int_eq(fs0_pipe(FS0_TID, FS0_O_CLOEXEC, fds), 0);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fds[0], FS0_F_GETFD, 0), FS0_FD_CLOEXEC);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fds[1], FS0_F_GETFD, 0), FS0_FD_CLOEXEC);
	ck_assert_int_eq(fs0_pipe(FS0_TID, FS0_O_APPEND, fds), -FS0_EINVAL);
}
END_TEST

/* exec closes exactly the flagged descriptors; fork keeps the flags. */
START_TEST(task_exec_closes_the_flagged_descriptors)
{
	int keep = c_open("/keep", FS0_O_RDWR | FS0_O_CREAT, 0644);
	int drop = c_open("/drop", FS0_O_RDWR | FS0_O_CREAT | FS0_O_CLOEXEC, 0644);
	int32_t fds[2];
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, fds), 0);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fds[1], FS0_F_SETFD, FS0_FD_CLOEXEC), 0);
	introduce(CLIENT_A, CLIENT_B, false);
	act_as(CLIENT_B);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, drop, FS0_F_GETFD, 0), FS0_FD_CLOEXEC);
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_task_exec(FS0_TID, CLIENT_B), 2);
	ck_assert_int_eq(fs0_task_exec(FS0_TID, CLIENT_B), 0);
	act_as(CLIENT_B);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, keep, FS0_F_GETFD, 0), 0);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fds[0], FS0_F_GETFD, 0), 0);
	ck_assert_int_eq(fs0_close(FS0_TID, drop), -FS0_EBADF);
	ck_assert_int_eq(fs0_close(FS0_TID, fds[1]), -FS0_EBADF);
	act_as(CLIENT_A);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, drop, FS0_F_GETFD, 0), FS0_FD_CLOEXEC);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, fds[1], FS0_F_GETFD, 0), FS0_FD_CLOEXEC);
}
END_TEST

/* A table shared with another task (CLONE_FILES) is copied at exec: the other keeps everything. */
START_TEST(task_exec_unshares_a_shared_table)
{
	int drop = c_open("/drop", FS0_O_RDWR | FS0_O_CREAT | FS0_O_CLOEXEC, 0644);
	introduce(CLIENT_A, CLIENT_B, true);
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_task_exec(FS0_TID, CLIENT_B), 1);
	act_as(CLIENT_A);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, drop, FS0_F_GETFD, 0), FS0_FD_CLOEXEC);
	act_as(CLIENT_B);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, drop, FS0_F_GETFD, 0), -FS0_EBADF);
	/* From now on the tables are apart: B's new descriptor is not A's. */
	ck_assert_int_eq(c_open("/b", FS0_O_RDWR | FS0_O_CREAT, 0644), drop);
	act_as(CLIENT_A);
	ck_assert_int_eq(fs0_fcntl(FS0_TID, drop, FS0_F_GETFL, 0), FS0_O_RDWR);
	ck_assert_int_eq(fs0_close(FS0_TID, drop), 0);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.tables, 2);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 protocol: fcntl and close-on-exec");
	TCase *tc = proto_tcase("fcntl");
	tcase_add_test(tc, dupfd_takes_the_lowest_free_at_or_above);
	tcase_add_test(tc, setfd_and_getfd);
	tcase_add_test(tc, getfl_and_setfl);
	tcase_add_test(tc, setfl_nonblock_on_a_pipe);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, open_and_pipe_take_o_cloexec);
	suite_add_tcase(suite, tc);
	TCase *exec = proto_tcase("exec");
	tcase_add_test(exec, task_exec_closes_the_flagged_descriptors);
	tcase_add_test(exec, task_exec_unshares_a_shared_table);
	suite_add_tcase(suite, exec);
	return run_proto_suite(suite);
}

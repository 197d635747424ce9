/* check_proto_ops.c - every fs0 operation driven through the generated stubs
 * and dispatch: what it does, and what comes back in the reply. */
#include <stdlib.h>
#include <string.h>
#include "fs0_server.h"
#include "proto_fixture.h"

START_TEST(open_write_read_close)
{
	int fd = c_open("/notes", FS0_O_RDWR | FS0_O_CREAT, 0644);
	ck_assert_int_eq(fd, 0);
	ck_assert_int_eq(c_write_text(fd, "hello, wire"), 11);
	int64_t pos = -1;
	ck_assert_int_eq(fs0_lseek(FS0_TID, fd, 7, FS0_SEEK_SET, &pos), 0);
	ck_assert_int_eq(pos, 7);
	ck_assert_int_eq(c_read_text(fd, 100), 4);
	ck_assert_str_eq((char *)client_buf(CLIENT_A), "wire");
	ck_assert_int_eq(c_read_text(fd, 100), 0);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), -FS0_EBADF);
}
END_TEST

/* The stub copies what fs0 put in the shared buffer to the caller's memory, and no more. */
START_TEST(read_reaches_the_callers_memory)
{
	char text[16];
	uint32_t len = 10;
	memset(text, '-', sizeof(text));
	c_make_file("/f", "abcdef");
	int fd = c_open("/f", FS0_O_RDONLY, 0);
	ck_assert_int_eq(fs0_read(FS0_TID, fd, text, &len), 6);
	ck_assert_uint_eq(len, 6);
	ck_assert_mem_eq(text, "abcdef--", 8);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

/* pread and pwrite through the wire: the bytes and counts come back, the
 * open file's offset stays, and what has no offset says so. */
START_TEST(pread_and_pwrite_leave_the_offset)
{
	char text[8];
	uint32_t len = sizeof(text);
	int64_t pos = -1;
	memset(text, '-', sizeof(text));
	c_make_file("/f", "abcdef");
	int fd = c_open("/f", FS0_O_RDWR, 0);
	ck_assert_int_eq(fs0_pwrite(FS0_TID, fd, 2, "XY", 2), 2);
	ck_assert_int_eq(fs0_pread(FS0_TID, fd, 1, text, &len), 5);
	ck_assert_uint_eq(len, 5);
	ck_assert_mem_eq(text, "bXYef---", 8);
	ck_assert_int_eq(fs0_lseek(FS0_TID, fd, 0, FS0_SEEK_CUR, &pos), 0);
	ck_assert_int_eq(pos, 0);
	ck_assert_int_eq(fs0_pread(FS0_TID, fd, -1, text, &len), -FS0_EINVAL);
	int fds[2];
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, fds), 0);
	ck_assert_int_eq(fs0_pwrite(FS0_TID, fds[1], 0, "z", 1), -FS0_ESPIPE);
	ck_assert_int_eq(fs0_close(FS0_TID, fds[0]), 0);
	ck_assert_int_eq(fs0_close(FS0_TID, fds[1]), 0);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

START_TEST(stat_and_fstat)
{
	c_make_file("/s", "12345");
	struct fs0_stat_info st;
	ck_assert_int_eq(c_stat("/s", &st), 0);
	ck_assert(FS0_S_ISREG(st.mode));
	ck_assert_int_eq(st.size, 5);
	ck_assert_uint_eq(st.nlink, 1);
	int fd = c_open("/s", FS0_O_RDONLY, 0);
	struct fs0_stat_info fst;
	ck_assert_int_eq(fs0_fstat(FS0_TID, fd, &fst), 0);
	ck_assert_uint_eq(fst.ino, st.ino);
	ck_assert_uint_eq(fst.dev, st.dev);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
	ck_assert_int_eq(c_stat("/", &st), 0);
	ck_assert(FS0_S_ISDIR(st.mode));
}
END_TEST

START_TEST(ftruncate_grows_and_shrinks)
{
	int fd = c_open("/t", FS0_O_RDWR | FS0_O_CREAT, 0644);
	ck_assert_int_eq(fs0_ftruncate(FS0_TID, fd, 10000), 0);
	struct fs0_stat_info st;
	ck_assert_int_eq(fs0_fstat(FS0_TID, fd, &st), 0);
	ck_assert_int_eq(st.size, 10000);
	ck_assert_int_eq(fs0_ftruncate(FS0_TID, fd, 3), 0);
	ck_assert_int_eq(fs0_fstat(FS0_TID, fd, &st), 0);
	ck_assert_int_eq(st.size, 3);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

START_TEST(mkdir_rename_unlink_rmdir)
{
	ck_assert_int_eq(c_mkdir("/d"), 0);
	c_make_file("/d/a", "x");
	ck_assert_int_eq(c_rename("/d/a", "/d/b"), 0);
	struct fs0_stat_info st;
	ck_assert_int_eq(c_stat("/d/a", &st), -FS0_ENOENT);
	ck_assert_int_eq(c_stat("/d/b", &st), 0);
	ck_assert_int_eq(c_unlink("/d/b"), 0);
	ck_assert_int_eq(c_rmdir("/d"), 0);
	ck_assert_int_eq(c_stat("/d", &st), -FS0_ENOENT);
}
END_TEST

START_TEST(chdir_and_getcwd)
{
	ck_assert_int_eq(c_mkdir("/home"), 0);
	ck_assert_int_eq(c_mkdir("/home/larch"), 0);
	ck_assert_int_eq(c_chdir("/home/larch"), 0);
	ck_assert_int_eq(c_getcwd(64), (int)sizeof("/home/larch"));
	ck_assert_str_eq((char *)client_buf(CLIENT_A), "/home/larch");
	c_make_file("rel", "r");
	struct fs0_stat_info st;
	ck_assert_int_eq(c_stat("/home/larch/rel", &st), 0);
	ck_assert_int_eq(c_getcwd(5), -FS0_ERANGE);
	ck_assert_int_eq(c_unlink("rel"), 0);
	ck_assert_int_eq(c_chdir(".."), 0);
	ck_assert_int_eq(c_rmdir("larch"), 0);
}
END_TEST

START_TEST(getdents_lists_in_creation_order)
{
	ck_assert_int_eq(c_mkdir("/list"), 0);
	c_make_file("/list/one", "1");
	c_make_file("/list/two", "2");
	int fd = c_open("/list", FS0_O_RDONLY | FS0_O_DIRECTORY, 0);
	static _Alignas(8) uint8_t records[4096];
	uint32_t len = sizeof(records);
	int bytes = fs0_getdents(FS0_TID, fd, records, &len);
	ck_assert_int_gt(bytes, 0);
	ck_assert_uint_eq(len, (uint32_t)bytes);
	const char *names[4] = { 0 };
	int count = 0;
	for (int at = 0; at < bytes && count < 4;) {
		const struct fs0_dirent *dirent = (const void *)(records + at);
		names[count++] = (const char *)dirent + FS0_DIRENT_NAME_OFFSET;
		at += dirent->d_reclen;
	}
	ck_assert_int_eq(count, 4);
	ck_assert_str_eq(names[0], ".");
	ck_assert_str_eq(names[1], "..");
	ck_assert_str_eq(names[2], "one");
	ck_assert_str_eq(names[3], "two");
	ck_assert_int_eq(fs0_getdents(FS0_TID, fd, records, &len), 0);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

START_TEST(dup_and_dup2_share_the_offset)
{
	c_make_file("/o", "abcdef");
	int fd = c_open("/o", FS0_O_RDONLY, 0);
	int copy = fs0_dup(FS0_TID, fd);
	ck_assert_int_eq(copy, fd + 1);
	ck_assert_int_eq(fs0_dup2(FS0_TID, fd, 9), 9);
	ck_assert_int_eq(c_read_text(fd, 2), 2);
	ck_assert_int_eq(c_read_text(copy, 2), 2);
	ck_assert_str_eq((char *)client_buf(CLIENT_A), "cd");
	ck_assert_int_eq(c_read_text(9, 2), 2);
	ck_assert_str_eq((char *)client_buf(CLIENT_A), "ef");
	for (int each = 0; each < 3; each++)
		ck_assert_int_eq(fs0_close(FS0_TID, each == 2 ? 9 : fd + each), 0);
}
END_TEST

START_TEST(pipe_carries_bytes)
{
	int32_t fds[2] = { -1, -1 };
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, fds), 0);
	ck_assert_int_eq(fds[0], 0);
	ck_assert_int_eq(fds[1], 1);
	ck_assert_int_eq(c_write_text(fds[1], "through"), 7);
	ck_assert_int_eq(c_read_text(fds[0], 64), 7);
	ck_assert_str_eq((char *)client_buf(CLIENT_A), "through");
	ck_assert_int_eq(fs0_close(FS0_TID, fds[1]), 0);
	ck_assert_int_eq(c_read_text(fds[0], 64), 0);
	ck_assert_int_eq(fs0_close(FS0_TID, fds[0]), 0);
}
END_TEST

START_TEST(nonblocking_pipe_says_eagain)
{
	int32_t fds[2];
	ck_assert_int_eq(fs0_pipe(FS0_TID, FS0_O_NONBLOCK, fds), 0);
	ck_assert_int_eq(c_read_text(fds[0], 64), -FS0_EAGAIN);
	ck_assert_int_eq(fs0_close(FS0_TID, fds[0]), 0);
	ck_assert_int_eq(fs0_close(FS0_TID, fds[1]), 0);
}
END_TEST

/* The bulk path: one request moves a whole MiB, straight into the buffer. */
START_TEST(one_mebibyte_in_one_request_each_way)
{
	const uint32_t size = 1u << 20;
	int fd = c_open("/big", FS0_O_RDWR | FS0_O_CREAT, 0644);
	ck_assert_int_eq(fd, 0);
	give_buffer(CLIENT_A, BIG_OFF, BIG_SIZE);
	uint8_t *out = malloc(size), *back = malloc(size);
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(back);
	for (uint32_t i = 0; i < size; i++)
		out[i] = (uint8_t)(i * 7 + i / 4096);
	ck_assert_int_eq(fs0_write(FS0_TID, fd, out, size), (int)size);
	int64_t pos;
	ck_assert_int_eq(fs0_lseek(FS0_TID, fd, 0, FS0_SEEK_SET, &pos), 0);
	uint32_t len = size;
	ck_assert_int_eq(fs0_read(FS0_TID, fd, back, &len), (int)size);
	ck_assert_mem_eq(back, out, size);
	free(out);
	free(back);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.vnodes, 2);
}
END_TEST

START_TEST(mm0_handles_and_pages)
{
	c_make_file("/prog", "#!code");
	int fd = c_open("/prog", FS0_O_RDWR, 0);
	give_buffer(MM0_TID, BIG_OFF, 2 * FS0_PAGE_SIZE);
	act_as(MM0_TID);
	struct fs0_mm_info by_fd, by_path;
	ck_assert_int_eq(fs0_mm_get_fd(FS0_TID, CLIENT_A, fd, &by_fd), 0);
	ck_assert_uint_eq(by_fd.access, FS0_O_RDWR);
	ck_assert(by_fd.writable_fs);
	ck_assert_int_eq(by_fd.size, 6);
	ck_assert_int_eq(fs0_mm_get_path(FS0_TID, CLIENT_A, "/prog", &by_path), 0);
	ck_assert_uint_eq(by_path.handle, by_fd.handle);

	static uint8_t page[FS0_PAGE_SIZE];
	uint32_t len = FS0_PAGE_SIZE;
	memset(page, 0xee, FS0_PAGE_SIZE);
	ck_assert_int_eq(fs0_mm_read_page(FS0_TID, by_fd.handle, 0, page, &len), 6);
	ck_assert_uint_eq(len, FS0_PAGE_SIZE);
	ck_assert_mem_eq(page, "#!code\0\0", 8);
	ck_assert_int_eq(fs0_mm_read_page(FS0_TID, by_fd.handle, 1, page, &len), 0);
	len = FS0_PAGE_SIZE - 1;
	ck_assert_int_eq(fs0_mm_read_page(FS0_TID, by_fd.handle, 0, page, &len), -FS0_EINVAL);
	memcpy(page, "#!CODE", 6);
	ck_assert_int_eq(fs0_mm_write_page(FS0_TID, by_fd.handle, 0, page, FS0_PAGE_SIZE), 6);
	ck_assert_int_eq(fs0_mm_write_page(FS0_TID, by_fd.handle, 0, page, 6), -FS0_EINVAL);
	ck_assert_int_eq(fs0_mm_release(FS0_TID, by_fd.handle), 0);
	ck_assert_int_eq(fs0_mm_release(FS0_TID, by_path.handle), 0);
	ck_assert_int_eq(fs0_mm_release(FS0_TID, by_path.handle), -FS0_EBADF);

	act_as(CLIENT_A);
	ck_assert_int_eq(c_read_text(fd, 64), 6);
	ck_assert_str_eq((char *)client_buf(CLIENT_A), "#!CODE");
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

/* mm0's path is the task's: a relative one starts at the task's cwd. */
START_TEST(mm_get_path_starts_at_the_tasks_cwd)
{
	ck_assert_int_eq(c_mkdir("/bin"), 0);
	c_make_file("/bin/tool", "elf");
	ck_assert_int_eq(c_chdir("/bin"), 0);
	give_buffer(MM0_TID, BIG_OFF, FS0_PAGE_SIZE);
	act_as(MM0_TID);
	struct fs0_mm_info relative, absolute;
	ck_assert_int_eq(fs0_mm_get_path(FS0_TID, CLIENT_A, "tool", &relative), 0);
	ck_assert_int_eq(relative.size, 3);
	ck_assert_int_eq(fs0_mm_get_path(FS0_TID, CLIENT_A, "/bin/tool", &absolute), 0);
	ck_assert_uint_eq(absolute.handle, relative.handle);
	ck_assert_int_eq(fs0_mm_get_path(FS0_TID, CLIENT_A, "/tool", &absolute), -FS0_ENOENT);
	ck_assert_int_eq(fs0_mm_release(FS0_TID, relative.handle), 0);
	ck_assert_int_eq(fs0_mm_release(FS0_TID, relative.handle), 0);
	act_as(CLIENT_A);
	ck_assert_int_eq(c_chdir("/"), 0);
}
END_TEST

/* Times stamped after mm0's set_boot_time are the clock's (none here: 0) plus it. */
START_TEST(set_boot_time_moves_file_times)
{
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_set_boot_time(FS0_TID, 1765000000LL * 1000000000LL + 250), 0);
	act_as(CLIENT_A);
	c_make_file("/late", "x");
	struct fs0_stat_info st;
	ck_assert_int_eq(c_stat("/late", &st), 0);
	ck_assert_int_eq(st.mtime_sec, 1765000000LL);
	ck_assert_uint_eq(st.mtime_nsec, 250);
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_set_boot_time(FS0_TID, -1), 0);
	act_as(CLIENT_A);
	c_make_file("/early", "x");
	ck_assert_int_eq(c_stat("/early", &st), 0);
	ck_assert_int_eq(st.mtime_sec, -1);
	ck_assert_uint_eq(st.mtime_nsec, 999999999);
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_set_boot_time(FS0_TID, 0), 0);
}
END_TEST

/* The path of open is a bulk parameter too: the file is opened while the buffer lives. */
START_TEST(set_buffer_size_zero_forgets_it)
{
	int fd = c_open("/nobuf", FS0_O_RDWR | FS0_O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_set_buffer(FS0_TID, CLIENT_A, 0, 0), 0);
	ck_assert_uint_eq(idlrt_bulk_held(), 0);
	act_as(CLIENT_A);
	ck_assert_int_eq(fs0_write(FS0_TID, fd, "z", 1), -FS0_EFAULT);
	ck_assert_int_eq(c_open("/nobuf", FS0_O_RDONLY, 0), -FS0_EFAULT);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

START_TEST(task_exit_closes_and_forgets)
{
	introduce(CLIENT_A, CLIENT_B, false);
	act_as(CLIENT_B);
	ck_assert_int_ge(c_open("/b", FS0_O_WRONLY | FS0_O_CREAT, 0644), 0);
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_task_exit(FS0_TID, CLIENT_B), 0);
	ck_assert_int_eq(fs0_task_exit(FS0_TID, CLIENT_B), -FS0_ESRCH);
	ck_assert_uint_eq(idlrt_bulk_held(), 1);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.files, 0);
	ck_assert_uint_eq(stats.tasks, 1);
}
END_TEST

/* With --trace the dispatch prints each call decoded. */
static char trace_line[IDLRT_TB_SIZE];
static void keep_trace(const char *line)
{
	strncpy(trace_line, line, sizeof(trace_line) - 1);
}

START_TEST(trace_prints_the_call)
{
	ck_assert_int_eq(idlrt_loopback_bind(FS0_TID, fs0_dispatch, 1), 0);
	idlrt_trace_sink = keep_trace;
	int fd = c_open("/t", FS0_O_WRONLY | FS0_O_CREAT, 0600);
	idlrt_trace_sink = NULL;
	/* Flags by name, the mode in octal (the IDL's flag set and octal uint32). */
	ck_assert_ptr_nonnull(strstr(trace_line, " fs0.open(dirfd=-100, path=\"/t\", flags=O_WRONLY|O_CREAT, "
					     "mode=0600) = 0"));
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

START_TEST(stats_count_what_lives)
{
	struct fs0_counts before, open_now, after;
	struct fs0_stats logic;
	ck_assert_int_eq(fs0_stats(FS0_TID, &before), 0);
	fs_stats(&logic);
	ck_assert_uint_eq(before.vnodes, logic.vnodes);
	ck_assert_uint_eq(before.tasks, logic.tasks);
	ck_assert_uint_eq(before.allocations, logic.allocations);
	int fd = c_open("/counted", FS0_O_RDWR | FS0_O_CREAT, 0600);
	ck_assert_int_eq(fs0_stats(FS0_TID, &open_now), 0);
	ck_assert_uint_eq(open_now.files, before.files + 1);
	ck_assert_uint_eq(open_now.descriptors, before.descriptors + 1);
	ck_assert_uint_eq(open_now.vnodes, before.vnodes + 1);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
	ck_assert_int_eq(c_unlink("/counted"), 0);
	ck_assert_int_eq(fs0_stats(FS0_TID, &after), 0);
	ck_assert_mem_eq(&after, &before, sizeof(after));
	act_as(STRANGER);
	ck_assert_int_eq(fs0_stats(FS0_TID, &after), 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 protocol: operations");
	TCase *files = proto_tcase("files");
	tcase_add_test(files, open_write_read_close);
	tcase_add_test(files, read_reaches_the_callers_memory);
	tcase_add_test(files, pread_and_pwrite_leave_the_offset);
	tcase_add_test(files, stat_and_fstat);
	tcase_add_test(files, ftruncate_grows_and_shrinks);
	tcase_add_test(files, dup_and_dup2_share_the_offset);
	tcase_add_test(files, one_mebibyte_in_one_request_each_way);
	suite_add_tcase(suite, files);
	TCase *dirs = proto_tcase("directories");
	tcase_add_test(dirs, mkdir_rename_unlink_rmdir);
	tcase_add_test(dirs, chdir_and_getcwd);
	tcase_add_test(dirs, getdents_lists_in_creation_order);
	suite_add_tcase(suite, dirs);
	TCase *pipes = proto_tcase("pipes");
	tcase_add_test(pipes, pipe_carries_bytes);
	tcase_add_test(pipes, nonblocking_pipe_says_eagain);
	suite_add_tcase(suite, pipes);
	TCase *server = proto_tcase("server");
	tcase_add_test(server, trace_prints_the_call);
	tcase_add_test(server, stats_count_what_lives);
	suite_add_tcase(suite, server);
	TCase *mm = proto_tcase("mm0");
	tcase_add_test(mm, mm0_handles_and_pages);
	tcase_add_test(mm, mm_get_path_starts_at_the_tasks_cwd);
	tcase_add_test(mm, set_boot_time_moves_file_times);
	tcase_add_test(mm, set_buffer_size_zero_forgets_it);
	tcase_add_test(mm, task_exit_closes_and_forgets);
	suite_add_tcase(suite, mm);
	return run_proto_suite(suite);
}

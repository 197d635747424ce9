/* check_links.c - fs0's names and status: hard and symbolic links and their
 * resolution, named pipes, realpath, requests relative to a directory
 * descriptor, mode, owner and times, and the permission checks for a user
 * who is not root. */
#include <stdio.h>
#include <string.h>
#include "fixture.h"
#include "perm.h"
#include "vnode.h"

static struct fs0_stat_info stat_of(const char *path, uint32_t at_flags)
{
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, path, at_flags, &st), 0);
	return st;
}

/* A clock the tests move by hand. */
static int64_t clock_sec;
static void test_clock(int64_t *sec, uint32_t *nsec)
{
	*sec = clock_sec;
	*nsec = 500;
}

START_TEST(hard_link_counts_names)
{
	make_file("/a", "data");
	ck_assert_int_eq(fs_link(TASK_A, FS0_AT_FDCWD, "/a", FS0_AT_FDCWD, "/b", 0), 0);
	ck_assert_uint_eq(stat_of("/a", 0).nlink, 2);
	ck_assert_uint_eq(stat_of("/b", 0).ino, stat_of("/a", 0).ino);
	ck_assert_int_eq(fs_link(TASK_A, FS0_AT_FDCWD, "/a", FS0_AT_FDCWD, "/b", 0), -FS0_EEXIST);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/d", 0755), 0);
	ck_assert_int_eq(fs_link(TASK_A, FS0_AT_FDCWD, "/d", FS0_AT_FDCWD, "/e", 0), -FS0_EPERM);
	ck_assert_int_eq(fs_link(TASK_A, FS0_AT_FDCWD, "/none", FS0_AT_FDCWD, "/f", 0), -FS0_ENOENT);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/a"), 0);
	ck_assert_uint_eq(stat_of("/b", 0).nlink, 1);
	char buf[16];
	ck_assert_int_eq(slurp("/b", buf, sizeof(buf)), 4);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/b", FS0_AT_FDCWD, "/d/b"), 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/d/b"), 0);
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/d"), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(rename_over_a_linked_file_keeps_the_other_name)
{
	make_file("/x", "x");
	make_file("/y", "y");
	ck_assert_int_eq(fs_link(TASK_A, FS0_AT_FDCWD, "/y", FS0_AT_FDCWD, "/z", 0), 0);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/x", FS0_AT_FDCWD, "/y"), 0);
	ck_assert_uint_eq(stat_of("/z", 0).nlink, 1);
	char buf[4];
	ck_assert_int_eq(slurp("/z", buf, sizeof(buf)), 1);
	ck_assert_str_eq(buf, "y");
}
END_TEST

START_TEST(symlink_is_followed_but_where_said)
{
	make_file("/target", "through");
	ck_assert_int_eq(fs_symlink(TASK_A, "target", FS0_AT_FDCWD, "/ln"), 0);
	ck_assert_int_eq(fs_symlink(TASK_A, "target", FS0_AT_FDCWD, "/ln"), -FS0_EEXIST);
	ck_assert_int_eq(fs_symlink(TASK_A, "", FS0_AT_FDCWD, "/empty"), -FS0_ENOENT);
	struct fs0_stat_info link = stat_of("/ln", FS0_AT_SYMLINK_NOFOLLOW);
	ck_assert(FS0_S_ISLNK(link.mode));
	ck_assert_int_eq(link.size, 6);
	ck_assert(FS0_S_ISREG(stat_of("/ln", 0).mode));
	char buf[16];
	ck_assert_int_eq(slurp("/ln", buf, sizeof(buf)), 7);
	ck_assert_int_eq(fs_readlink(TASK_A, FS0_AT_FDCWD, "/ln", buf, sizeof(buf)), 6);
	ck_assert_mem_eq(buf, "target", 6);
	ck_assert_int_eq(fs_readlink(TASK_A, FS0_AT_FDCWD, "/target", buf, sizeof(buf)), -FS0_EINVAL);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/ln", FS0_O_RDONLY | FS0_O_NOFOLLOW, 0), -FS0_ELOOP);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/ln", FS0_O_RDWR | FS0_O_CREAT | FS0_O_EXCL, 0644),
			 -FS0_EEXIST);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/ln"), 0);
	ck_assert(FS0_S_ISREG(stat_of("/target", 0).mode));
}
END_TEST

START_TEST(links_inside_paths_and_loops)
{
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/dir", 0755), 0);
	make_file("/dir/f", "f");
	ck_assert_int_eq(fs_symlink(TASK_A, "/dir", FS0_AT_FDCWD, "/abs"), 0);
	ck_assert_int_eq(fs_symlink(TASK_A, "../dir/.", FS0_AT_FDCWD, "/dir/rel"), 0);
	ck_assert(FS0_S_ISREG(stat_of("/abs/rel/rel/f", 0).mode));
	ck_assert(FS0_S_ISDIR(stat_of("/dir/rel/", FS0_AT_SYMLINK_NOFOLLOW).mode));
	ck_assert_int_eq(fs_symlink(TASK_A, "/dir/f", FS0_AT_FDCWD, "/file_ln"), 0);
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/file_ln/", 0, &st), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_symlink(TASK_A, "loop_b", FS0_AT_FDCWD, "/loop_a"), 0);
	ck_assert_int_eq(fs_symlink(TASK_A, "loop_a", FS0_AT_FDCWD, "/loop_b"), 0);
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/loop_a", 0, &st), -FS0_ELOOP);
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/loop_a/x", 0, &st), -FS0_ELOOP);
	ck_assert(FS0_S_ISLNK(stat_of("/loop_a", FS0_AT_SYMLINK_NOFOLLOW).mode));
}
END_TEST

/* 40 links are followed, the 41st is ELOOP. */
START_TEST(forty_links_and_no_more)
{
	make_file("/end", "e");
	char name[16], target[16] = "end";
	for (int i = 0; i <= FS0_SYMLOOP_MAX; i++) {
		snprintf(name, sizeof(name), "/l%d", i);
		ck_assert_int_eq(fs_symlink(TASK_A, target, FS0_AT_FDCWD, name), 0);
		snprintf(target, sizeof(target), "l%d", i);
	}
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/l39", 0, &st), 0);
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/l40", 0, &st), -FS0_ELOOP);
}
END_TEST

START_TEST(create_through_a_dangling_link)
{
	ck_assert_int_eq(fs_symlink(TASK_A, "made", FS0_AT_FDCWD, "/dangling"), 0);
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/dangling", FS0_O_WRONLY | FS0_O_CREAT, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert(FS0_S_ISREG(stat_of("/made", 0).mode));
}
END_TEST

START_TEST(realpath_resolves_links)
{
	char buf[FS0_PATH_MAX];
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/r", 0755), 0);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/r/s", 0755), 0);
	make_file("/r/s/f", "f");
	ck_assert_int_eq(fs_symlink(TASK_A, "r/s", FS0_AT_FDCWD, "/short"), 0);
	ck_assert_int_eq(fs_realpath(TASK_A, FS0_AT_FDCWD, "/short/./f", buf, sizeof(buf)), 7);
	ck_assert_str_eq(buf, "/r/s/f");
	ck_assert_int_eq(fs_realpath(TASK_A, FS0_AT_FDCWD, "/short/..", buf, sizeof(buf)), 3);
	ck_assert_str_eq(buf, "/r");
	ck_assert_int_eq(fs_realpath(TASK_A, FS0_AT_FDCWD, "/", buf, sizeof(buf)), 2);
	ck_assert_str_eq(buf, "/");
	ck_assert_int_eq(fs_realpath(TASK_A, FS0_AT_FDCWD, "/r", buf, sizeof(buf)), 3);
	ck_assert_int_eq(fs_realpath(TASK_A, FS0_AT_FDCWD, "/short/none", buf, sizeof(buf)), -FS0_ENOENT);
	ck_assert_int_eq(fs_realpath(TASK_A, FS0_AT_FDCWD, "/short/f/", buf, sizeof(buf)), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_realpath(TASK_A, FS0_AT_FDCWD, "/short/f", buf, 4), -FS0_ERANGE);
}
END_TEST

START_TEST(named_pipe_carries_bytes)
{
	ck_assert_int_eq(fs_mknod(TASK_A, FS0_AT_FDCWD, "/fifo", FS0_S_IFIFO | 0600), 0);
	ck_assert_int_eq(fs_mknod(TASK_A, FS0_AT_FDCWD, "/dev0", 0x2000 | 0600), -FS0_EPERM);
	ck_assert(FS0_S_ISFIFO(stat_of("/fifo", 0).mode));
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/fifo", FS0_O_WRONLY | FS0_O_NONBLOCK, 0), -FS0_ENXIO);
	int reader = fs_open(TASK_A, FS0_AT_FDCWD, "/fifo", FS0_O_RDONLY | FS0_O_NONBLOCK, 0);
	int writer = fs_open(TASK_A, FS0_AT_FDCWD, "/fifo", FS0_O_WRONLY | FS0_O_NONBLOCK, 0);
	ck_assert_int_ge(reader, 0);
	ck_assert_int_ge(writer, 0);
	ck_assert_int_eq(fs_write(TASK_A, writer, "abc", 3, NULL), 3);
	char buf[8];
	ck_assert_int_eq(fs_read(TASK_A, reader, buf, sizeof(buf), NULL), 3);
	ck_assert_mem_eq(buf, "abc", 3);
	ck_assert_int_eq(fs_close(TASK_A, writer), 0);
	ck_assert_int_eq(fs_close(TASK_A, reader), 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/fifo"), 0);
	assert_only_root_left();
}
END_TEST

/* A named pipe's blocking reader that comes first waits for a writer's
 * bytes (not EOF); a writer that comes first is not refused with EPIPE. */
START_TEST(named_pipe_waits_for_the_other_end)
{
	int read_token, write_token;
	char buf[8];
	ck_assert_int_eq(fs_mknod(TASK_A, FS0_AT_FDCWD, "/w", FS0_S_IFIFO | 0600), 0);
	int reader = fs_open(TASK_A, FS0_AT_FDCWD, "/w", FS0_O_RDONLY, 0);
	ck_assert_int_eq(fs_read(TASK_A, reader, buf, sizeof(buf), &read_token), IDLRT_DEFERRED);
	int writer = fs_open(TASK_A, FS0_AT_FDCWD, "/w", FS0_O_WRONLY, 0);
	ck_assert_int_eq(completion_count, 0);
	ck_assert_int_eq(fs_write(TASK_A, writer, "hi", 2, &write_token), 2);
	ck_assert_int_eq(completion_count, 1);
	ck_assert_ptr_eq(completions[0].token, &read_token);
	ck_assert_int_eq(completions[0].result, 2);
	ck_assert_int_eq(fs_close(TASK_A, writer), 0);
	ck_assert_int_eq(fs_read(TASK_A, reader, buf, sizeof(buf), &read_token), 0);	/* EOF now */
	ck_assert_int_eq(fs_close(TASK_A, reader), 0);
	writer = fs_open(TASK_A, FS0_AT_FDCWD, "/w", FS0_O_WRONLY, 0);
	ck_assert_int_eq(fs_write(TASK_A, writer, "yo", 2, &write_token), 2);
	reader = fs_open(TASK_A, FS0_AT_FDCWD, "/w", FS0_O_RDONLY | FS0_O_NONBLOCK, 0);
	ck_assert_int_eq(fs_read(TASK_A, reader, buf, sizeof(buf), NULL), 2);
	ck_assert_int_eq(fs_close(TASK_A, writer), 0);
	ck_assert_int_eq(fs_close(TASK_A, reader), 0);
}
END_TEST

START_TEST(at_requests_start_at_dirfd)
{
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/base", 0755), 0);
	int dir = fs_open(TASK_A, FS0_AT_FDCWD, "/base", FS0_O_RDONLY | FS0_O_DIRECTORY, 0);
	ck_assert_int_ge(dir, 0);
	ck_assert_int_eq(fs_mkdir(TASK_A, dir, "sub", 0755), 0);
	int fd = fs_open(TASK_A, dir, "sub/f", FS0_O_WRONLY | FS0_O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert(FS0_S_ISREG(stat_of("/base/sub/f", 0).mode));
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_stat(TASK_A, fd, "x", 0, &st), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_stat(TASK_A, 50, "x", 0, &st), -FS0_EBADF);
	ck_assert_int_eq(fs_stat(TASK_A, 50, "/base", 0, &st), 0);
	ck_assert_int_eq(fs_rename(TASK_A, dir, "sub/f", FS0_AT_FDCWD, "/g"), 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/g"), 0);
	ck_assert_int_eq(fs_rmdir(TASK_A, dir, "sub"), 0);
	ck_assert_int_eq(fs_fchdir(TASK_A, dir), 0);
	char cwd[32];
	ck_assert_int_eq(fs_getcwd(TASK_A, cwd, sizeof(cwd)), 6);
	ck_assert_str_eq(cwd, "/base");
	ck_assert_int_eq(fs_fchdir(TASK_A, fd), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(fs_close(TASK_A, dir), 0);
	ck_assert_int_eq(fs_chdir(TASK_A, "/"), 0);
}
END_TEST

START_TEST(mode_owner_and_times)
{
	fs_set_clock(test_clock);
	clock_sec = 100;
	make_file("/m", "m");
	struct fs0_stat_info st = stat_of("/m", 0);
	ck_assert_int_eq(st.mtime_sec, 100);
	ck_assert_uint_eq(st.mtime_nsec, 500);
	ck_assert_uint_eq(st.uid, 0);
	clock_sec = 200;
	ck_assert_int_eq(fs_chmod(TASK_A, FS0_AT_FDCWD, "/m", 04755, 0), 0);
	st = stat_of("/m", 0);
	ck_assert_uint_eq(st.mode, FS0_S_IFREG | 04755);
	ck_assert_int_eq(st.ctime_sec, 200);
	ck_assert_int_eq(st.mtime_sec, 100);
	ck_assert_int_eq(fs_chown(TASK_A, FS0_AT_FDCWD, "/m", 7, FS0_ID_UNCHANGED, 0), 0);
	st = stat_of("/m", 0);
	ck_assert_uint_eq(st.uid, 7);
	ck_assert_uint_eq(st.gid, 0);
	ck_assert_uint_eq(st.mode, FS0_S_IFREG | 0755);	/* set-user-id cleared */
	struct fs0_file_times times = { 1, 2, 3, FS0_UTIME_OMIT };
	ck_assert_int_eq(fs_utimens(TASK_A, FS0_AT_FDCWD, "/m", &times, 0), 0);
	st = stat_of("/m", 0);
	ck_assert_int_eq(st.atime_sec, 1);
	ck_assert_uint_eq(st.atime_nsec, 2);
	ck_assert_int_eq(st.mtime_sec, 100);
	times.atime_nsec = 1000000000;
	ck_assert_int_eq(fs_utimens(TASK_A, FS0_AT_FDCWD, "/m", &times, 0), -FS0_EINVAL);
	clock_sec = 300;
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/m", FS0_O_WRONLY, 0);
	ck_assert_int_eq(fs_write(TASK_A, fd, "z", 1, NULL), 1);
	st = stat_of("/m", 0);
	ck_assert_int_eq(st.mtime_sec, 300);
	ck_assert_int_eq(st.ctime_sec, 300);
	ck_assert_int_eq(fs_fchmod(TASK_A, fd, 0600), 0);
	ck_assert_int_eq(fs_fchown(TASK_A, fd, FS0_ID_UNCHANGED, 9), 0);
	struct fs0_file_times now = { 0, FS0_UTIME_NOW, 0, FS0_UTIME_NOW };
	clock_sec = 400;
	ck_assert_int_eq(fs_futimens(TASK_A, fd, &now), 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	st = stat_of("/m", 0);
	ck_assert_uint_eq(st.gid, 9);
	ck_assert_uint_eq(st.mode & 07777, 0600);
	ck_assert_int_eq(st.atime_sec, 400);
	ck_assert_int_eq(st.mtime_sec, 400);
	ck_assert(FS0_S_ISDIR(stat_of("/", 0).mode));
	ck_assert_int_eq(stat_of("/", 0).mtime_sec, 100);	/* /m was added at 100 */
	fs_set_clock(NULL);
}
END_TEST

START_TEST(access_for_root)
{
	make_file("/p", "p");
	ck_assert_int_eq(fs_chmod(TASK_A, FS0_AT_FDCWD, "/p", 0600, 0), 0);
	ck_assert_int_eq(fs_access(TASK_A, FS0_AT_FDCWD, "/p", FS0_R_OK | FS0_W_OK, 0), 0);
	ck_assert_int_eq(fs_access(TASK_A, FS0_AT_FDCWD, "/p", FS0_X_OK, 0), -FS0_EACCES);
	ck_assert_int_eq(fs_chmod(TASK_A, FS0_AT_FDCWD, "/p", 0001, 0), 0);
	ck_assert_int_eq(fs_access(TASK_A, FS0_AT_FDCWD, "/p", FS0_X_OK, 0), 0);
	ck_assert_int_eq(fs_access(TASK_A, FS0_AT_FDCWD, "/", FS0_X_OK, 0), 0);
	ck_assert_int_eq(fs_access(TASK_A, FS0_AT_FDCWD, "/none", 0, 0), -FS0_ENOENT);
	ck_assert_int_eq(fs_access(TASK_A, FS0_AT_FDCWD, "/p", 8, 0), -FS0_EINVAL);
}
END_TEST

/* The checks as a user who is not root would meet them. */
START_TEST(permissions_by_owner_group_and_other)
{
	make_file("/q", "q");
	ck_assert_int_eq(fs_chown(TASK_A, FS0_AT_FDCWD, "/q", 1000, 100, 0), 0);
	ck_assert_int_eq(fs_chmod(TASK_A, FS0_AT_FDCWD, "/q", 0640, 0), 0);
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/q", FS0_O_RDONLY, 0);
	ck_assert_int_ge(fd, 0);
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_fstat(TASK_A, fd, &st), 0);
	struct fs0_vnode probe = { .mode = st.mode, .uid = st.uid, .gid = st.gid };
	struct fs0_cred owner = { 1000, 5 }, member = { 2000, 100 }, other = { 3000, 300 };
	ck_assert_int_eq(perm_check(&probe, owner, FS0_R_OK | FS0_W_OK), 0);
	ck_assert_int_eq(perm_check(&probe, owner, FS0_X_OK), -FS0_EACCES);
	ck_assert_int_eq(perm_check(&probe, member, FS0_R_OK), 0);
	ck_assert_int_eq(perm_check(&probe, member, FS0_W_OK), -FS0_EACCES);
	ck_assert_int_eq(perm_check(&probe, other, FS0_R_OK), -FS0_EACCES);
	ck_assert(perm_owns(&probe, owner));
	ck_assert(!perm_owns(&probe, member));
	probe.mode = FS0_S_IFREG | 0604;	/* the owner's own bits count, not the others' */
	ck_assert_int_eq(perm_check(&probe, owner, FS0_R_OK), 0);
	probe.mode = FS0_S_IFREG | 0004;
	ck_assert_int_eq(perm_check(&probe, owner, FS0_R_OK), -FS0_EACCES);
	ck_assert_int_eq(perm_check(&probe, other, FS0_R_OK), 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 links and status");
	TCase *links = fs0_tcase("links");
	tcase_add_test(links, hard_link_counts_names);
	tcase_add_test(links, rename_over_a_linked_file_keeps_the_other_name);
	tcase_add_test(links, symlink_is_followed_but_where_said);
	tcase_add_test(links, links_inside_paths_and_loops);
	tcase_add_test(links, forty_links_and_no_more);
	tcase_add_test(links, create_through_a_dangling_link);
	tcase_add_test(links, realpath_resolves_links);
	tcase_add_test(links, named_pipe_carries_bytes);
	tcase_add_test(links, named_pipe_waits_for_the_other_end);
	suite_add_tcase(suite, links);
	TCase *at = fs0_tcase("at");
	tcase_add_test(at, at_requests_start_at_dirfd);
	suite_add_tcase(suite, at);
	TCase *status = fs0_tcase("status");
	tcase_add_test(status, mode_owner_and_times);
	tcase_add_test(status, access_for_root);
	tcase_add_test(status, permissions_by_owner_group_and_other);
	suite_add_tcase(suite, status);
	return run_suite(suite);
}

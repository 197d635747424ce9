/* check_paths.c - fs0 path requests: lookup, cwd, mkdir, rmdir, unlink,
 * rename and readdir, with every error they can give. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fixture.h"

static uint32_t mode_of(const char *path)
{
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, path, 0, &st), 0);
	return st.mode;
}

START_TEST(test_root_is_a_directory)
{
	ck_assert(FS0_S_ISDIR(mode_of("/")));
	ck_assert(FS0_S_ISDIR(mode_of("/.")));
	ck_assert(FS0_S_ISDIR(mode_of("/../..")));
}
END_TEST

START_TEST(test_create_and_read_back)
{
	char buf[64];
	make_file("/greeting", "hello");
	ck_assert_int_eq(slurp("/greeting", buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "hello");
	ck_assert(FS0_S_ISREG(mode_of("/greeting")));
}
END_TEST

START_TEST(test_bad_paths)
{
	char long_name[FS0_NAME_MAX + 2];
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	char long_path[FS0_PATH_MAX + 1];
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[sizeof(long_path) - 1] = '\0';
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "", 0, &st), -FS0_ENOENT);
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/missing", 0, &st), -FS0_ENOENT);
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/missing/deeper", 0, &st), -FS0_ENOENT);
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, long_name, 0, &st), -FS0_ENAMETOOLONG);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, long_name, FS0_O_CREAT | FS0_O_WRONLY, 0644),
			 -FS0_ENAMETOOLONG);
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, long_path, 0, &st), -FS0_ENAMETOOLONG);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, long_path, 0755), -FS0_ENAMETOOLONG);
	assert_only_root_left();
}
END_TEST

START_TEST(test_unknown_task_is_refused)
{
	struct fs0_stat_info st;
	int fds[2];
	char buf[8];
	ck_assert_int_eq(fs_open(TASK_UNKNOWN, FS0_AT_FDCWD, "/x", FS0_O_CREAT | FS0_O_RDWR, 0644), -FS0_ESRCH);
	ck_assert_int_eq(fs_stat(TASK_UNKNOWN, FS0_AT_FDCWD, "/", 0, &st), -FS0_ESRCH);
	ck_assert_int_eq(fs_mkdir(TASK_UNKNOWN, FS0_AT_FDCWD, "/d", 0755), -FS0_ESRCH);
	ck_assert_int_eq(fs_chdir(TASK_UNKNOWN, "/"), -FS0_ESRCH);
	ck_assert_int_eq(fs_getcwd(TASK_UNKNOWN, buf, sizeof(buf)), -FS0_ESRCH);
	ck_assert_int_eq(fs_pipe(TASK_UNKNOWN, 0, fds), -FS0_ESRCH);
	ck_assert_int_eq(fs_close(TASK_UNKNOWN, 0), -FS0_ESRCH);
	ck_assert_int_eq(fs_read(TASK_UNKNOWN, 0, buf, sizeof(buf), NULL), -FS0_ESRCH);
	assert_only_root_left();
}
END_TEST

START_TEST(test_mkdir_and_its_errors)
{
	make_file("/file", "x");
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/dir", 0755), 0);
	ck_assert(FS0_S_ISDIR(mode_of("/dir")));
	ck_assert(FS0_S_ISDIR(mode_of("/dir/")));
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/dir", 0755), -FS0_EEXIST);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/file", 0755), -FS0_EEXIST);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/", 0755), -FS0_EEXIST);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/nope/dir", 0755), -FS0_ENOENT);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/file/dir", 0755), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/trailing/", 0755), 0);
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/", 0, &st), 0);
	ck_assert_uint_eq(st.nlink, 4);
}
END_TEST

START_TEST(test_rmdir_and_its_errors)
{
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/dir", 0755), 0);
	make_file("/dir/file", "x");
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/dir"), -FS0_ENOTEMPTY);
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/dir/file"), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/missing"), -FS0_ENOENT);
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/dir/."), -FS0_EINVAL);
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/"), -FS0_EBUSY);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/dir/file"), 0);
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/dir"), 0);
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/dir", 0, &st), -FS0_ENOENT);
	assert_only_root_left();
}
END_TEST

START_TEST(test_unlink_and_its_errors)
{
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/dir", 0755), 0);
	make_file("/file", "data");
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/dir"), -FS0_EISDIR);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/"), -FS0_EISDIR);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/missing"), -FS0_ENOENT);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/file/"), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/file/x"), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/file"), 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/file"), -FS0_ENOENT);
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/dir"), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(test_unlinked_open_file_lives_until_close)
{
	make_file("/doomed", "still here");
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/doomed", FS0_O_RDWR, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/doomed"), 0);
	char buf[32] = { 0 };
	ck_assert_int_eq(fs_read(TASK_A, fd, buf, sizeof(buf), NULL), 10);
	ck_assert_str_eq(buf, "still here");
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_fstat(TASK_A, fd, &st), 0);
	ck_assert_uint_eq(st.nlink, 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(test_relative_paths_and_cwd)
{
	char cwd[FS0_PATH_MAX];
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "a", 0755), 0);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "a/b", 0755), 0);
	ck_assert_int_eq(fs_chdir(TASK_A, "a"), 0);
	ck_assert_int_eq(fs_getcwd(TASK_A, cwd, sizeof(cwd)), 3);
	ck_assert_str_eq(cwd, "/a");
	make_file("b/../f", "rel");
	ck_assert(FS0_S_ISREG(mode_of("/a/f")));
	ck_assert(FS0_S_ISREG(mode_of("./b/.././f")));
	ck_assert_int_eq(fs_chdir(TASK_A, "./b//"), 0);
	ck_assert_int_eq(fs_getcwd(TASK_A, cwd, sizeof(cwd)), 5);
	ck_assert_str_eq(cwd, "/a/b");
	ck_assert(FS0_S_ISREG(mode_of("../f")));
	ck_assert_int_eq(fs_chdir(TASK_A, "../../../.."), 0);
	ck_assert_int_eq(fs_getcwd(TASK_A, cwd, sizeof(cwd)), 2);
	ck_assert_str_eq(cwd, "/");
}
END_TEST

START_TEST(test_chdir_and_getcwd_errors)
{
	char small[3];
	make_file("/file", "x");
	ck_assert_int_eq(fs_chdir(TASK_A, "/file"), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_chdir(TASK_A, "/missing"), -FS0_ENOENT);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/long", 0755), 0);
	ck_assert_int_eq(fs_chdir(TASK_A, "/long"), 0);
	ck_assert_int_eq(fs_getcwd(TASK_A, small, sizeof(small)), -FS0_ERANGE);
}
END_TEST

START_TEST(test_removed_cwd)
{
	char cwd[FS0_PATH_MAX];
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/gone", 0755), 0);
	ck_assert_int_eq(fs_chdir(TASK_A, "/gone"), 0);
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/gone"), 0);
	ck_assert_int_eq(fs_getcwd(TASK_A, cwd, sizeof(cwd)), -FS0_ENOENT);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "new", FS0_O_CREAT | FS0_O_WRONLY, 0644), -FS0_ENOENT);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "sub", 0755), -FS0_ENOENT);
	ck_assert_int_eq(fs_chdir(TASK_A, ".."), -FS0_ENOENT);
	ck_assert_int_eq(fs_chdir(TASK_A, "/"), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(test_deep_directories)
{
	enum { DEPTH = 50 };
	char cwd[FS0_PATH_MAX];
	for (int level = 0; level < DEPTH; level++) {
		ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "d", 0755), 0);
		ck_assert_int_eq(fs_chdir(TASK_A, "d"), 0);
	}
	ck_assert_int_eq(fs_getcwd(TASK_A, cwd, sizeof(cwd)), 2 * DEPTH + 1);
	make_file("leaf", "deep");
	char path[FS0_PATH_MAX] = "";
	for (int level = 0; level < DEPTH; level++)
		strcat(path, "/d");
	strcat(path, "/leaf");
	char buf[16];
	ck_assert_int_eq(slurp(path, buf, sizeof(buf)), 4);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "leaf"), 0);
	for (int level = 0; level < DEPTH; level++) {
		ck_assert_int_eq(fs_chdir(TASK_A, ".."), 0);
		ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "d"), 0);
	}
	ck_assert_int_eq(fs_getcwd(TASK_A, cwd, sizeof(cwd)), 2);
	assert_only_root_left();
}
END_TEST

/* Reads a whole directory; counts records and checks each name once. */
static int list_dir(const char *path, size_t buf_size, bool *seen, int seen_count)
{
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, path, FS0_O_RDONLY | FS0_O_DIRECTORY, 0);
	ck_assert_int_ge(fd, 0);
	uint8_t *buf = malloc(buf_size);
	int records = 0;
	long got;
	while ((got = fs_getdents(TASK_A, fd, buf, buf_size)) > 0) {
		for (long at = 0; at < got;) {
			struct fs0_dirent *record = (struct fs0_dirent *)(buf + at);
			ck_assert_uint_eq(record->d_reclen % 8, 0);
			int number;
			if (sscanf((const char *)record + FS0_DIRENT_NAME_OFFSET, "f%d", &number) == 1) {
				ck_assert_int_lt(number, seen_count);
				ck_assert_msg(!seen[number], "%s listed twice", (const char *)record + FS0_DIRENT_NAME_OFFSET);
				seen[number] = true;
				ck_assert_uint_eq(record->d_type, FS0_DT_REG);
			}
			records++;
			at += record->d_reclen;
		}
	}
	ck_assert_int_eq(got, 0);
	free(buf);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	return records;
}

START_TEST(test_many_files_and_readdir)
{
	enum { FILES = 1000 };
	char name[32];
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/many", 0755), 0);
	for (int i = 0; i < FILES; i++) {
		snprintf(name, sizeof(name), "/many/f%d", i);
		int fd = fs_open(TASK_A, FS0_AT_FDCWD, name, FS0_O_CREAT | FS0_O_EXCL | FS0_O_WRONLY, 0644);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	}
	static bool seen[FILES];
	memset(seen, 0, sizeof(seen));
	ck_assert_int_eq(list_dir("/many", 4096, seen, FILES), FILES + 2);
	for (int i = 0; i < FILES; i++)
		ck_assert_msg(seen[i], "f%d missing from readdir", i);
	memset(seen, 0, sizeof(seen));
	ck_assert_int_eq(list_dir("/many", 32, seen, FILES), FILES + 2);
	for (int i = 0; i < FILES; i++) {
		snprintf(name, sizeof(name), "/many/f%d", i);
		ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, name), 0);
	}
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/many"), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(test_readdir_dot_entries_rewind_and_errors)
{
	_Alignas(8) uint8_t buf[256];
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/d", 0755), 0);
	make_file("/d/only", "x");
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/d", FS0_O_RDONLY, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fs_getdents(TASK_A, fd, buf, 8), -FS0_EINVAL);
	ck_assert_int_eq(fs_getdents(TASK_A, fd, buf + 4, sizeof(buf) - 4), -FS0_EINVAL);
	long got = fs_getdents(TASK_A, fd, buf, sizeof(buf));
	ck_assert_int_eq(got, 3 * 24);
	struct fs0_dirent *dot = (struct fs0_dirent *)buf;
	struct fs0_dirent *dotdot = (struct fs0_dirent *)(buf + dot->d_reclen);
	struct fs0_dirent *only = (struct fs0_dirent *)(buf + 48);
	ck_assert_str_eq((const char *)dot + FS0_DIRENT_NAME_OFFSET, ".");
	ck_assert_str_eq((const char *)dotdot + FS0_DIRENT_NAME_OFFSET, "..");
	ck_assert_str_eq((const char *)only + FS0_DIRENT_NAME_OFFSET, "only");
	ck_assert_uint_eq(dot->d_type, FS0_DT_DIR);
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/", 0, &st), 0);
	ck_assert_uint_eq(dotdot->d_ino, st.ino);
	ck_assert_int_eq(fs_getdents(TASK_A, fd, buf, sizeof(buf)), 0);
	int64_t offset;
	ck_assert_int_eq(fs_lseek(TASK_A, fd, dotdot->d_off, FS0_SEEK_SET, &offset), 0);
	ck_assert_int_eq(fs_getdents(TASK_A, fd, buf, sizeof(buf)), 24);
	ck_assert_str_eq((const char *)buf + FS0_DIRENT_NAME_OFFSET, "only");
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	int file_fd = fs_open(TASK_A, FS0_AT_FDCWD, "/d/only", FS0_O_RDONLY, 0);
	ck_assert_int_eq(fs_getdents(TASK_A, file_fd, buf, sizeof(buf)), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_getdents(TASK_A, 63, buf, sizeof(buf)), -FS0_EBADF);
	ck_assert_int_eq(fs_close(TASK_A, file_fd), 0);
}
END_TEST

START_TEST(test_rename_within_and_across_directories)
{
	char buf[16];
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/src", 0755), 0);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/dst", 0755), 0);
	make_file("/src/a", "moved");
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/src/a", FS0_AT_FDCWD, "/src/b"), 0);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/src/b", FS0_AT_FDCWD, "/dst/c"), 0);
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/src/a", 0, &st), -FS0_ENOENT);
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/src/b", 0, &st), -FS0_ENOENT);
	ck_assert_int_eq(slurp("/dst/c", buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "moved");
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/dst/c", FS0_AT_FDCWD, "/dst/c"), 0);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/src", FS0_AT_FDCWD, "/dst/src"), 0);
	ck_assert(FS0_S_ISDIR(mode_of("/dst/src")));
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/", 0, &st), 0);
	ck_assert_uint_eq(st.nlink, 3);
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/dst", 0, &st), 0);
	ck_assert_uint_eq(st.nlink, 3);
}
END_TEST

START_TEST(test_rename_over_existing)
{
	char buf[16];
	make_file("/old", "new text");
	make_file("/target", "old text");
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/old", FS0_AT_FDCWD, "/target"), 0);
	ck_assert_int_eq(slurp("/target", buf, sizeof(buf)), 8);
	ck_assert_str_eq(buf, "new text");
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/d1", 0755), 0);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/d2", 0755), 0);
	make_file("/d1/inside", "x");
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/d1", FS0_AT_FDCWD, "/d2"), 0);
	ck_assert(FS0_S_ISREG(mode_of("/d2/inside")));
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/d2/inside"), 0);
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/d2"), 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/target"), 0);
	assert_only_root_left();
}
END_TEST

START_TEST(test_rename_errors)
{
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/dir", 0755), 0);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/dir/sub", 0755), 0);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/full", 0755), 0);
	make_file("/full/x", "x");
	make_file("/file", "f");
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/missing", FS0_AT_FDCWD, "/x"), -FS0_ENOENT);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/file", FS0_AT_FDCWD, "/missing/x"), -FS0_ENOENT);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/dir", FS0_AT_FDCWD, "/full"), -FS0_ENOTEMPTY);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/dir", FS0_AT_FDCWD, "/file"), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/file", FS0_AT_FDCWD, "/dir"), -FS0_EISDIR);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/dir", FS0_AT_FDCWD, "/dir/sub/inner"), -FS0_EINVAL);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/dir", FS0_AT_FDCWD, "/dir/new"), -FS0_EINVAL);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/dir/.", FS0_AT_FDCWD, "/moved"), -FS0_EINVAL);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/file/", FS0_AT_FDCWD, "/other"), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/", FS0_AT_FDCWD, "/other"), -FS0_EBUSY);
	ck_assert(FS0_S_ISDIR(mode_of("/dir/sub")));
	ck_assert(FS0_S_ISREG(mode_of("/file")));
}
END_TEST

START_TEST(test_rename_moves_cwd_path)
{
	char cwd[FS0_PATH_MAX];
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/before", 0755), 0);
	ck_assert_int_eq(fs_chdir(TASK_A, "/before"), 0);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/before", FS0_AT_FDCWD, "/after"), 0);
	ck_assert_int_eq(fs_getcwd(TASK_A, cwd, sizeof(cwd)), 7);
	ck_assert_str_eq(cwd, "/after");
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 paths");
	TCase *lookup = fs0_tcase("lookup");
	tcase_add_test(lookup, test_root_is_a_directory);
	tcase_add_test(lookup, test_create_and_read_back);
	tcase_add_test(lookup, test_bad_paths);
	tcase_add_test(lookup, test_unknown_task_is_refused);
	tcase_add_test(lookup, test_relative_paths_and_cwd);
	tcase_add_test(lookup, test_chdir_and_getcwd_errors);
	tcase_add_test(lookup, test_removed_cwd);
	tcase_add_test(lookup, test_deep_directories);
	suite_add_tcase(suite, lookup);
	TCase *dirs = fs0_tcase("directories");
	tcase_add_test(dirs, test_mkdir_and_its_errors);
	tcase_add_test(dirs, test_rmdir_and_its_errors);
	tcase_add_test(dirs, test_unlink_and_its_errors);
	tcase_add_test(dirs, test_unlinked_open_file_lives_until_close);
	tcase_add_test(dirs, test_many_files_and_readdir);
	tcase_add_test(dirs, test_readdir_dot_entries_rewind_and_errors);
	suite_add_tcase(suite, dirs);
	TCase *rename = fs0_tcase("rename");
	tcase_add_test(rename, test_rename_within_and_across_directories);
	tcase_add_test(rename, test_rename_over_existing);
	tcase_add_test(rename, test_rename_errors);
	tcase_add_test(rename, test_rename_moves_cwd_path);
	suite_add_tcase(suite, rename);
	return run_suite(suite);
}

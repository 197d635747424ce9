/* check_ext2fs.c - fs0 with an ext2 image as "/" (ext2fs.c, logic_disk.c,
 * the namespace hooks) on the host: requests through the logic as a task
 * makes them, the image afterwards checked by e2fsck -fn and read back by
 * debugfs; everything given back at shutdown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "e2tools.h"
#include "ext2/ext2.h"
#include "fixture.h"
#include "image_dev.h"

static char *scratch;
static char image_path[512];
static struct image_dev device;

/* The image (made from a host tree when from is set) as "/" with /tmp and
 * /dev on it (no boot archive). */
static void mount_image(const char *from)
{
	scratch = scratch_make();
	snprintf(image_path, sizeof(image_path), "%s/disk.img", scratch);
	ck_assert_int_eq(make_image(image_path, 1024, from, "8M"), 0);
	ck_assert_int_eq(image_open(&device, image_path), 0);
	fs0_setup();
	struct ext2_fs *fs;
	bool read_only = true;
	char why[96];
	ck_assert_int_eq(ext2_mount(&device.dev, 0, 1 << 20, &fs, &read_only, why, sizeof(why)), 0);
	ck_assert(!read_only);
	ck_assert_int_eq(fs_mount_disk_root(fs), 0);
	ck_assert_int_eq(fs_mount_on_disk(NULL, 0), 0);
}

/* Shutdown unmounts the disk; then the image is checked on the host. */
static void unmount_image(void)
{
	fs0_teardown();
	image_close(&device);
	ck_assert_int_eq(check_image(image_path), 0);
}

static char *debugfs_cat(const char *path)
{
	int status;
	size_t len;
	char *out = run_output(&status, &len, "debugfs -R 'cat %s' %s 2>/dev/null", path, image_path);
	ck_assert_int_eq(status, 0);
	return out;
}

static void done(void)
{
	scratch_remove(scratch);
}

START_TEST(test_host_tree_reads_back)
{
	char *tree = scratch_make();
	char command[1024];
	snprintf(command, sizeof(command),
		 "mkdir -p %s/a/b && echo deep >%s/a/b/c && echo top >%s/top && ln -s a/b/c %s/link && "
		 "ln %s/top %s/a/second",
		 tree, tree, tree, tree, tree, tree);
	ck_assert_int_eq(run_status("%s", command), 0);
	mount_image(tree);
	char text[64];
	ck_assert_int_eq(slurp("/a/b/c", text, sizeof(text)), 5);
	ck_assert_str_eq(text, "deep\n");
	ck_assert_int_eq(slurp("/link", text, sizeof(text)), 5);
	struct fs0_stat_info top, second;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/top", 0, &top), 0);
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/a/second", 0, &second), 0);
	ck_assert_uint_eq(top.nlink, 2);
	ck_assert_uint_eq(top.ino, second.ino);	/* one vnode for both names */
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/tmp", 0, &top), 0);
	ck_assert_uint_eq(top.mode & 07777, 01777);
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/dev/null", 0, &top), 0);
	unmount_image();
	scratch_remove(tree);
	done();
}
END_TEST

START_TEST(test_changes_reach_the_image)
{
	mount_image(NULL);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/d", 0755), 0);
	make_file("/d/one", "first\n");
	make_file("/d/two", "second\n");
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/d/one", FS0_AT_FDCWD, "/d/renamed"), 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/d/two"), 0);
	ck_assert_int_eq(fs_link(TASK_A, FS0_AT_FDCWD, "/d/renamed", FS0_AT_FDCWD, "/hard", 0), 0);
	ck_assert_int_eq(fs_symlink(TASK_A, "d/renamed", FS0_AT_FDCWD, "/soft"), 0);
	ck_assert_int_eq(fs_chmod(TASK_A, FS0_AT_FDCWD, "/hard", 0600, 0), 0);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/gone", 0755), 0);
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/gone"), 0);
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/d/renamed", FS0_O_RDWR, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fs_ftruncate(TASK_A, fd, 3), 0);
	ck_assert_int_eq(fs_fsync(TASK_A, fd, false), 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(fs_sync(), 0);
	unmount_image();
	char *text = debugfs_cat("/hard");
	ck_assert_str_eq(text, "fir");
	free(text);
	int status;
	size_t len;
	text = run_output(&status, &len, "debugfs -R 'stat /hard' %s 2>/dev/null", image_path);
	ck_assert_ptr_nonnull(strstr(text, "Mode:  0600"));
	ck_assert_ptr_nonnull(strstr(text, "Links: 2"));
	free(text);
	text = run_output(&status, &len, "debugfs -R 'ls -l /d' %s 2>/dev/null", image_path);
	ck_assert_ptr_null(strstr(text, "two"));
	free(text);
	done();
}
END_TEST

/* Unlinked while open: readable until the close, freed then (e2fsck would
 * find a leaked inode otherwise). */
START_TEST(test_unlinked_open_file_lives_until_close)
{
	mount_image(NULL);
	make_file("/held", "still here\n");
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/held", FS0_O_RDONLY, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/held"), 0);
	char text[16] = { 0 };
	ck_assert_int_eq(fs_read(TASK_A, fd, text, sizeof(text) - 1, NULL), 11);
	ck_assert_str_eq(text, "still here\n");
	struct fs0_vfs_info before, after;
	ck_assert_int_eq(fs_statvfs(TASK_A, FS0_AT_FDCWD, "/", &before), 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	ck_assert_int_eq(fs_statvfs(TASK_A, FS0_AT_FDCWD, "/", &after), 0);
	ck_assert_uint_eq(after.ffree, before.ffree + 1);
	ck_assert_uint_eq(after.bsize, 1024);
	unmount_image();
	done();
}
END_TEST

/* A remount sees what the first mount wrote: times, sizes, names. */
START_TEST(test_second_mount_sees_the_first)
{
	mount_image(NULL);
	make_file("/kept", "across mounts\n");
	struct fs0_stat_info first;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/kept", 0, &first), 0);
	fs0_teardown();
	fs0_setup();
	struct ext2_fs *fs;
	bool read_only = true;
	char why[96];
	ck_assert_int_eq(ext2_mount(&device.dev, 0, 1 << 20, &fs, &read_only, why, sizeof(why)), 0);
	ck_assert(!read_only);	/* the shutdown marked it clean */
	ck_assert_int_eq(fs_mount_disk_root(fs), 0);
	struct fs0_stat_info second;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/kept", 0, &second), 0);
	ck_assert_int_eq(second.size, first.size);
	ck_assert_int_eq(second.mtime_sec, first.mtime_sec);
	ck_assert_uint_eq(second.mode, first.mode);
	unmount_image();
	done();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 ext2");
	TCase *tcase = tcase_create("disk");
	tcase_set_timeout(tcase, 60);
	tcase_add_test(tcase, test_host_tree_reads_back);
	tcase_add_test(tcase, test_changes_reach_the_image);
	tcase_add_test(tcase, test_unlinked_open_file_lives_until_close);
	tcase_add_test(tcase, test_second_mount_sees_the_first);
	suite_add_tcase(suite, tcase);
	return run_suite(suite);
}

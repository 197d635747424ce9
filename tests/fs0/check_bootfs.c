/* check_bootfs.c - the read-only boot file system mounted from an archive
 * that the real cpio tool made (BOOTFS_ARCHIVE), and archives that are
 * broken in every way the reader must notice. */
#define _GNU_SOURCE	/* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fixture.h"

static uint8_t *archive;
static size_t archive_size;

static void load_archive(void)
{
	const char *path = getenv("BOOTFS_ARCHIVE");
	ck_assert_msg(path != NULL, "BOOTFS_ARCHIVE is not set");
	FILE *file = fopen(path, "rb");
	ck_assert_msg(file != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(file, 0, SEEK_END), 0);
	archive_size = (size_t)ftell(file);
	rewind(file);
	archive = malloc(archive_size);
	ck_assert_uint_eq(fread(archive, 1, archive_size, file), archive_size);
	fclose(file);
}

static void setup_mounted(void)
{
	fs0_setup();
	load_archive();
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/boot", 0755), 0);
	ck_assert_int_eq(fs_mount_bootfs("/boot", archive, archive_size), 0);
}

static void teardown_mounted(void)
{
	fs0_teardown();
	free(archive);
}

static void setup_unmounted(void)
{
	fs0_setup();
	load_archive();
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/boot", 0755), 0);
}

/* Vnodes, files and data must be what they were before a failed mount. */
static void assert_mount_refused(const void *bytes, size_t size)
{
	struct fs0_stats before, after;
	fs_stats(&before);
	ck_assert_int_eq(fs_mount_bootfs("/boot", bytes, size), -FS0_EINVAL);
	fs_stats(&after);
	ck_assert_uint_eq(after.vnodes, before.vnodes);
	ck_assert_uint_eq(after.mounts, before.mounts);
	ck_assert_uint_eq(after.allocations, before.allocations);
}

START_TEST(test_files_read_back)
{
	char buf[16384];
	ck_assert_int_eq(slurp("/boot/hello.txt", buf, sizeof(buf)), 18);
	ck_assert_str_eq(buf, "hello from bootfs\n");
	ck_assert_int_eq(slurp("/boot/etc/motd", buf, sizeof(buf)), 18);
	ck_assert_str_eq(buf, "Welcome to Larch.\n");
	ck_assert_int_eq(slurp("/boot/share/doc/larch/big.txt", buf, sizeof(buf)), 10000);
	for (int line = 0; line < 1000; line++) {
		char expected[11];
		snprintf(expected, sizeof(expected), "line %04d\n", line);
		ck_assert_int_eq(memcmp(buf + line * 10, expected, 10), 0);
	}
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/boot/bin/answer", FS0_O_RDONLY, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fs_read(TASK_A, fd, buf, sizeof(buf), NULL), 19);
	ck_assert_int_eq(memcmp(buf, "\177ELF-not-really\0\1\2\3", 19), 0);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
}
END_TEST

START_TEST(test_stat_and_readdir)
{
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/boot/etc", 0, &st), 0);
	ck_assert(FS0_S_ISDIR(st.mode));
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/boot/hello.txt", 0, &st), 0);
	ck_assert(FS0_S_ISREG(st.mode));
	ck_assert_int_eq(st.size, 18);
	struct fs0_stat_info root;
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/", 0, &root), 0);
	ck_assert_uint_ne(st.dev, root.dev);
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, "/boot", FS0_O_RDONLY | FS0_O_DIRECTORY, 0);
	_Alignas(8) uint8_t buf[1024];
	long got = fs_getdents(TASK_A, fd, buf, sizeof(buf));
	ck_assert_int_gt(got, 0);
	const char *expected[] = { ".", "..", "bin", "etc", "hello.txt", "share" };
	int count = 0;
	for (long at = 0; at < got; count++) {
		struct fs0_dirent *record = (struct fs0_dirent *)(buf + at);
		ck_assert_int_lt(count, 6);
		ck_assert_str_eq((const char *)record + FS0_DIRENT_NAME_OFFSET, expected[count]);
		at += record->d_reclen;
	}
	ck_assert_int_eq(count, 6);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
}
END_TEST

START_TEST(test_dotdot_leaves_the_mount)
{
	char cwd[FS0_PATH_MAX];
	struct fs0_stat_info st;
	ck_assert_int_eq(fs_chdir(TASK_A, "/boot/share/doc"), 0);
	ck_assert_int_eq(fs_getcwd(TASK_A, cwd, sizeof(cwd)), 16);
	ck_assert_str_eq(cwd, "/boot/share/doc");
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "../../hello.txt", 0, &st), 0);
	make_file("../../../outside", "ramfs");
	ck_assert_int_eq(fs_stat(TASK_A, FS0_AT_FDCWD, "/outside", 0, &st), 0);
	ck_assert_int_eq(fs_chdir(TASK_A, "/boot"), 0);
	ck_assert_int_eq(fs_getcwd(TASK_A, cwd, sizeof(cwd)), 6);
	ck_assert_str_eq(cwd, "/boot");
}
END_TEST

START_TEST(test_writes_are_refused)
{
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/boot/hello.txt", FS0_O_WRONLY, 0), -FS0_EROFS);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/boot/hello.txt", FS0_O_RDWR, 0), -FS0_EROFS);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/boot/hello.txt", FS0_O_RDONLY | FS0_O_TRUNC, 0),
			 -FS0_EROFS);
	ck_assert_int_eq(fs_open(TASK_A, FS0_AT_FDCWD, "/boot/new", FS0_O_CREAT | FS0_O_WRONLY, 0644),
			 -FS0_EROFS);
	ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, "/boot/dir", 0755), -FS0_EROFS);
	ck_assert_int_eq(fs_unlink(TASK_A, FS0_AT_FDCWD, "/boot/hello.txt"), -FS0_EROFS);
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/boot/bin"), -FS0_EROFS);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/boot/hello.txt", FS0_AT_FDCWD, "/boot/bye.txt"), -FS0_EROFS);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/boot/hello.txt", FS0_AT_FDCWD, "/hello.txt"), -FS0_EXDEV);
	ck_assert_int_eq(fs_rmdir(TASK_A, FS0_AT_FDCWD, "/boot"), -FS0_EBUSY);
	ck_assert_int_eq(fs_rename(TASK_A, FS0_AT_FDCWD, "/boot", FS0_AT_FDCWD, "/elsewhere"), -FS0_EBUSY);
	ck_assert_int_eq(fs_mount_bootfs("/boot", archive, archive_size), -FS0_EBUSY);
	struct fs0_mm_file file;
	uint8_t page[FS0_PAGE_SIZE] = { 0 };
	ck_assert_int_eq(fs_mm_get_path(TASK_A, "/boot/hello.txt", &file), 0);
	ck_assert(!file.writable_fs);
	ck_assert_int_eq(fs_mm_write_page(file.handle, 0, page), -FS0_EROFS);
	ck_assert_int_eq(fs_mm_release(file.handle), 0);
}
END_TEST

START_TEST(test_exec_reads_pages_from_bootfs)
{
	struct fs0_mm_file file;
	uint8_t page[FS0_PAGE_SIZE];
	ck_assert_int_eq(fs_mm_get_path(TASK_A, "/boot/share/doc/larch/big.txt", &file), 0);
	ck_assert_int_eq(file.size, 10000);
	ck_assert_int_eq(fs_mm_read_page(file.handle, 2, page), 10000 - 2 * FS0_PAGE_SIZE);
	ck_assert_int_eq(memcmp(page, "ne 0819\nline 0820\n", 18), 0);
	ck_assert_int_eq(page[FS0_PAGE_SIZE - 1], 0);
	ck_assert_int_eq(fs_mm_read_page(file.handle, 3, page), 0);
	ck_assert_int_eq(fs_mm_release(file.handle), 0);
}
END_TEST

START_TEST(test_mount_errors)
{
	make_file("/plain", "x");
	ck_assert_int_eq(fs_mount_bootfs("/missing", archive, archive_size), -FS0_ENOENT);
	ck_assert_int_eq(fs_mount_bootfs("/plain", archive, archive_size), -FS0_ENOTDIR);
	ck_assert_int_eq(fs_mount_bootfs("/boot", NULL, archive_size), -FS0_EINVAL);
	ck_assert_int_eq(fs_mount_bootfs("/boot", archive, 0), -FS0_EINVAL);
}
END_TEST

START_TEST(test_every_truncation_is_refused)
{
	/* Every cut before the trailer's name is complete must be refused. */
	for (size_t size = 1; size < archive_size; size++) {
		bool keeps_trailer = memmem(archive, size, "TRAILER!!!", 11) != NULL;
		if (keeps_trailer)
			break;
		assert_mount_refused(archive, size);
	}
	ck_assert_int_eq(fs_mount_bootfs("/boot", archive, archive_size), 0);
}
END_TEST

/* Copies the archive, changes one header field of its first entry. */
static uint8_t *with_field(int field, const char *text)
{
	uint8_t *copy = malloc(archive_size);
	memcpy(copy, archive, archive_size);
	memcpy(copy + 6 + field * 8, text, strlen(text));
	return copy;
}

START_TEST(test_corrupt_headers_are_refused)
{
	uint8_t *copy = malloc(archive_size);
	memcpy(copy, archive, archive_size);
	copy[5] = '9';
	assert_mount_refused(copy, archive_size);
	free(copy);
	struct { int field; const char *text; } broken[] = {
		{ 1, "0000g1ed" },	/* mode: not hex */
		{ 6, "7fffffff" },	/* filesize far past the end */
		{ 11, "00000000" },	/* namesize 0 */
		{ 11, "00000001" },	/* namesize without a name */
		{ 11, "ffffffff" },	/* namesize past the end */
		{ 11, "00000003" },	/* a NUL inside the name */
		{ 12, "00000001" },	/* check must be 0 in 070701 */
		{ 1, "00020000" },	/* unsupported type */
	};
	for (size_t i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		copy = with_field(broken[i].field, broken[i].text);
		assert_mount_refused(copy, archive_size);
		free(copy);
	}
}
END_TEST

/* Appends one newc record to buf at *at. */
static void put_record(uint8_t *buf, size_t *at, const char *magic, const char *name,
		       uint32_t mode, const char *data, uint32_t check)
{
	size_t name_size = strlen(name) + 1;
	size_t data_size = strlen(data);
	*at += (size_t)sprintf((char *)buf + *at,
			       "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08zX%08X",
			       magic, 1u, mode, 0u, 0u, 1u, 0u, (uint32_t)data_size,
			       0u, 0u, 0u, 0u, name_size, check);
	memcpy(buf + *at, name, name_size);
	*at = (*at + name_size + 3) & ~(size_t)3;
	memcpy(buf + *at, data, data_size);
	*at = (*at + data_size + 3) & ~(size_t)3;
}

START_TEST(test_hand_made_archives)
{
	uint8_t buf[2048] = { 0 };
	size_t size = 0;
	put_record(buf, &size, "070702", "a/b/c.txt", FS0_S_IFREG | 0644, "abc", 'a' + 'b' + 'c');
	put_record(buf, &size, "070702", "a", FS0_S_IFDIR | 0755, "", 0);
	put_record(buf, &size, "070701", "TRAILER!!!", 0, "", 0);
	ck_assert_int_eq(fs_mount_bootfs("/boot", buf, size), 0);
	char text[8];
	ck_assert_int_eq(slurp("/boot/a/b/c.txt", text, sizeof(text)), 3);
	ck_assert_str_eq(text, "abc");
}
END_TEST

START_TEST(test_bad_hand_made_archives)
{
	struct { const char *name; uint32_t mode; const char *magic; uint32_t check; } bad[] = {
		{ "x", FS0_S_IFREG | 0644, "070702", 1 },	/* wrong checksum */
		{ "a/../b", FS0_S_IFREG | 0644, "070701", 0 },
		{ "a//b", FS0_S_IFREG | 0644, "070701", 0 },
		{ "lnk", 0120777, "070701", 0 },		/* symlink */
		{ "dup", FS0_S_IFREG | 0644, "070701", 0 },	/* listed twice below */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t buf[2048] = { 0 };
		size_t size = 0;
		put_record(buf, &size, bad[i].magic, bad[i].name, bad[i].mode, "data", bad[i].check);
		if (strcmp(bad[i].name, "dup") == 0)
			put_record(buf, &size, "070701", "dup", FS0_S_IFDIR | 0755, "", 0);
		put_record(buf, &size, "070701", "TRAILER!!!", 0, "", 0);
		assert_mount_refused(buf, size);
	}
	uint8_t no_trailer[512] = { 0 };
	size_t size = 0;
	put_record(no_trailer, &size, "070701", "alone", FS0_S_IFREG | 0644, "x", 0);
	assert_mount_refused(no_trailer, size);
}
END_TEST

/* Random byte changes (fixed seed) must give a mount or EINVAL, never a
 * read outside the archive (ASan watches). */
START_TEST(test_mutated_archives_never_crash)
{
	uint8_t *copy = malloc(archive_size);
	unsigned seed = 12345;
	int mounted = 0, refused = 0;
	for (int round = 0; round < 500; round++) {
		memcpy(copy, archive, archive_size);
		for (int change = 0; change < 4; change++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % 1024;
			seed = seed * 1103515245u + 12345u;
			copy[at] = (uint8_t)(seed >> 16);
		}
		char dir[16];
		snprintf(dir, sizeof(dir), "/m%d", round);
		ck_assert_int_eq(fs_mkdir(TASK_A, FS0_AT_FDCWD, dir, 0755), 0);
		int result = fs_mount_bootfs(dir, copy, archive_size);
		ck_assert_msg(result == 0 || result == -FS0_EINVAL, "round %d gave %d", round, result);
		if (result == 0)
			mounted++;
		else
			refused++;
	}
	ck_assert_int_gt(refused, 0);
	ck_assert_int_eq(mounted + refused, 500);
	fs_shutdown();
	free(copy);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 bootfs");
	TCase *mounted = tcase_create("mounted");
	tcase_add_checked_fixture(mounted, setup_mounted, teardown_mounted);
	tcase_add_test(mounted, test_files_read_back);
	tcase_add_test(mounted, test_stat_and_readdir);
	tcase_add_test(mounted, test_dotdot_leaves_the_mount);
	tcase_add_test(mounted, test_writes_are_refused);
	tcase_add_test(mounted, test_exec_reads_pages_from_bootfs);
	suite_add_tcase(suite, mounted);
	TCase *archives = tcase_create("archives");
	tcase_add_checked_fixture(archives, setup_unmounted, teardown_mounted);
	tcase_add_test(archives, test_mount_errors);
	tcase_add_test(archives, test_every_truncation_is_refused);
	tcase_add_test(archives, test_corrupt_headers_are_refused);
	tcase_add_test(archives, test_hand_made_archives);
	tcase_add_test(archives, test_bad_hand_made_archives);
	tcase_add_test(archives, test_mutated_archives_never_crash);
	suite_add_tcase(suite, archives);
	return run_suite(suite);
}

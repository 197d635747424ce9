/* check_ext2_names.c - names and inodes through the library: unlink while
 * held, rename over files and of directories, rmdir, 6,000 entries in one
 * directory, symlinks, devices, hard links, times; fsync surviving a power
 * cut; sync merging writes; mount policy (not clean, unknown features). */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2tools.h"
#include "image_dev.h"

static char *scratch;
static char image[1100], copy[1100];

static void setup(void)
{
	scratch = scratch_make();
	ck_assert_ptr_nonnull(scratch);
	snprintf(image, sizeof(image), "%s/fs.img", scratch);
	snprintf(copy, sizeof(copy), "%s/copy.img", scratch);
	ck_assert_int_eq(make_image(image, 1024, NULL, "8M"), 0);
}

static void teardown(void)
{
	scratch_remove(scratch);
	scratch = NULL;
}

static struct ext2_fs *mount_path(struct image_dev *img, const char *path, bool *read_only,
				  int *err, char *why, size_t why_size)
{
	ck_assert_int_eq(image_open(img, path), 0);
	struct ext2_fs *fs = NULL;
	*err = ext2_mount(&img->dev, 0, 256 << 10, &fs, read_only, why, why_size);
	return fs;
}

static struct ext2_fs *mount_rw(struct image_dev *img)
{
	bool read_only;
	char why[128];
	int err;
	struct ext2_fs *fs = mount_path(img, image, &read_only, &err, why, sizeof(why));
	ck_assert_msg(err == 0 && !read_only, "mount: %d %s", err, why);
	return fs;
}

static void unmount_checked(struct ext2_fs *fs, struct image_dev *img)
{
	ck_assert_int_eq(ext2_unmount(fs), 0);
	image_close(img);
	ck_assert_int_eq(check_image(image), 0);
}

static uint32_t make(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode)
{
	uint32_t ino;
	int err = ext2_create(fs, dir, name, strlen(name), mode, 0, 0, 0, &ino);
	ck_assert_msg(err == 0, "create %s: %d", name, err);
	return ino;
}

static struct ext2_attr attr_of(struct ext2_fs *fs, uint32_t ino)
{
	struct ext2_attr attr;
	ck_assert_int_eq(ext2_getattr(fs, ino, &attr), 0);
	return attr;
}

START_TEST(unlinked_file_lives_until_released)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	struct ext2_statfs before, held, after;
	ext2_statfs(fs, &before);
	uint32_t ino = make(fs, EXT2_ROOT_INO, "held", 0100644);
	ck_assert_int_eq(ext2_write(fs, ino, "still here", 10, 5000), 10);
	ck_assert_int_eq(ext2_unlink(fs, EXT2_ROOT_INO, "held", 4), 0);
	uint32_t found;
	ck_assert_int_eq(ext2_lookup(fs, EXT2_ROOT_INO, "held", 4, &found), -ENOENT);
	ck_assert_uint_eq(attr_of(fs, ino).nlink, 0);
	char buf[10];
	ck_assert_int_eq(ext2_read(fs, ino, buf, sizeof(buf), 5000), 10);
	ck_assert(!memcmp(buf, "still here", 10));
	ext2_statfs(fs, &held);
	ck_assert_uint_eq(held.inodes_free, before.inodes_free - 1);
	ck_assert_int_eq(ext2_release(fs, ino), 0);
	ck_assert_int_eq(ext2_release(fs, ino), 0);
	ext2_statfs(fs, &after);
	ck_assert_uint_eq(after.inodes_free, before.inodes_free);
	ck_assert_uint_eq(after.blocks_free, before.blocks_free);
	unmount_checked(fs, &img);
}
END_TEST

START_TEST(unmount_frees_unreleased_inodes)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	uint32_t ino = make(fs, EXT2_ROOT_INO, "orphan", 0100644);
	ck_assert_int_eq(ext2_write(fs, ino, "x", 1, 100000), 1);
	ck_assert_int_eq(ext2_unlink(fs, EXT2_ROOT_INO, "orphan", 6), 0);
	unmount_checked(fs, &img);
}
END_TEST

START_TEST(rename_replaces_an_existing_file)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	uint32_t a = make(fs, EXT2_ROOT_INO, "a", 0100644);
	uint32_t b = make(fs, EXT2_ROOT_INO, "b", 0100644);
	ck_assert_int_eq(ext2_write(fs, a, "AAAA", 4, 0), 4);
	ck_assert_int_eq(ext2_write(fs, b, "BBBBBBBB", 8, 0), 8);
	ck_assert_int_eq(ext2_rename(fs, EXT2_ROOT_INO, "a", 1, EXT2_ROOT_INO, "b", 1), 0);
	uint32_t found;
	ck_assert_int_eq(ext2_lookup(fs, EXT2_ROOT_INO, "b", 1, &found), 0);
	ck_assert_uint_eq(found, a);
	ck_assert_int_eq(ext2_lookup(fs, EXT2_ROOT_INO, "a", 1, &found), -ENOENT);
	ck_assert_uint_eq(attr_of(fs, b).nlink, 0);
	ck_assert_uint_eq(attr_of(fs, a).nlink, 1);
	ck_assert_int_eq(ext2_release(fs, b), 0);
	/* Renaming a name onto another name of the same inode does nothing. */
	ck_assert_int_eq(ext2_link(fs, EXT2_ROOT_INO, "c", 1, a), 0);
	ck_assert_int_eq(ext2_rename(fs, EXT2_ROOT_INO, "b", 1, EXT2_ROOT_INO, "c", 1), 0);
	ck_assert_uint_eq(attr_of(fs, a).nlink, 2);
	unmount_checked(fs, &img);
}
END_TEST

START_TEST(rmdir_wants_an_empty_directory)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	uint32_t root_links = attr_of(fs, EXT2_ROOT_INO).nlink;
	uint32_t d = make(fs, EXT2_ROOT_INO, "d", 040755);
	ck_assert_uint_eq(attr_of(fs, EXT2_ROOT_INO).nlink, root_links + 1);
	ck_assert_uint_eq(attr_of(fs, d).nlink, 2);
	uint32_t f = make(fs, d, "f", 0100644);
	ck_assert_int_eq(ext2_rmdir(fs, EXT2_ROOT_INO, "d", 1), -ENOTEMPTY);
	ck_assert_int_eq(ext2_rmdir(fs, d, "f", 1), -ENOTDIR);
	ck_assert_int_eq(ext2_unlink(fs, EXT2_ROOT_INO, "d", 1), -EISDIR);
	ck_assert_int_eq(ext2_unlink(fs, d, "f", 1), 0);
	ck_assert_int_eq(ext2_release(fs, f), 0);
	ck_assert_int_eq(ext2_rmdir(fs, EXT2_ROOT_INO, "d", 1), 0);
	ck_assert_uint_eq(attr_of(fs, d).nlink, 0);
	ck_assert_int_eq(ext2_release(fs, d), 0);
	ck_assert_uint_eq(attr_of(fs, EXT2_ROOT_INO).nlink, root_links);
	ck_assert_int_eq(ext2_create(fs, d, "g", 1, 0100644, 0, 0, 0, &f), -ENOENT);
	unmount_checked(fs, &img);
}
END_TEST

START_TEST(rename_moves_directories)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	uint32_t a = make(fs, EXT2_ROOT_INO, "a", 040755);
	uint32_t b = make(fs, EXT2_ROOT_INO, "b", 040755);
	uint32_t sub = make(fs, a, "sub", 040755);
	make(fs, sub, "inside", 0100644);
	ck_assert_int_eq(ext2_rename(fs, a, "sub", 3, b, "moved", 5), 0);
	uint32_t found;
	ck_assert_int_eq(ext2_lookup(fs, sub, "..", 2, &found), 0);
	ck_assert_uint_eq(found, b);
	ck_assert_uint_eq(attr_of(fs, a).nlink, 2);
	ck_assert_uint_eq(attr_of(fs, b).nlink, 3);
	/* Not into itself, nor over a directory that is not empty. */
	ck_assert_int_eq(ext2_rename(fs, EXT2_ROOT_INO, "b", 1, sub, "b", 1), -EINVAL);
	ck_assert_int_eq(ext2_rename(fs, EXT2_ROOT_INO, "a", 1, EXT2_ROOT_INO, "b", 1), -ENOTEMPTY);
	ck_assert_int_eq(ext2_rename(fs, b, "moved", 5, EXT2_ROOT_INO, "a", 1), 0);
	ck_assert_uint_eq(attr_of(fs, a).nlink, 0);
	ck_assert_int_eq(ext2_release(fs, a), 0);
	ck_assert_int_eq(ext2_lookup(fs, EXT2_ROOT_INO, "a", 1, &found), 0);
	ck_assert_uint_eq(found, sub);
	ck_assert_int_eq(ext2_lookup(fs, sub, "..", 2, &found), 0);
	ck_assert_uint_eq(found, EXT2_ROOT_INO);
	ck_assert_uint_eq(attr_of(fs, b).nlink, 2);
	/* Files and directories do not replace each other. */
	make(fs, EXT2_ROOT_INO, "file", 0100644);
	ck_assert_int_eq(ext2_rename(fs, EXT2_ROOT_INO, "file", 4, EXT2_ROOT_INO, "b", 1), -EISDIR);
	ck_assert_int_eq(ext2_rename(fs, EXT2_ROOT_INO, "b", 1, EXT2_ROOT_INO, "file", 4), -ENOTDIR);
	unmount_checked(fs, &img);
}
END_TEST

static int count_entry(void *arg, const char *name, size_t len, uint32_t ino, uint32_t type)
{
	(void)name;
	(void)len;
	(void)ino;
	ck_assert_uint_eq(type, 0100000u);
	(*(int *)arg)++;
	return 0;
}

START_TEST(directory_with_many_entries)
{
	enum { ENTRIES = 6000 };
	ck_assert_int_eq(make_image(image, 1024, NULL, "32M"), 0);
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	uint32_t dir = make(fs, EXT2_ROOT_INO, "many", 040755);
	static uint32_t inos[ENTRIES];
	char name[64];
	for (int i = 0; i < ENTRIES; i++) {
		snprintf(name, sizeof(name), "a-rather-long-entry-name-%05d", i);
		inos[i] = make(fs, dir, name, 0100644);
	}
	for (int i = 0; i < ENTRIES; i += 2) {
		snprintf(name, sizeof(name), "a-rather-long-entry-name-%05d", i);
		ck_assert_int_eq(ext2_unlink(fs, dir, name, strlen(name)), 0);
		ck_assert_int_eq(ext2_release(fs, inos[i]), 0);
	}
	uint64_t size = attr_of(fs, dir).size;
	for (int i = 0; i < ENTRIES; i += 2) {
		snprintf(name, sizeof(name), "again-%05d", i);
		inos[i] = make(fs, dir, name, 0100644);
	}
	/* The new names fit in the space the old ones left. */
	ck_assert_uint_eq(attr_of(fs, dir).size, size);
	for (int i = 0; i < ENTRIES; i++) {
		if (i % 2)
			snprintf(name, sizeof(name), "a-rather-long-entry-name-%05d", i);
		else
			snprintf(name, sizeof(name), "again-%05d", i);
		uint32_t found;
		ck_assert_int_eq(ext2_lookup(fs, dir, name, strlen(name), &found), 0);
		ck_assert_uint_eq(found, inos[i]);
	}
	int count = 0;
	ck_assert_int_eq(ext2_iterate(fs, dir, count_entry, &count), 0);
	ck_assert_int_eq(count, ENTRIES);
	unmount_checked(fs, &img);
}
END_TEST

START_TEST(symlinks_devices_and_links)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	uint32_t fast, slow, ino;
	ck_assert_int_eq(ext2_symlink(fs, EXT2_ROOT_INO, "fast", 4, "a/b/c", 5, 0, 0, &fast), 0);
	char target[700];
	memset(target, 't', sizeof(target));
	ck_assert_int_eq(ext2_symlink(fs, EXT2_ROOT_INO, "slow", 4, target, sizeof(target), 0, 0,
				      &slow), 0);
	char buf[1024];
	ck_assert_int_eq(ext2_readlink(fs, fast, buf, sizeof(buf)), 5);
	ck_assert(!memcmp(buf, "a/b/c", 5));
	ck_assert_int_eq(ext2_readlink(fs, slow, buf, sizeof(buf)), (long)sizeof(target));
	ck_assert(!memcmp(buf, target, sizeof(target)));
	ck_assert_uint_eq(attr_of(fs, fast).blocks512, 0);
	ck_assert_uint_eq(attr_of(fs, slow).blocks512, 2);
	ck_assert_int_eq(ext2_read(fs, slow, buf, 1, 0), -EINVAL);

	/* rdev in the Linux encoding: major 4 minor 5, and major 300 minor 70000. */
	uint32_t small = 4u << 8 | 5u;
	uint32_t large = (70000u & 0xffu) | (300u << 8) | ((70000u & ~0xffu) << 12);
	ck_assert_int_eq(ext2_create(fs, EXT2_ROOT_INO, "tty", 3, 020620, 0, 5, small, &ino), 0);
	ck_assert_uint_eq(attr_of(fs, ino).rdev, small);
	ck_assert_int_eq(ext2_create(fs, EXT2_ROOT_INO, "disk", 4, 060600, 0, 6, large, &ino), 0);
	ck_assert_uint_eq(attr_of(fs, ino).rdev, large);
	ck_assert_int_eq(ext2_create(fs, EXT2_ROOT_INO, "fifo", 4, 010600, 0, 0, 0, &ino), 0);
	ck_assert_int_eq(ext2_create(fs, EXT2_ROOT_INO, "fifo", 4, 0100600, 0, 0, 0, &ino), -EEXIST);

	uint32_t file = make(fs, EXT2_ROOT_INO, "file", 0100644);
	ck_assert_int_eq(ext2_link(fs, EXT2_ROOT_INO, "other", 5, file), 0);
	ck_assert_uint_eq(attr_of(fs, file).nlink, 2);
	ck_assert_int_eq(ext2_link(fs, EXT2_ROOT_INO, "root", 4, EXT2_ROOT_INO), -EPERM);
	ck_assert_int_eq(ext2_unlink(fs, EXT2_ROOT_INO, "file", 4), 0);
	ck_assert_uint_eq(attr_of(fs, file).nlink, 1);
	ck_assert_int_eq(ext2_unlink(fs, EXT2_ROOT_INO, "slow", 4), 0);
	ck_assert_int_eq(ext2_release(fs, slow), 0);
	unmount_checked(fs, &img);
	int status;
	size_t len;
	char *out = run_output(&status, &len, "debugfs -R 'stat /disk' '%s' 2>/dev/null", image);
	ck_assert_ptr_nonnull(strstr(out, "Device major/minor number: 300:70000"));
	free(out);
}
END_TEST

START_TEST(changes_stamp_times)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	img.clock = 1800000000;
	uint32_t ino = make(fs, EXT2_ROOT_INO, "f", 0100644);
	struct ext2_attr attr = attr_of(fs, ino);
	ck_assert_int_eq(attr.ctime, 1800000000);
	ck_assert_int_eq(attr.mtime, 1800000000);
	img.clock = 1800000100;
	ck_assert_int_eq(ext2_link(fs, EXT2_ROOT_INO, "g", 1, ino), 0);
	ck_assert_int_eq(attr_of(fs, ino).ctime, 1800000100);
	ck_assert_int_eq(attr_of(fs, EXT2_ROOT_INO).mtime, 1800000100);
	/* setattr keeps nanoseconds in 256-byte inodes, and times past 2038. */
	attr.atime = 4200000000;
	attr.atime_nsec = 123456789;
	attr.mtime = 1234;
	attr.mtime_nsec = 5;
	attr.mode = 0600;
	ck_assert_int_eq(ext2_setattr(fs, ino, EXT2_SET_ATIME | EXT2_SET_MTIME | EXT2_SET_MODE,
				      &attr), 0);
	attr = attr_of(fs, ino);
	ck_assert_int_eq(attr.atime, 4200000000);
	ck_assert_uint_eq(attr.atime_nsec, 123456789);
	ck_assert_int_eq(attr.mtime, 1234);
	ck_assert_uint_eq(attr.mtime_nsec, 5);
	ck_assert_uint_eq(attr.mode, 0100600);
	img.clock = 1700000000;	/* e2fsck wants the superblock's times in the past */
	unmount_checked(fs, &img);
}
END_TEST

/* A copy of the image taken right after fsync is what a power cut leaves:
 * e2fsck repairs it and the file is there with its content. */
START_TEST(fsync_survives_a_power_cut)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	uint32_t dir = make(fs, EXT2_ROOT_INO, "d", 040755);
	uint32_t ino = make(fs, dir, "synced", 0100644);
	static uint8_t data[300000];
	uint64_t seed = 5;
	rng_fill(&seed, data, sizeof(data));
	ck_assert_int_eq(ext2_write(fs, ino, data, sizeof(data), 0), (long)sizeof(data));
	uint32_t other = make(fs, EXT2_ROOT_INO, "unsynced", 0100644);
	ck_assert_int_eq(ext2_write(fs, other, data, 5000, 0), 5000);
	uint64_t flushes = img.flushes;
	ck_assert_int_eq(ext2_fsync(fs, ino, false), 0);
	ck_assert_uint_eq(img.flushes, flushes + 1);
	ck_assert_int_eq(run_status("cp '%s' '%s'", image, copy), 0);
	ck_assert_int_eq(ext2_unmount(fs), 0);
	image_close(&img);
	int fixed = run_status("e2fsck -fy '%s' >/dev/null 2>&1", copy);
	ck_assert_msg(fixed == 0 || fixed == 1, "e2fsck -fy gave %d", fixed);
	ck_assert_int_eq(check_image(copy), 0);
	int status;
	size_t len;
	char *out = run_output(&status, &len, "debugfs -R 'cat /d/synced' '%s' 2>/dev/null", copy);
	ck_assert_uint_eq(len, sizeof(data));
	ck_assert(!memcmp(out, data, len));
	free(out);
}
END_TEST

/* Adjacent dirty blocks go to the device in few large writes. */
START_TEST(sync_merges_adjacent_blocks)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	uint32_t ino = make(fs, EXT2_ROOT_INO, "big", 0100644);
	static uint8_t data[200 * 1024];
	memset(data, 0xab, sizeof(data));
	ck_assert_int_eq(ext2_write(fs, ino, data, sizeof(data), 0), (long)sizeof(data));
	uint64_t writes = img.writes;
	ck_assert_int_eq(ext2_sync(fs), 0);
	ck_assert_msg(img.writes - writes < 20, "%llu writes for 200 blocks",
		      (unsigned long long)(img.writes - writes));
	/* Writing far more than the cache holds writes back in large runs too. */
	writes = img.writes;
	for (uint64_t off = 0; off < (4u << 20); off += sizeof(data))
		ck_assert_int_eq(ext2_write(fs, ino, data, sizeof(data), off), (long)sizeof(data));
	ck_assert_msg(img.writes - writes < 4096 / 16, "%llu writes for 4096 blocks",
		      (unsigned long long)(img.writes - writes));
	unmount_checked(fs, &img);
}
END_TEST

START_TEST(unclean_fs_mounts_read_only)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	ck_assert_int_eq(run_status("cp '%s' '%s'", image, copy), 0);
	ck_assert_int_eq(ext2_unmount(fs), 0);
	image_close(&img);
	bool read_only;
	char why[128];
	int err;
	fs = mount_path(&img, copy, &read_only, &err, why, sizeof(why));
	ck_assert_int_eq(err, 0);
	ck_assert(read_only);
	ck_assert(ext2_read_only(fs));
	ck_assert_ptr_nonnull(strstr(why, "e2fsck"));
	uint32_t ino;
	ck_assert_int_eq(ext2_create(fs, EXT2_ROOT_INO, "x", 1, 0100644, 0, 0, 0, &ino), -EROFS);
	ck_assert_int_eq(ext2_unmount(fs), 0);
	ck_assert_uint_eq(img.writes, 0);
	image_close(&img);

	/* The caller may insist; the fs then stays marked for e2fsck. */
	ck_assert_int_eq(image_open(&img, copy), 0);
	ck_assert_int_eq(ext2_mount(&img.dev, EXT2_MOUNT_UNCLEAN_OK, 1 << 16, &fs, &read_only, why,
				    sizeof(why)), 0);
	ck_assert(!read_only);
	ck_assert_ptr_nonnull(strstr(why, "read-write as asked"));
	ck_assert_int_eq(ext2_create(fs, EXT2_ROOT_INO, "x", 1, 0100644, 0, 0, 0, &ino), 0);
	ck_assert_int_eq(ext2_unmount(fs), 0);
	image_close(&img);
	fs = mount_path(&img, copy, &read_only, &err, why, sizeof(why));
	ck_assert_int_eq(err, 0);
	ck_assert(read_only);
	ck_assert_int_eq(ext2_lookup(fs, EXT2_ROOT_INO, "x", 1, &ino), 0);
	ck_assert_int_eq(ext2_unmount(fs), 0);
	image_close(&img);
}
END_TEST

static void set_feature(const char *path, size_t offset, uint32_t bit)
{
	int fd = open(path, O_RDWR);
	ck_assert_int_ge(fd, 0);
	uint32_t value;
	ck_assert_int_eq(pread(fd, &value, 4, (off_t)(1024 + offset)), 4);
	value |= bit;
	ck_assert_int_eq(pwrite(fd, &value, 4, (off_t)(1024 + offset)), 4);
	close(fd);
}

START_TEST(unknown_features_refuse_or_read_only)
{
	bool read_only;
	char why[128];
	int err;
	struct image_dev img;
	ck_assert_int_eq(run_status("cp '%s' '%s'", image, copy), 0);
	set_feature(copy, 96, 0x40);	/* incompat: extents */
	struct ext2_fs *fs = mount_path(&img, copy, &read_only, &err, why, sizeof(why));
	ck_assert_int_eq(err, -EINVAL);
	ck_assert_ptr_null(fs);
	ck_assert_ptr_nonnull(strstr(why, "extents"));
	image_close(&img);

	ck_assert_int_eq(run_status("cp '%s' '%s'", image, copy), 0);
	set_feature(copy, 96, 0x4);	/* incompat: journal needs recovery */
	fs = mount_path(&img, copy, &read_only, &err, why, sizeof(why));
	ck_assert_int_eq(err, -EINVAL);
	ck_assert_ptr_nonnull(strstr(why, "recovery"));
	image_close(&img);

	ck_assert_int_eq(run_status("cp '%s' '%s'", image, copy), 0);
	set_feature(copy, 100, 0x8000);	/* an unknown ro_compat feature */
	fs = mount_path(&img, copy, &read_only, &err, why, sizeof(why));
	ck_assert_int_eq(err, 0);
	ck_assert(read_only);
	ck_assert_int_eq(ext2_unmount(fs), 0);
	image_close(&img);
}
END_TEST

/* Revision 0 (128-byte inodes, no feature flags), 128-byte inodes in
 * revision 1, and 2 KiB blocks: the same small work, then e2fsck. */
static const char *const variants[] = { "-r 0 -b 1024", "-I 128 -b 4096", "-b 2048" };

START_TEST(other_layouts)
{
	ck_assert_int_eq(run_status("mke2fs -q -F -t ext2 %s '%s' 8M >/dev/null", variants[_i],
				    image), 0);
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	uint32_t dir = make(fs, EXT2_ROOT_INO, "dir", 040755);
	uint32_t ino = make(fs, dir, "file", 0100644);
	static uint8_t data[300000];
	uint64_t seed = 11;
	rng_fill(&seed, data, sizeof(data));
	ck_assert_int_eq(ext2_write(fs, ino, data, sizeof(data), 0), (long)sizeof(data));
	uint32_t link;
	ck_assert_int_eq(ext2_symlink(fs, dir, "link", 4, "file", 4, 0, 0, &link), 0);
	ck_assert_int_eq(ext2_rename(fs, dir, "file", 4, EXT2_ROOT_INO, "moved", 5), 0);
	struct ext2_attr attr;
	attr.mtime = 1600000000;
	attr.mtime_nsec = 777;
	ck_assert_int_eq(ext2_setattr(fs, ino, EXT2_SET_MTIME, &attr), 0);
	unmount_checked(fs, &img);
	fs = mount_rw(&img);
	static uint8_t got[sizeof(data)];
	ck_assert_int_eq(path_lookup(fs, "/moved", &ino), 0);
	ck_assert_int_eq(ext2_read(fs, ino, got, sizeof(got), 0), (long)sizeof(got));
	ck_assert(!memcmp(got, data, sizeof(data)));
	attr = attr_of(fs, ino);
	ck_assert_int_eq(attr.mtime, 1600000000);
	/* Only 256-byte inodes (the 2 KiB variant) keep nanoseconds. */
	ck_assert_uint_eq(attr.mtime_nsec, _i == 2 ? 777 : 0);
	ck_assert_int_eq(ext2_unlink(fs, EXT2_ROOT_INO, "moved", 5), 0);
	ck_assert_int_eq(ext2_release(fs, ino), 0);
	unmount_checked(fs, &img);
}
END_TEST

static Suite *names_suite(void)
{
	Suite *s = suite_create("ext2_names");
	TCase *tc = tcase_create("names");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, unlinked_file_lives_until_released);
	tcase_add_test(tc, unmount_frees_unreleased_inodes);
	tcase_add_test(tc, rename_replaces_an_existing_file);
	tcase_add_test(tc, rmdir_wants_an_empty_directory);
	tcase_add_test(tc, rename_moves_directories);
	tcase_add_test(tc, directory_with_many_entries);
	tcase_add_test(tc, symlinks_devices_and_links);
	tcase_add_test(tc, changes_stamp_times);
	tcase_add_test(tc, fsync_survives_a_power_cut);
	tcase_add_test(tc, sync_merges_adjacent_blocks);
	tcase_add_test(tc, unclean_fs_mounts_read_only);
	tcase_add_test(tc, unknown_features_refuse_or_read_only);
	tcase_add_loop_test(tc, other_layouts, 0, sizeof(variants) / sizeof(variants[0]));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(names_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

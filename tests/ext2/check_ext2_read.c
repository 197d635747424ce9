/* check_ext2_read.c - images that mke2fs -d makes from a tree on the host
 * (deep directories, a 20 MiB file, sparse files, fast and slow symlinks,
 * hard links, a fifo, 5,000 entries in one directory) read back through the
 * library exactly, with 1 KiB and 4 KiB blocks. */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "e2tools.h"
#include "image_dev.h"

#define BIG_SIZE	(20u << 20)
#define SPARSE_END	(30u << 20)
#define MANY		5000
#define DEPTH		24

static char *scratch;
static char source[1100], image_1k[1100], image_4k[1100];

static void put_file(const char *path, const void *data, size_t len, off_t offset)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, data, len, offset), (ssize_t)len);
	close(fd);
}

static void make_source(void)
{
	char path[2048];
	uint64_t seed = 1;
	mkdir(source, 0755);
	snprintf(path, sizeof(path), "%s/hello.txt", source);
	put_file(path, "hello\n", 6, 0);

	char *big = malloc(BIG_SIZE);
	rng_fill(&seed, big, BIG_SIZE);
	snprintf(path, sizeof(path), "%s/big.bin", source);
	put_file(path, big, BIG_SIZE, 0);

	/* Sparse: a hole, then bytes at the end; another with data in the middle. */
	snprintf(path, sizeof(path), "%s/sparse.bin", source);
	put_file(path, big, 4096, SPARSE_END);
	snprintf(path, sizeof(path), "%s/middle.bin", source);
	put_file(path, big + 4096, 3000, 1 << 20);
	ck_assert_int_eq(truncate(path, 5 << 20), 0);
	free(big);

	snprintf(path, sizeof(path), "%s/fast", source);
	ck_assert_int_eq(symlink("hello.txt", path), 0);
	char target[300];
	memset(target, 'x', sizeof(target) - 1);
	target[sizeof(target) - 1] = '\0';
	snprintf(path, sizeof(path), "%s/slow", source);
	ck_assert_int_eq(symlink(target, path), 0);

	snprintf(path, sizeof(path), "%s/hard1", source);
	put_file(path, "two names\n", 10, 0);
	char other[2100];
	snprintf(other, sizeof(other), "%s/hard2", source);
	ck_assert_int_eq(link(path, other), 0);
	snprintf(path, sizeof(path), "%s/pipe", source);
	ck_assert_int_eq(mkfifo(path, 0600), 0);

	size_t used = (size_t)snprintf(path, sizeof(path), "%s", source);
	for (int level = 0; level < DEPTH; level++) {
		used += (size_t)snprintf(path + used, sizeof(path) - used, "/d%02d", level);
		mkdir(path, 0750);
		snprintf(other, sizeof(other), "%s/f", path);
		put_file(other, path + strlen(source), used - strlen(source), 0);
	}

	snprintf(path, sizeof(path), "%s/many", source);
	mkdir(path, 0755);
	for (int i = 0; i < MANY; i++) {
		snprintf(path, sizeof(path), "%s/many/entry-%04d", source, i);
		put_file(path, path + strlen(source), i % 7 ? 0 : strlen(path) - strlen(source), 0);
	}
}

static void setup(void)
{
	scratch = scratch_make();
	ck_assert_ptr_nonnull(scratch);
	snprintf(source, sizeof(source), "%s/src", scratch);
	snprintf(image_1k, sizeof(image_1k), "%s/1k.img", scratch);
	snprintf(image_4k, sizeof(image_4k), "%s/4k.img", scratch);
	make_source();
	ck_assert_int_eq(make_image(image_1k, 1024, source, "48M"), 0);
	ck_assert_int_eq(make_image(image_4k, 4096, source, "48M"), 0);
}

static void teardown(void)
{
	scratch_remove(scratch);
	scratch = NULL;
}

static const char *image_for(int block_size)
{
	return block_size == 1024 ? image_1k : image_4k;
}

static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	struct stat st;
	fstat(fd, &st);
	char *data = malloc((size_t)st.st_size + 1);
	ck_assert_int_eq(read(fd, data, (size_t)st.st_size), st.st_size);
	close(fd);
	*len = (size_t)st.st_size;
	return data;
}

static void compare_file(struct ext2_fs *fs, uint32_t ino, const char *path, uint64_t *seed)
{
	size_t len;
	char *want = slurp(path, &len);
	char *got = malloc(len + 1);
	size_t done = 0;
	while (done < len) {
		size_t chunk = 1 + rng_next(seed) % 70000;
		long n = ext2_read(fs, ino, got + done, chunk, done);
		ck_assert_msg(n > 0, "%s: read at %zu gave %ld", path, done, n);
		done += (size_t)n;
	}
	ck_assert_int_eq(ext2_read(fs, ino, got, 1, len), 0);
	ck_assert_msg(!memcmp(want, got, len), "%s: content differs", path);
	free(want);
	free(got);
}

static int count_entry(void *arg, const char *name, size_t len, uint32_t ino, uint32_t type)
{
	(void)name;
	(void)len;
	(void)type;
	ck_assert_uint_gt(ino, 0);
	(*(int *)arg)++;
	return 0;
}

/* extra: entries only the image has (lost+found at the root). */
static void compare_tree(struct ext2_fs *fs, uint32_t dir_ino, const char *dir_path,
			 int extra, uint64_t *seed)
{
	DIR *dir = opendir(dir_path);
	ck_assert_ptr_nonnull(dir);
	int host_entries = 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		host_entries++;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir_path, de->d_name);
		struct stat st;
		ck_assert_int_eq(lstat(path, &st), 0);
		uint32_t ino;
		int err = ext2_lookup(fs, dir_ino, de->d_name, strlen(de->d_name), &ino);
		ck_assert_msg(err == 0, "%s: lookup gave %d", path, err);
		struct ext2_attr attr;
		ck_assert_int_eq(ext2_getattr(fs, ino, &attr), 0);
		ck_assert_msg(attr.mode == st.st_mode, "%s: mode %o, want %o", path, attr.mode,
			      st.st_mode);
		if (S_ISDIR(st.st_mode)) {
			compare_tree(fs, ino, path, 0, seed);
			continue;
		}
		ck_assert_uint_eq(attr.nlink, st.st_nlink);
		ck_assert_uint_eq(attr.size, (uint64_t)st.st_size);
		if (S_ISREG(st.st_mode)) {
			compare_file(fs, ino, path, seed);
		} else if (S_ISLNK(st.st_mode)) {
			char want[4096], got[4096];
			ssize_t want_len = readlink(path, want, sizeof(want));
			ck_assert_int_eq(ext2_readlink(fs, ino, got, sizeof(got)), want_len);
			ck_assert(!memcmp(want, got, (size_t)want_len));
			ck_assert_int_eq(ext2_readlink(fs, ino, got, 3), want_len);
		}
	}
	closedir(dir);
	int ext2_entries = 0;
	ck_assert_int_eq(ext2_iterate(fs, dir_ino, count_entry, &ext2_entries), 0);
	ck_assert_int_eq(ext2_entries, host_entries + extra);
}

static struct ext2_fs *mount_image(struct image_dev *img, const char *image, uint32_t flags)
{
	ck_assert_int_eq(image_open(img, image), 0);
	struct ext2_fs *fs;
	bool read_only;
	char why[128];
	int err = ext2_mount(&img->dev, flags, 1 << 20, &fs, &read_only, why, sizeof(why));
	ck_assert_msg(err == 0, "mount: %d %s", err, why);
	ck_assert_int_eq(read_only, (flags & EXT2_MOUNT_READ_ONLY) != 0);
	return fs;
}

START_TEST(tree_reads_back)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_image(&img, image_for(_i), EXT2_MOUNT_READ_ONLY);
	uint64_t seed = 7;
	compare_tree(fs, EXT2_ROOT_INO, source, 1, &seed);
	ck_assert_int_eq(ext2_unmount(fs), 0);
	ck_assert_uint_eq(img.writes, 0);
	image_close(&img);
}
END_TEST

START_TEST(holes_read_as_zeros_and_take_no_space)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_image(&img, image_for(_i), EXT2_MOUNT_READ_ONLY);
	uint32_t ino;
	ck_assert_int_eq(path_lookup(fs, "/sparse.bin", &ino), 0);
	struct ext2_attr attr;
	ck_assert_int_eq(ext2_getattr(fs, ino, &attr), 0);
	ck_assert_uint_eq(attr.size, SPARSE_END + 4096u);
	ck_assert_uint_lt(attr.blocks512, 64);
	static char buf[65536];
	memset(buf, 0x5a, sizeof(buf));
	ck_assert_int_eq(ext2_read(fs, ino, buf, sizeof(buf), 12345678), (long)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		ck_assert_int_eq(buf[i], 0);
	ck_assert_int_eq(ext2_unmount(fs), 0);
	image_close(&img);
}
END_TEST

/* Sequential reading fetches many blocks per device request. */
START_TEST(sequential_read_reads_ahead)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_image(&img, image_for(_i), EXT2_MOUNT_READ_ONLY);
	uint32_t ino;
	ck_assert_int_eq(path_lookup(fs, "/big.bin", &ino), 0);
	static char buf[4096];
	uint64_t reads_before = img.reads;
	for (uint64_t off = 0; off < BIG_SIZE; off += sizeof(buf))
		ck_assert_int_eq(ext2_read(fs, ino, buf, sizeof(buf), off), (long)sizeof(buf));
	uint64_t blocks = BIG_SIZE / (uint32_t)_i;
	ck_assert_msg(img.reads - reads_before < blocks / 8, "%llu device reads for %llu blocks",
		      (unsigned long long)(img.reads - reads_before), (unsigned long long)blocks);
	ck_assert_int_eq(ext2_unmount(fs), 0);
	image_close(&img);
}
END_TEST

/* A device with a buffer of its own (a DMA window on the target) gets the
 * cache's read-ahead and merged writes in it, up to the buffer's size a
 * request: 256 KiB reads of the 20 MiB file take at most three requests per
 * 256 KiB, map blocks included (the cache's own 64 KiB staging would take
 * at least four), through a 1 MiB
 * cache that keeps handing evicted blocks' memory to new ones; a file
 * written to a copy of the image comes back through a mount without one. */
START_TEST(device_buffer_takes_transfers)
{
	enum { CHUNK = 256 << 10, WRITTEN = 3 << 20 };
	struct image_dev img;
	ck_assert_int_eq(image_open(&img, image_for(_i)), 0);
	image_give_buffer(&img, CHUNK);
	struct ext2_fs *fs;
	bool read_only;
	char why[128];
	ck_assert_int_eq(ext2_mount(&img.dev, EXT2_MOUNT_READ_ONLY, 1 << 20, &fs, &read_only, why,
				    sizeof(why)), 0);
	uint32_t ino;
	ck_assert_int_eq(path_lookup(fs, "/big.bin", &ino), 0);
	char *want = malloc(BIG_SIZE), *got = malloc(CHUNK);
	uint64_t seed = 1;
	rng_fill(&seed, want, BIG_SIZE);
	uint64_t reads_before = img.reads;
	for (uint32_t off = 0; off < BIG_SIZE; off += CHUNK) {
		ck_assert_int_eq(ext2_read(fs, ino, got, CHUNK, off), CHUNK);
		ck_assert_msg(!memcmp(got, want + off, CHUNK), "big.bin differs in %u..", off);
	}
	ck_assert_uint_gt(img.buffer_reads, 0);
	ck_assert_msg(img.reads - reads_before <= 3 * (BIG_SIZE / CHUNK), "%llu device reads",
		      (unsigned long long)(img.reads - reads_before));
	ck_assert_int_eq(ext2_unmount(fs), 0);
	image_close(&img);

	char copy[1200];
	snprintf(copy, sizeof(copy), "%s/buffer-%d.img", scratch, _i);
	ck_assert_int_eq(run_status("cp '%s' '%s'", image_for(_i), copy), 0);
	ck_assert_int_eq(image_open(&img, copy), 0);
	image_give_buffer(&img, CHUNK);
	ck_assert_int_eq(ext2_mount(&img.dev, 0, 1 << 20, &fs, &read_only, why, sizeof(why)), 0);
	ck_assert_int_eq(ext2_create(fs, EXT2_ROOT_INO, "written", 7, 0100644, 0, 0, 0, &ino), 0);
	for (uint32_t off = 0; off < WRITTEN; off += CHUNK)
		ck_assert_int_eq(ext2_write(fs, ino, want + off, CHUNK, off), CHUNK);
	ck_assert_int_eq(ext2_unmount(fs), 0);
	ck_assert_uint_gt(img.buffer_writes, 0);
	image_close(&img);
	ck_assert_int_eq(check_image(copy), 0);

	ck_assert_int_eq(image_open(&img, copy), 0);
	ck_assert_int_eq(ext2_mount(&img.dev, EXT2_MOUNT_READ_ONLY, 1 << 20, &fs, &read_only, why,
				    sizeof(why)), 0);
	ck_assert_int_eq(path_lookup(fs, "/written", &ino), 0);
	for (uint32_t off = 0; off < WRITTEN; off += CHUNK) {
		ck_assert_int_eq(ext2_read(fs, ino, got, CHUNK, off), CHUNK);
		ck_assert(!memcmp(got, want + off, CHUNK));
	}
	ck_assert_int_eq(ext2_unmount(fs), 0);
	image_close(&img);
	free(want);
	free(got);
}
END_TEST

/* A read-write mount and unmount leave an image e2fsck calls clean, with
 * the mount counted. */
START_TEST(mount_unmount_is_clean)
{
	struct image_dev img;
	struct ext2_fs *fs = mount_image(&img, image_for(_i), 0);
	ck_assert_int_eq(ext2_unmount(fs), 0);
	image_close(&img);
	ck_assert_int_eq(check_image(image_for(_i)), 0);
	int status;
	size_t len;
	char *out = run_output(&status, &len, "dumpe2fs -h '%s' 2>/dev/null", image_for(_i));
	ck_assert_int_eq(status, 0);
	ck_assert_ptr_nonnull(strstr(out, "Filesystem state:         clean"));
	ck_assert_ptr_nonnull(strstr(out, "Mount count:              1"));
	free(out);
}
END_TEST

static Suite *read_suite(void)
{
	Suite *s = suite_create("ext2_read");
	TCase *tc = tcase_create("images");
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, tree_reads_back, 1024, 1025);
	tcase_add_loop_test(tc, tree_reads_back, 4096, 4097);
	tcase_add_loop_test(tc, holes_read_as_zeros_and_take_no_space, 1024, 1025);
	tcase_add_loop_test(tc, holes_read_as_zeros_and_take_no_space, 4096, 4097);
	tcase_add_loop_test(tc, sequential_read_reads_ahead, 1024, 1025);
	tcase_add_loop_test(tc, sequential_read_reads_ahead, 4096, 4097);
	tcase_add_loop_test(tc, device_buffer_takes_transfers, 1024, 1025);
	tcase_add_loop_test(tc, device_buffer_takes_transfers, 4096, 4097);
	tcase_add_loop_test(tc, mount_unmount_is_clean, 1024, 1025);
	tcase_add_loop_test(tc, mount_unmount_is_clean, 4096, 4097);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(read_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

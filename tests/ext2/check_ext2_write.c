/* check_ext2_write.c - the library writing: thousands of seeded random
 * creates, writes, truncates, renames and deletes checked against a model,
 * then e2fsck -fn clean and debugfs reading what was written; a 1 GiB
 * sparse file (triple indirect with 1 KiB blocks); a full disk. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2tools.h"
#include "image_dev.h"

#define FILES_MAX	400
#define DIRS_MAX	40
#define FILE_SIZE_MAX	(96u * 1024u)
#define OPS		3000

static char *scratch;
static char image[1100];

static void setup(void)
{
	scratch = scratch_make();
	ck_assert_ptr_nonnull(scratch);
	snprintf(image, sizeof(image), "%s/fs.img", scratch);
}

static void teardown(void)
{
	scratch_remove(scratch);
	scratch = NULL;
}

static struct ext2_fs *mount_rw(struct image_dev *img)
{
	ck_assert_int_eq(image_open(img, image), 0);
	struct ext2_fs *fs;
	bool read_only;
	char why[128];
	int err = ext2_mount(&img->dev, 0, 256 << 10, &fs, &read_only, why, sizeof(why));
	ck_assert_msg(err == 0 && !read_only, "mount: %d %s", err, why);
	return fs;
}

static void unmount(struct ext2_fs *fs, struct image_dev *img)
{
	ck_assert_int_eq(ext2_unmount(fs), 0);
	image_close(img);
}

struct model_dir {
	uint32_t ino;
	char path[256];
};

struct model_file {
	bool live;
	int dir;
	char name[32];
	uint32_t ino;
	uint8_t *data;
	size_t size;
};

struct model {
	struct model_dir dirs[DIRS_MAX];
	int dir_count;
	struct model_file files[FILES_MAX];
	uint64_t seed;
	int serial;
};

static int pick_live(struct model *m)
{
	int start = (int)(rng_next(&m->seed) % FILES_MAX);
	for (int i = 0; i < FILES_MAX; i++)
		if (m->files[(start + i) % FILES_MAX].live)
			return (start + i) % FILES_MAX;
	return -1;
}

static int pick_free(struct model *m)
{
	for (int i = 0; i < FILES_MAX; i++)
		if (!m->files[i].live)
			return i;
	return -1;
}

static void op_create(struct ext2_fs *fs, struct model *m)
{
	int slot = pick_free(m);
	if (slot < 0)
		return;
	struct model_file *f = &m->files[slot];
	f->dir = (int)(rng_next(&m->seed) % (uint64_t)m->dir_count);
	snprintf(f->name, sizeof(f->name), "file-%d", m->serial++);
	ck_assert_int_eq(ext2_create(fs, m->dirs[f->dir].ino, f->name, strlen(f->name), 0100644,
				     1000, 1000, 0, &f->ino), 0);
	f->live = true;
	f->data = calloc(1, FILE_SIZE_MAX);
	f->size = 0;
}

static void op_write(struct ext2_fs *fs, struct model *m)
{
	int slot = pick_live(m);
	if (slot < 0)
		return;
	struct model_file *f = &m->files[slot];
	size_t offset = rng_next(&m->seed) % FILE_SIZE_MAX;
	size_t len = 1 + rng_next(&m->seed) % (FILE_SIZE_MAX - offset);
	if (rng_next(&m->seed) % 2)
		len = len % 3000 + 1;
	if (offset + len > FILE_SIZE_MAX)
		len = FILE_SIZE_MAX - offset;
	rng_fill(&m->seed, f->data + offset, len);
	ck_assert_int_eq(ext2_write(fs, f->ino, f->data + offset, len, offset), (long)len);
	if (offset + len > f->size)
		f->size = offset + len;
}

static void op_truncate(struct ext2_fs *fs, struct model *m)
{
	int slot = pick_live(m);
	if (slot < 0)
		return;
	struct model_file *f = &m->files[slot];
	size_t size = rng_next(&m->seed) % FILE_SIZE_MAX;
	ck_assert_int_eq(ext2_truncate(fs, f->ino, size), 0);
	if (size < f->size)
		memset(f->data + size, 0, f->size - size);
	f->size = size;
}

static void op_unlink(struct ext2_fs *fs, struct model *m)
{
	int slot = pick_live(m);
	if (slot < 0)
		return;
	struct model_file *f = &m->files[slot];
	ck_assert_int_eq(ext2_unlink(fs, m->dirs[f->dir].ino, f->name, strlen(f->name)), 0);
	ck_assert_int_eq(ext2_release(fs, f->ino), 0);
	f->live = false;
	free(f->data);
	f->data = NULL;
}

static void op_rename(struct ext2_fs *fs, struct model *m)
{
	int slot = pick_live(m);
	if (slot < 0)
		return;
	struct model_file *f = &m->files[slot];
	int to_dir = (int)(rng_next(&m->seed) % (uint64_t)m->dir_count);
	/* Half the time over another live file of that directory. */
	int victim = -1;
	if (rng_next(&m->seed) % 2) {
		for (int i = 0; i < FILES_MAX; i++)
			if (i != slot && m->files[i].live && m->files[i].dir == to_dir)
				victim = i;
	}
	char name[32];
	if (victim >= 0)
		snprintf(name, sizeof(name), "%s", m->files[victim].name);
	else
		snprintf(name, sizeof(name), "moved-%d", m->serial++);
	ck_assert_int_eq(ext2_rename(fs, m->dirs[f->dir].ino, f->name, strlen(f->name),
				     m->dirs[to_dir].ino, name, strlen(name)), 0);
	if (victim >= 0) {
		ck_assert_int_eq(ext2_release(fs, m->files[victim].ino), 0);
		m->files[victim].live = false;
		free(m->files[victim].data);
		m->files[victim].data = NULL;
	}
	f->dir = to_dir;
	snprintf(f->name, sizeof(f->name), "%s", name);
}

static void op_mkdir(struct ext2_fs *fs, struct model *m)
{
	if (m->dir_count == DIRS_MAX)
		return;
	int parent = (int)(rng_next(&m->seed) % (uint64_t)m->dir_count);
	struct model_dir *d = &m->dirs[m->dir_count];
	char name[32];
	snprintf(name, sizeof(name), "dir-%d", m->serial++);
	char path[sizeof(d->path)];
	snprintf(path, sizeof(path), "%.200s/%s", m->dirs[parent].path, name);
	memcpy(d->path, path, sizeof(path));
	ck_assert_int_eq(ext2_create(fs, m->dirs[parent].ino, name, strlen(name), 040755, 0, 0, 0,
				     &d->ino), 0);
	m->dir_count++;
}

static void check_model(struct ext2_fs *fs, struct model *m)
{
	uint8_t *buf = malloc(FILE_SIZE_MAX + 1);
	for (int i = 0; i < FILES_MAX; i++) {
		struct model_file *f = &m->files[i];
		if (!f->live)
			continue;
		uint32_t ino;
		ck_assert_int_eq(ext2_lookup(fs, m->dirs[f->dir].ino, f->name, strlen(f->name), &ino), 0);
		ck_assert_uint_eq(ino, f->ino);
		struct ext2_attr attr;
		ck_assert_int_eq(ext2_getattr(fs, ino, &attr), 0);
		ck_assert_uint_eq(attr.size, f->size);
		ck_assert_int_eq(ext2_read(fs, ino, buf, FILE_SIZE_MAX + 1, 0), (long)f->size);
		ck_assert_msg(!memcmp(buf, f->data, f->size), "%s/%s differs",
			      m->dirs[f->dir].path, f->name);
	}
	free(buf);
}

static void compare_debugfs(struct model *m, int samples)
{
	for (int i = 0, seen = 0; i < FILES_MAX && seen < samples; i++) {
		struct model_file *f = &m->files[i];
		if (!f->live)
			continue;
		seen++;
		int status;
		size_t len;
		char *out = run_output(&status, &len, "debugfs -R 'cat %s/%s' '%s' 2>/dev/null",
				       m->dirs[f->dir].path, f->name, image);
		ck_assert_int_eq(status, 0);
		ck_assert_uint_eq(len, f->size);
		ck_assert_msg(!memcmp(out, f->data, len), "debugfs cat %s/%s differs",
			      m->dirs[f->dir].path, f->name);
		free(out);
	}
}

static void free_model(struct model *m)
{
	for (int i = 0; i < FILES_MAX; i++)
		free(m->files[i].data);
}

START_TEST(random_operations_pass_e2fsck)
{
	ck_assert_int_eq(make_image(image, (unsigned)_i, NULL, "48M"), 0);
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	static struct model m;
	memset(&m, 0, sizeof(m));
	m.seed = 0x1234567 + (uint64_t)_i;
	m.dirs[0].ino = EXT2_ROOT_INO;
	m.dir_count = 1;
	for (int op = 0; op < OPS; op++) {
		unsigned kind = (unsigned)(rng_next(&m.seed) % 16);
		if (kind < 4)
			op_create(fs, &m);
		else if (kind < 9)
			op_write(fs, &m);
		else if (kind < 11)
			op_truncate(fs, &m);
		else if (kind < 13)
			op_rename(fs, &m);
		else if (kind < 15)
			op_unlink(fs, &m);
		else
			op_mkdir(fs, &m);
		if (op % 1000 == 999)
			ck_assert_int_eq(ext2_sync(fs), 0);
	}
	check_model(fs, &m);
	unmount(fs, &img);
	ck_assert_int_eq(check_image(image), 0);
	compare_debugfs(&m, 12);
	fs = mount_rw(&img);
	check_model(fs, &m);
	unmount(fs, &img);
	free_model(&m);
}
END_TEST

START_TEST(gigabyte_sparse_file_uses_triple_indirect)
{
	ck_assert_int_eq(make_image(image, 1024, NULL, "16M"), 0);
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	struct ext2_statfs before, after;
	ext2_statfs(fs, &before);
	uint32_t ino;
	ck_assert_int_eq(ext2_create(fs, EXT2_ROOT_INO, "huge", 4, 0100600, 0, 0, 0, &ino), 0);
	static const char tail[] = "the far end of a gigabyte";
	uint64_t far = (1ull << 30) - sizeof(tail);
	ck_assert_int_eq(ext2_write(fs, ino, tail, sizeof(tail), far), (long)sizeof(tail));
	ck_assert_int_eq(ext2_write(fs, ino, "start", 5, 0), 5);
	struct ext2_attr attr;
	ck_assert_int_eq(ext2_getattr(fs, ino, &attr), 0);
	ck_assert_uint_eq(attr.size, 1ull << 30);
	/* two data blocks, and the triple, double and single maps above the far one */
	ck_assert_uint_eq(attr.blocks512, 5 * 2);
	char got[sizeof(tail)];
	ck_assert_int_eq(ext2_read(fs, ino, got, sizeof(got), far), (long)sizeof(got));
	ck_assert_str_eq(got, tail);
	char zeros[512];
	memset(zeros, 1, sizeof(zeros));
	ck_assert_int_eq(ext2_read(fs, ino, zeros, sizeof(zeros), 1ull << 29), (long)sizeof(zeros));
	for (size_t i = 0; i < sizeof(zeros); i++)
		ck_assert_int_eq(zeros[i], 0);
	unmount(fs, &img);
	ck_assert_int_eq(check_image(image), 0);
	int status;
	size_t len;
	char *out = run_output(&status, &len, "debugfs -R 'stat /huge' '%s' 2>/dev/null", image);
	ck_assert_ptr_nonnull(strstr(out, "Size: 1073741824"));
	free(out);

	/* Shrinking frees the maps and the blocks again. */
	fs = mount_rw(&img);
	ck_assert_int_eq(ext2_truncate(fs, ino, 3), 0);
	ck_assert_int_eq(ext2_getattr(fs, ino, &attr), 0);
	ck_assert_uint_eq(attr.blocks512, 2);
	ck_assert_int_eq(ext2_unlink(fs, EXT2_ROOT_INO, "huge", 4), 0);
	ck_assert_int_eq(ext2_release(fs, ino), 0);
	ext2_statfs(fs, &after);
	ck_assert_uint_eq(after.blocks_free, before.blocks_free);
	ck_assert_uint_eq(after.inodes_free, before.inodes_free);
	unmount(fs, &img);
	ck_assert_int_eq(check_image(image), 0);
}
END_TEST

START_TEST(full_disk_gives_enospc_and_loses_nothing)
{
	ck_assert_int_eq(make_image(image, (unsigned)_i, NULL, "2M"), 0);
	struct image_dev img;
	struct ext2_fs *fs = mount_rw(&img);
	enum { CHUNK = 50000, FILES = 200 };
	static uint8_t data[FILES][CHUNK];
	size_t sizes[FILES] = { 0 };
	uint32_t inos[FILES];
	uint64_t seed = 99;
	int files = 0;
	bool full = false;
	while (!full && files < FILES) {
		char name[16];
		snprintf(name, sizeof(name), "f%d", files);
		ck_assert_int_eq(ext2_create(fs, EXT2_ROOT_INO, name, strlen(name), 0100644, 0, 0, 0,
					     &inos[files]), 0);
		rng_fill(&seed, data[files], CHUNK);
		for (size_t off = 0; off < CHUNK && !full; off += 10000) {
			long n = ext2_write(fs, inos[files], data[files] + off, 10000, off);
			ck_assert_msg(n == 10000 || n == -ENOSPC || (n >= 0 && n < 10000),
				      "write gave %ld", n);
			if (n > 0)
				sizes[files] += (size_t)n;
			full = n != 10000;
		}
		files++;
	}
	ck_assert_msg(full, "the disk never filled");
	struct ext2_statfs st;
	ext2_statfs(fs, &st);
	ck_assert_uint_eq(st.blocks_free, 0);
	static uint8_t got[2 * CHUNK];
	for (int i = 0; i < files; i++) {
		ck_assert_int_eq(ext2_read(fs, inos[i], got, sizeof(got), 0), (long)sizes[i]);
		ck_assert(!memcmp(got, data[i], sizes[i]));
	}
	unmount(fs, &img);
	ck_assert_int_eq(check_image(image), 0);

	/* Deleting a file makes its space usable again. */
	fs = mount_rw(&img);
	ck_assert_int_eq(ext2_unlink(fs, EXT2_ROOT_INO, "f0", 2), 0);
	ck_assert_int_eq(ext2_release(fs, inos[0]), 0);
	ck_assert_int_eq(ext2_write(fs, inos[1], data[0], 20000, sizes[1]), 20000);
	ck_assert_int_eq(ext2_read(fs, inos[1], got, sizeof(got), 0), (long)(sizes[1] + 20000));
	ck_assert(!memcmp(got, data[1], sizes[1]));
	ck_assert(!memcmp(got + sizes[1], data[0], 20000));
	unmount(fs, &img);
	ck_assert_int_eq(check_image(image), 0);
}
END_TEST

static Suite *write_suite(void)
{
	Suite *s = suite_create("ext2_write");
	TCase *tc = tcase_create("write");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, random_operations_pass_e2fsck, 1024, 1025);
	tcase_add_loop_test(tc, random_operations_pass_e2fsck, 4096, 4097);
	tcase_add_test(tc, gigabyte_sparse_file_uses_triple_indirect);
	tcase_add_loop_test(tc, full_disk_gives_enospc_and_loses_nothing, 1024, 1025);
	tcase_add_loop_test(tc, full_disk_gives_enospc_and_loses_nothing, 4096, 4097);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(write_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* check_ext2_fuzz.c - damaged images: seeded random bytes written over the
 * superblock, a group descriptor, inodes and directory blocks of a valid
 * image, many rounds each. Mount must refuse with a reason or succeed; then
 * walking the tree, reading every file and changing a little must end with
 * answers or errors, never a crash, a leak or a hang (ASan, the timeout). */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <server/counted_alloc.h>

#include "e2tools.h"
#include "image_dev.h"

#define IMAGE_SIZE	(2u << 20)
#define ROUNDS		150
#define WALK_DEPTH	12
#define WALK_ENTRIES	600
#define READ_MAX	(512u * 1024u)

static char *scratch;
static uint8_t *pristine;
static uint8_t *work;

enum region { REGION_SUPER, REGION_GROUP, REGION_INODES, REGION_DIRS, REGION_COUNT };

/* Byte ranges to damage, by region: [start, start + len). */
struct range {
	size_t start, len;
};
static struct range ranges[REGION_COUNT][3];
static int range_count[REGION_COUNT];

static void put_file(const char *path, size_t len, uint64_t *seed)
{
	uint8_t *data = malloc(len);
	rng_fill(seed, data, len);
	int fd = open(path, O_WRONLY | O_CREAT, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
	free(data);
}

static void make_source(const char *src)
{
	char path[1200];
	uint64_t seed = 3;
	mkdir(src, 0755);
	snprintf(path, sizeof(path), "%s/big", src);
	put_file(path, 300 * 1024, &seed);
	snprintf(path, sizeof(path), "%s/a", src);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/a/b", src);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/a/b/small", src);
	put_file(path, 100, &seed);
	snprintf(path, sizeof(path), "%s/a/link", src);
	ck_assert_int_eq(symlink("b/small", path), 0);
	char target[200];
	memset(target, 'y', sizeof(target) - 1);
	target[sizeof(target) - 1] = '\0';
	snprintf(path, sizeof(path), "%s/a/slow", src);
	ck_assert_int_eq(symlink(target, path), 0);
	snprintf(path, sizeof(path), "%s/many", src);
	mkdir(path, 0755);
	for (int i = 0; i < 120; i++) {
		snprintf(path, sizeof(path), "%s/many/name-%03d", src, i);
		put_file(path, (size_t)i * 37, &seed);
	}
}

static size_t inode_offset(uint32_t ino)
{
	uint32_t table = *(uint32_t *)(pristine + 2048 + 8);
	uint16_t size = *(uint16_t *)(pristine + 1024 + 88);
	return (size_t)table * 1024 + (size_t)(ino - 1) * size;
}

static void add_range(enum region r, size_t start, size_t len)
{
	ranges[r][range_count[r]++] = (struct range){ start, len };
}

static void setup(void)
{
	scratch = scratch_make();
	ck_assert_ptr_nonnull(scratch);
	char src[1100], image[1100];
	snprintf(src, sizeof(src), "%s/src", scratch);
	snprintf(image, sizeof(image), "%s/fuzz.img", scratch);
	make_source(src);
	char size[16];
	snprintf(size, sizeof(size), "%uk", IMAGE_SIZE / 1024);
	ck_assert_int_eq(make_image(image, 1024, src, size), 0);
	pristine = malloc(IMAGE_SIZE);
	work = malloc(IMAGE_SIZE);
	int fd = open(image, O_RDONLY);
	ck_assert_int_eq(read(fd, pristine, IMAGE_SIZE), (ssize_t)IMAGE_SIZE);
	close(fd);

	/* Find the big file's and the directories' inodes and blocks. */
	struct image_dev img;
	memcpy(work, pristine, IMAGE_SIZE);
	image_in_memory(&img, work, IMAGE_SIZE);
	struct ext2_fs *fs;
	bool read_only;
	char why[128];
	ck_assert_int_eq(ext2_mount(&img.dev, EXT2_MOUNT_READ_ONLY, 64 << 10, &fs, &read_only,
				    why, sizeof(why)), 0);
	uint32_t big, many, a;
	ck_assert_int_eq(path_lookup(fs, "/big", &big), 0);
	ck_assert_int_eq(path_lookup(fs, "/many", &many), 0);
	ck_assert_int_eq(path_lookup(fs, "/a", &a), 0);
	ck_assert_int_eq(ext2_unmount(fs), 0);

	add_range(REGION_SUPER, 1024, 1024);
	add_range(REGION_GROUP, 2048, 32);
	add_range(REGION_INODES, inode_offset(EXT2_ROOT_INO), 128);
	add_range(REGION_INODES, inode_offset(big), 128);
	add_range(REGION_INODES, inode_offset(a), 128);
	uint32_t root_block = *(uint32_t *)(pristine + inode_offset(EXT2_ROOT_INO) + 40);
	uint32_t many_block = *(uint32_t *)(pristine + inode_offset(many) + 40);
	uint32_t a_block = *(uint32_t *)(pristine + inode_offset(a) + 40);
	add_range(REGION_DIRS, (size_t)root_block * 1024, 1024);
	add_range(REGION_DIRS, (size_t)many_block * 1024, 1024);
	add_range(REGION_DIRS, (size_t)a_block * 1024, 1024);
}

static void teardown(void)
{
	free(pristine);
	free(work);
	scratch_remove(scratch);
	scratch = NULL;
}

struct names {
	int count;
	char name[WALK_ENTRIES][256];
	uint32_t ino[WALK_ENTRIES];
};

static int collect(void *arg, const char *name, size_t len, uint32_t ino, uint32_t type)
{
	(void)type;
	struct names *names = arg;
	if (names->count == WALK_ENTRIES)
		return 1;
	memcpy(names->name[names->count], name, len);
	names->name[names->count][len] = '\0';
	names->ino[names->count++] = ino;
	return 0;
}

/* Visits everything reachable; answers may be errors, that is all right. */
static void walk(struct ext2_fs *fs, uint32_t dir, int depth, int *budget, uint8_t *buf)
{
	if (depth == WALK_DEPTH || *budget <= 0)
		return;
	struct names *names = malloc(sizeof(*names));
	names->count = 0;
	ext2_iterate(fs, dir, collect, names);
	for (int i = 0; i < names->count && *budget > 0; i++, (*budget)--) {
		uint32_t ino;
		if (ext2_lookup(fs, dir, names->name[i], strlen(names->name[i]), &ino))
			continue;
		struct ext2_attr attr;
		if (ext2_getattr(fs, ino, &attr))
			continue;
		if ((attr.mode & 0170000) == 0040000)
			walk(fs, ino, depth + 1, budget, buf);
		else if ((attr.mode & 0170000) == 0120000)
			ext2_readlink(fs, ino, (char *)buf, 4096);
		else
			for (uint64_t off = 0; off < READ_MAX; off += 65536)
				if (ext2_read(fs, ino, buf, 65536, off) <= 0)
					break;
	}
	free(names);
}

/* Changes that allocate and free on the damaged fs. */
static void scribble(struct ext2_fs *fs, uint8_t *buf)
{
	uint32_t ino, dir;
	if (!ext2_create(fs, EXT2_ROOT_INO, "new", 3, 0100644, 0, 0, 0, &ino)) {
		ext2_write(fs, ino, buf, 20000, 0);
		ext2_truncate(fs, ino, 100);
		ext2_rename(fs, EXT2_ROOT_INO, "new", 3, EXT2_ROOT_INO, "big", 3);
		ext2_unlink(fs, EXT2_ROOT_INO, "big", 3);
		ext2_release(fs, ino);
	}
	if (!ext2_create(fs, EXT2_ROOT_INO, "newdir", 6, 040755, 0, 0, 0, &dir)) {
		ext2_rename(fs, EXT2_ROOT_INO, "a", 1, dir, "a", 1);
		ext2_rmdir(fs, EXT2_ROOT_INO, "newdir", 6);
		ext2_release(fs, dir);
	}
	ext2_unlink(fs, EXT2_ROOT_INO, "many", 4);
	ext2_rmdir(fs, EXT2_ROOT_INO, "many", 4);
	ext2_fsync(fs, EXT2_ROOT_INO, false);
}

START_TEST(damaged_images_never_crash)
{
	enum region region = (enum region)_i;
	uint64_t seed = 0x9e3779b97f4a7c15ull + (uint64_t)_i;
	uint8_t *buf = malloc(65536);
	memset(buf, 0x33, 65536);
	int mounted = 0;
	for (int round = 0; round < ROUNDS; round++) {
		memcpy(work, pristine, IMAGE_SIZE);
		const struct range *range = &ranges[region][rng_next(&seed) % (uint64_t)range_count[region]];
		int damage = 1 + (int)(rng_next(&seed) % 8);
		for (int i = 0; i < damage; i++) {
			size_t at = range->start + rng_next(&seed) % range->len;
			work[at] = (uint8_t)rng_next(&seed);
		}
		struct image_dev img;
		image_in_memory(&img, work, IMAGE_SIZE);
		struct ext2_fs *fs = NULL;
		bool read_only;
		char why[128];
		int err = ext2_mount(&img.dev, 0, 32 << 10, &fs, &read_only, why, sizeof(why));
		if (err) {
			ck_assert_msg(err < 0 && why[0], "round %d: refused (%d) without a reason",
				      round, err);
			ck_assert_uint_eq(counted_alloc_live(), 0);
			continue;
		}
		mounted++;
		int budget = 2000;
		walk(fs, EXT2_ROOT_INO, 0, &budget, buf);
		if (!read_only)
			scribble(fs, buf);
		budget = 2000;
		walk(fs, EXT2_ROOT_INO, 0, &budget, buf);
		ext2_unmount(fs);
		ck_assert_uint_eq(counted_alloc_live(), 0);
	}
	free(buf);
	/* Damage to a descriptor or the superblock may refuse every round;
	 * damage to inodes and directories leaves the fs mountable. */
	if (region == REGION_INODES || region == REGION_DIRS)
		ck_assert_int_eq(mounted, ROUNDS);
}
END_TEST

static Suite *fuzz_suite(void)
{
	Suite *s = suite_create("ext2_fuzz");
	TCase *tc = tcase_create("fuzz");
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, damaged_images_never_crash, REGION_SUPER, REGION_COUNT);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(fuzz_suite());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* powercut.c - the workload powercut.test cuts the power in: files of
 * several sizes in /pc and two directories below it are written,
 * overwritten, truncated, renamed and removed, most of them fsynced with
 * their directory. After each fsync returns the program says what is now
 * durable, one console line each:
 *   synced PATH CRC SIZE   PATH holds SIZE bytes whose cksum CRC is CRC
 *   changing PATH          what PATH holds is about to change
 *   removed PATH           PATH is gone and its directory fsynced
 * The host stops the machine after N user instructions (l4run --power-cut)
 * and holds the image to every line printed before the cut. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cksum.h"
#include "tap.h"

#define FILES		24u
#define RENAMED		4u
#define BIG_BYTES	(1024u * 1024u)
#define PATH_BYTES	64u

static const char *const dirs[] = { "/pc", "/pc/a", "/pc/a/b" };
#define DIRS		(sizeof(dirs) / sizeof(dirs[0]))

/* Around the block size (1 KiB), the end of the direct blocks (12 KiB),
 * and into the double indirect ones (past 268 KiB). */
static const uint32_t sizes[] = { 0, 1, 100, 1023, 1024, 4096, 5000, 12288, 12289, 70000, 280000 };
#define SIZES		(sizeof(sizes) / sizeof(sizes[0]))

static unsigned char content[BIG_BYTES];
static uint32_t file_size[FILES];

static void path_of(char *path, unsigned file)
{
	snprintf(path, PATH_BYTES, "%s/f%u", dirs[file % DIRS], file);
}

static void fill(unsigned char *to, uint32_t len, uint32_t seed)
{
	uint32_t state = seed * 2654435761u + 1u;
	for (uint32_t i = 0; i < len; i++) {
		state = state * 1103515245u + 12345u;
		to[i] = (unsigned char)(state >> 23);
	}
}

/* Writes in pieces of changing length, so that writes start and end
 * inside blocks as well as on their edges. */
static int write_pieces(int fd, const unsigned char *from, uint32_t len)
{
	uint32_t done = 0, piece = 1000;
	while (done < len) {
		uint32_t want = len - done < piece ? len - done : piece;
		ssize_t put = write(fd, from + done, want);
		if (put <= 0)
			return -1;
		done += (uint32_t)put;
		piece = piece * 7 % 9000 + 512;
	}
	return 0;
}

static int fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	int result = fsync(fd);
	close(fd);
	return result;
}

static void announce_synced(const char *path, uint32_t len)
{
	printf("synced %s %lu %lu\n", path, (unsigned long)crc_end(crc_add(0, content, len), len),
	       (unsigned long)len);
	fflush(stdout);
}

static void announce(const char *what, const char *path)
{
	printf("%s %s\n", what, path);
	fflush(stdout);
}

/* content[0..len) becomes the file at path; with durable, it and its
 * directory are fsynced and the new state announced. */
static void put_file(const char *path, const char *dir, uint32_t len, int durable)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int ok = fd >= 0 && write_pieces(fd, content, len) == 0;
	if (ok && durable)
		ok = fsync(fd) == 0 && fsync_path(dir) == 0;
	if (fd >= 0 && close(fd) < 0)
		ok = 0;
	check_report(ok, "file written", "%s", path);
	if (ok && durable)
		announce_synced(path, len);
}

static void make_dirs(void)
{
	for (unsigned i = 0; i < DIRS; i++) {
		int ok = mkdir(dirs[i], 0755) == 0 && fsync_path(i ? dirs[i - 1] : "/") == 0;
		check_report(ok, "directory made", "%s", dirs[i]);
	}
}

/* Every fourth file is left to write-back alone. */
static int is_durable(unsigned file)
{
	return file % 4 != 3;
}

static void first_round(void)
{
	char path[PATH_BYTES];
	for (unsigned file = 0; file < FILES; file++) {
		file_size[file] = sizes[file % SIZES];
		fill(content, file_size[file], file);
		path_of(path, file);
		put_file(path, dirs[file % DIRS], file_size[file], is_durable(file));
	}
}

/* A part in the middle rewritten and the file made longer, in place. */
static void overwrite(unsigned file)
{
	char path[PATH_BYTES];
	uint32_t old = file_size[file], at = old / 3, len = old / 2 + 700;
	path_of(path, file);
	fill(content, old, file);
	fill(content + at, len, file + 1000);
	file_size[file] = at + len > old ? at + len : old;
	announce("changing", path);
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && lseek(fd, at, SEEK_SET) == (off_t)at &&
		 write_pieces(fd, content + at, len) == 0 && fsync(fd) == 0;
	if (fd >= 0 && close(fd) < 0)
		ok = 0;
	check_report(ok, "file overwritten", "%s", path);
	if (ok)
		announce_synced(path, file_size[file]);
}

/* Cut to a third, then grown by a hole of 3000 bytes. */
static void truncate_file(unsigned file)
{
	char path[PATH_BYTES];
	uint32_t old = file_size[file], cut = old / 3;
	path_of(path, file);
	fill(content, cut, file);
	memset(content + cut, 0, 3000);
	file_size[file] = cut + 3000;
	announce("changing", path);
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && ftruncate(fd, cut) == 0 && ftruncate(fd, cut + 3000) == 0 &&
		 fsync(fd) == 0;
	if (fd >= 0 && close(fd) < 0)
		ok = 0;
	check_report(ok, "file truncated", "%s", path);
	if (ok)
		announce_synced(path, file_size[file]);
}

static void remove_file(unsigned file)
{
	char path[PATH_BYTES];
	path_of(path, file);
	announce("changing", path);
	int ok = unlink(path) == 0 && fsync_path(dirs[file % DIRS]) == 0;
	check_report(ok, "file removed", "%s", path);
	if (ok)
		announce("removed", path);
}

/* Written under a temporary name in /pc, fsynced, then renamed into
 * /pc/a/b: over a file never announced (a name that had no durable
 * state), or to a new name. */
static void rename_in(unsigned n, const char *to)
{
	char from[PATH_BYTES];
	uint32_t len = sizes[(n * 5 + 3) % SIZES];
	snprintf(from, sizeof(from), "/pc/new%u", n);
	fill(content, len, 2000 + n);
	put_file(from, "/pc", len, 0);
	int fd = open(from, O_RDONLY);
	int ok = fd >= 0 && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	ok = ok && rename(from, to) == 0 && fsync_path("/pc") == 0 && fsync_path("/pc/a/b") == 0;
	check_report(ok, "file renamed", "%s to %s", from, to);
	if (ok)
		announce_synced(to, len);
}

static void second_round(void)
{
	char to[PATH_BYTES];
	overwrite(0);
	overwrite(9);
	overwrite(13);
	truncate_file(10);
	truncate_file(20);
	remove_file(2);
	remove_file(16);
	for (unsigned n = 0; n < RENAMED; n++) {
		unsigned over = 4 * n + 3;	/* never announced */
		if (over % DIRS == 2)
			path_of(to, over);
		else
			snprintf(to, sizeof(to), "/pc/a/b/r%u", n);
		rename_in(n, to);
	}
}

static void big_file(void)
{
	fill(content, BIG_BYTES, 3000);
	put_file("/pc/a/big", "/pc/a", BIG_BYTES, 1);
}

int main(void)
{
	crc_init();
	make_dirs();
	first_round();
	second_round();
	big_file();
	return tap_summary("powercut");
}

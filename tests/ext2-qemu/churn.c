/* churn.c - run by churn.test on a fresh ext2 disk: creates, writes,
 * renames, truncates and deletes a few thousand files under /work, checks
 * what it reads back, and exits (a clean shutdown). The host then runs
 * e2fsck -fn and reads the files churn.test names back with debugfs: kept_N
 * holds "file N\n" N % 50 + 1 times, /work/big 3 MiB of the byte pattern
 * below (changed and changed back through a shared mapping), /work/cut the
 * first 5000 of them. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"

#define FILES		2000
#define BIG_BYTES	(3u << 20)
#define CUT_BYTES	5000u
#define BLOCK		8192u

static unsigned char block[BLOCK];

static unsigned char pattern_byte(unsigned offset)
{
	return (unsigned char)(offset * 7u + offset / 4096u);
}

static int write_text(const char *path, unsigned n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	char line[32];
	int len = snprintf(line, sizeof(line), "file %u\n", n);
	int ok = 1;
	for (unsigned i = 0; i < n % 50 + 1; i++)
		ok &= write(fd, line, (size_t)len) == len;
	return close(fd) == 0 && ok ? 0 : -1;
}

static int write_pattern(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	int ok = 1;
	for (unsigned at = 0; at < BIG_BYTES; at += BLOCK) {
		for (unsigned i = 0; i < BLOCK; i++)
			block[i] = pattern_byte(at + i);
		ok &= write(fd, block, BLOCK) == (ssize_t)BLOCK;
	}
	return close(fd) == 0 && ok ? 0 : -1;
}

static unsigned pattern_errors(const char *path, unsigned bytes)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 1;
	unsigned bad = 0, at = 0;
	ssize_t got;
	while ((got = read(fd, block, BLOCK)) > 0) {
		for (ssize_t i = 0; i < got; i++)
			bad += block[i] != pattern_byte(at + (unsigned)i);
		at += (unsigned)got;
	}
	close(fd);
	return bad + (at != bytes);
}

/* mm0 pages a disk file in from fs0 and writes a shared mapping's pages
 * back at msync: byte 5000 of /work/big becomes 0xee through the mapping,
 * and read() sees it. */
static void mapped_big(void)
{
	int fd = open("/work/big", O_RDWR);
	unsigned char *map = mmap(NULL, BIG_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!check("mmap of a disk file", map != MAP_FAILED, 0)) {
		close(fd);
		return;
	}
	unsigned bad = 0;
	for (unsigned at = 0; at < BIG_BYTES; at += 4093)
		bad += map[at] != pattern_byte(at);
	CHECK_EQ("the mapping holds the file", 0, bad);
	map[5000] = 0xee;
	CHECK_EQ("msync", 0, msync(map, BIG_BYTES, MS_SYNC));
	unsigned char byte = 0;
	CHECK_EQ("read the byte", 1, pread(fd, &byte, 1, 5000));
	CHECK_EQ("read sees the mapping's write", 0xee, byte);
	map[5000] = pattern_byte(5000);
	CHECK_EQ("munmap", 0, munmap(map, BIG_BYTES));
	close(fd);
	CHECK_EQ("the big file as it was", 0, pattern_errors("/work/big", BIG_BYTES));
}

int main(void)
{
	char from[64], to[64];
	unsigned failed = 0;
	CHECK_EQ("mkdir /work", 0, mkdir("/work", 0755));
	for (unsigned n = 0; n < FILES; n++) {
		snprintf(from, sizeof(from), "/work/new_%u", n);
		failed += write_text(from, n) != 0;
	}
	CHECK_EQ("every file written", 0, failed);
	/* Even files are renamed to kept_N, odd ones deleted, every tenth kept
	 * one truncated to nothing and written again. */
	failed = 0;
	for (unsigned n = 0; n < FILES; n++) {
		snprintf(from, sizeof(from), "/work/new_%u", n);
		snprintf(to, sizeof(to), "/work/kept_%u", n);
		if (n % 2) {
			failed += unlink(from) != 0;
			continue;
		}
		failed += rename(from, to) != 0;
		if (n % 10 == 0)
			failed += truncate(to, 0) != 0 || write_text(to, n) != 0;
	}
	CHECK_EQ("renames, deletions, truncations", 0, failed);
	struct stat status;
	CHECK_EQ("a deleted file is gone", -1, stat("/work/new_1", &status));
	CHECK_EQ("kept_10 has its text", 0, stat("/work/kept_10", &status));
	CHECK_EQ("kept_10's size", 11 * 8, status.st_size);
	CHECK_EQ("the big file written", 0, write_pattern("/work/big"));
	CHECK_EQ("the big file reads back", 0, pattern_errors("/work/big", BIG_BYTES));
	CHECK_EQ("copy for the cut", 0, write_pattern("/work/cut"));
	CHECK_EQ("truncate the cut", 0, truncate("/work/cut", CUT_BYTES));
	CHECK_EQ("the cut reads back", 0, pattern_errors("/work/cut", CUT_BYTES));
	mapped_big();
	CHECK_EQ("mkdir /work/gone", 0, mkdir("/work/gone", 0755));
	CHECK_EQ("rmdir /work/gone", 0, rmdir("/work/gone"));
	/* Unlinked while open: the data stays readable until the close. */
	int fd = open("/work/kept_2", O_RDONLY);
	CHECK_EQ("unlink an open file", 0, unlink("/work/kept_2"));
	char text[8] = { 0 };
	CHECK_EQ("read it after the unlink", 7, read(fd, text, 7));
	CHECK_EQ("its text", 0, strcmp(text, "file 2\n"));
	CHECK_EQ("close it", 0, close(fd));
	CHECK_EQ("sync", 0, (sync(), 0));
	return tap_summary("churn");
}

/* file_rows_linux.c - the loops of write_1m, read_4k and read_1m (file_ops.c)
 * on Linux with glibc, for the Linux column of docs/benchmarks.md: a 1 MiB file
 * on a tmpfs, moved with pread and pwrite from offset 0; runs as /init of an
 * initramfs under the same QEMU board and -icount shift=0 as
 * ../../shared/linux-peer, prints RESULT lines and powers off. Build and run:
 * docs/benchmarks.md, "The Linux figures of the file rows". */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

/* read_all and write_all: the same loops as Larch's, from the same file. */
#include "../io_all.h"

#define SMALL		4096u
#define MIB		(1u << 20)
#define FILE_BYTES	MIB
#define TMPFS_DIR	"/tmp"
#define FILE_PATH	TMPFS_DIR "/bench.dat"

enum { SMALL_ROUNDS = 100, BIG_ROUNDS = 4 };

static uint64_t now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000000000ull + (uint64_t)now.tv_nsec;
}

static void result(const char *name, uint64_t total, uint64_t ops)
{
	printf("RESULT %s %llu %llu %llu\n", name, (unsigned long long)((total + ops / 2) / ops),
	       (unsigned long long)ops, (unsigned long long)total);
}

static void fail(const char *what)
{
	printf("FAIL %s\n", what);
	sync();
	reboot(RB_POWER_OFF);
	_exit(1);
}

static uint64_t time_transfers(int fd, uint8_t *data, size_t length, int rounds, int writing)
{
	unsigned bad = 0;
	uint64_t start = now_ns();

	for (int i = 0; i < rounds; i++)
		bad += (writing ? write_all(fd, data, length) : read_all(fd, data, length)) != 0;
	if (bad)
		fail(writing ? "pwrite" : "pread");
	return now_ns() - start;
}

static void bench_read_write(void)
{
	uint8_t *data = malloc(FILE_BYTES);
	int fd;

	if (!data)
		fail("malloc");
	for (size_t i = 0; i < FILE_BYTES; i++)
		data[i] = (uint8_t)(i * 7);
	mkdir(TMPFS_DIR, 0755);
	if (mount("tmpfs", TMPFS_DIR, "tmpfs", 0, NULL))
		fail("mount tmpfs");
	fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write_all(fd, data, FILE_BYTES))
		fail("create the file");
	result("write_1m", time_transfers(fd, data, FILE_BYTES, BIG_ROUNDS, 1), BIG_ROUNDS);
	result("read_4k", time_transfers(fd, data, SMALL, SMALL_ROUNDS, 0), SMALL_ROUNDS);
	result("read_1m", time_transfers(fd, data, FILE_BYTES, BIG_ROUNDS, 0), BIG_ROUNDS);
	for (size_t i = 0; i < FILE_BYTES; i++)
		if (data[i] != (uint8_t)(i * 7))
			fail("read back what was written");
	if (close(fd) || unlink(FILE_PATH))
		fail("close and unlink");
	free(data);
}

static void open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	mkdir("/dev", 0755);
	mknod("/dev/console", S_IFCHR | 0600, makedev(5, 1));
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
}

int main(void)
{
	open_console();
	setvbuf(stdout, NULL, _IOLBF, 0);
	bench_read_write();
	printf("BENCH-END\n");
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}

/* disk_ops.c - dbench, the disk benchmarks: booted as init with / on a fresh
 * ext2 disk made by make-disk (fs0 over blk0), it writes, reads, creates and
 * unlinks files there through libposix as a program does, and prints one
 * RESULT line per operation (the same loops as linux/disk_rows_linux.c). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "io_all.h"

#define MIB		(1u << 20)
/* The cold files hold lines "%07d\n" of their numbers, 8 bytes a line. */
#define LINE_BYTES	8u

enum { ROUNDS = 4, FILES_PER_OP = 100 };

/* The architected event "instruction architecturally executed", which
 * under -icount QEMU counts exactly as the instructions it ran. */
#define EVENT_INST_RETIRED	0x08u

/* The cycle counter the other rows read follows QEMU's virtual clock,
 * which jumps ahead over the time all processors idle in wfi (here: waiting
 * for the disk, an amount of host time); event counter 0 counts only the
 * instructions executed (docs/benchmarks.md, "The disk rows"). The kernel
 * lets user mode program the PMU (PMUSERENR.EN) and never touches counter 0. */
static void instructions_start(void)
{
	asm volatile("mcr p15, 0, %0, c9, c12, 5" :: "r"(0u));			/* PMSELR: counter 0 */
	asm volatile("isb; mcr p15, 0, %0, c9, c13, 1" :: "r"(EVENT_INST_RETIRED));	/* PMXEVTYPER */
	asm volatile("mcr p15, 0, %0, c9, c12, 1" :: "r"(1u));			/* PMCNTENSET */
}

static inline uint32_t instructions(void)
{
	uint32_t count;
	asm volatile("isb; mcr p15, 0, %1, c9, c12, 5; isb; mrc p15, 0, %0, c9, c13, 2"
		     : "=r"(count) : "r"(0u) : "memory");
	return count;
}

static void dbench_result(const char *name, uint32_t ops, uint32_t total)
{
	printf("RESULT %s %lu %lu %lu\n", name, (unsigned long)(((uint64_t)total + ops / 2) / ops),
	       (unsigned long)ops, (unsigned long)total);
}

static void dbench_fail(const char *what)
{
	printf("bench: FAIL %s\n", what);
	exit(1);
}

/* Each op: a new file, 1 MiB written, fsync, close. */
static void bench_write(const uint8_t *data)
{
	char path[64];
	uint32_t bad = 0, start = instructions();

	for (int i = 0; i < ROUNDS; i++) {
		snprintf(path, sizeof(path), "/written_%d", i);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		bad += fd < 0 || write_all(fd, data, MIB) || fsync(fd) || close(fd);
	}
	uint32_t total = instructions() - start;
	if (bad)
		dbench_fail("disk_write_1m_fsync");
	dbench_result("disk_write_1m_fsync", ROUNDS, total);
}

static void check_lines(const uint8_t *data)
{
	char expected[LINE_BYTES + 1];

	for (unsigned line = 0; line < MIB / LINE_BYTES; line++) {
		snprintf(expected, sizeof(expected), "%07u\n", line);
		if (memcmp(data + line * LINE_BYTES, expected, LINE_BYTES) != 0)
			dbench_fail("the cold file's content");
	}
}

/* Each op: open, 1 MiB read, close, of a file make-disk wrote: cold, each
 * of the four once (fs0 has not read them since boot); warm, the last of
 * them (in fs0's block cache) again each time. */
static void bench_read(const char *name, int warm, uint8_t *data)
{
	char path[64];
	uint32_t bad = 0, start = instructions();

	for (int i = 0; i < ROUNDS; i++) {
		snprintf(path, sizeof(path), "/cold_%d", warm ? ROUNDS - 1 : i);
		int fd = open(path, O_RDONLY);
		bad += fd < 0 || read_all(fd, data, MIB) || close(fd);
	}
	uint32_t total = instructions() - start;
	if (bad)
		dbench_fail(name);
	dbench_result(name, ROUNDS, total);
	check_lines(data);
}

/* Each op: 100 files created (open O_CREAT, close) in one directory, then
 * unlinked. */
static void bench_create_unlink(void)
{
	char path[64];
	uint32_t bad = 0;

	if (mkdir("/many", 0755))
		dbench_fail("mkdir");
	uint32_t start = instructions();
	for (int i = 0; i < ROUNDS; i++) {
		for (int f = 0; f < FILES_PER_OP; f++) {
			snprintf(path, sizeof(path), "/many/file_%d", f);
			int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
			bad += fd < 0 || close(fd);
		}
		for (int f = 0; f < FILES_PER_OP; f++) {
			snprintf(path, sizeof(path), "/many/file_%d", f);
			bad += unlink(path) != 0;
		}
	}
	uint32_t total = instructions() - start;
	if (bad)
		dbench_fail("disk_create_unlink_100");
	dbench_result("disk_create_unlink_100", ROUNDS, total);
}

int main(void)
{
	uint8_t *data = malloc(MIB);
	struct stat cold;

	printf("bench: disk operations\n");
	instructions_start();
	if (!data)
		dbench_fail("malloc");
	/* Without the disk / is the RAM file system, which has no cold files. */
	if (stat("/cold_0", &cold) != 0)
		dbench_fail("no disk: / has no cold_0");
	for (size_t i = 0; i < MIB; i++)
		data[i] = (uint8_t)(i * 7);
	bench_write(data);
	bench_read("disk_read_1m_cold", 0, data);
	bench_read("disk_read_1m_warm", 1, data);
	bench_create_unlink();
	free(data);
	printf("bench: done\n");
	return 0;
}

/* disk_rows_linux.c - the loops of the disk rows (disk_ops.c) on Linux with
 * glibc, for the Linux column of docs/benchmarks.md: ext2 on a virtio-blk
 * disk made by the same mke2fs command as make bench's; runs as /init of an
 * initramfs that also holds the modules the disk needs, under the same QEMU
 * board and -icount shift=0 as ../../shared/linux-peer, prints RESULT lines
 * and powers off. A figure is the CLOCK_MONOTONIC nanoseconds of the loop
 * less the time the processor spent idle meanwhile (waiting for the disk),
 * which leaves the instructions executed. Build and run: docs/benchmarks.md,
 * "The Linux figures of the disk rows". */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

/* read_all and write_all: the same loops as Larch's, from the same file. */
#include "../io_all.h"

#define MIB		(1u << 20)
/* The cold files hold lines "%07d\n" of their numbers, 8 bytes a line. */
#define LINE_BYTES	8u
#define DISK		"/dev/vda"
#define MOUNTED		"/mnt"

enum { ROUNDS = 4, FILES_PER_OP = 100 };

/* In load order: each needs only those before it. */
static const char *const modules[] = {
	"virtio_mmio", "virtio_blk", "crc16", "mbcache", "crc32c_generic", "libcrc32c",
	"jbd2", "ext4",
};

static uint64_t now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000000000ull + (uint64_t)now.tv_nsec;
}

static void fail(const char *what)
{
	printf("FAIL %s\n", what);
	sync();
	reboot(RB_POWER_OFF);
	_exit(1);
}

/* Processor 0's idle and I/O-wait time so far, from the tick code's own
 * accounting in /proc/timer_list (nanoseconds). */
static uint64_t idle_ns(void)
{
	static char text[1 << 16];
	uint64_t idle = 0;
	int fd = open("/proc/timer_list", O_RDONLY);
	size_t have = 0;
	ssize_t got;

	if (fd < 0)
		fail("open /proc/timer_list");
	while (have < sizeof(text) - 1 && (got = read(fd, text + have, sizeof(text) - 1 - have)) > 0)
		have += (size_t)got;
	close(fd);
	text[have] = '\0';
	const char *fields[] = { ".idle_sleeptime", ".iowait_sleeptime" };
	for (unsigned i = 0; i < 2; i++) {
		const char *at = strstr(text, fields[i]);
		if (!at || !(at = strchr(at, ':')))
			fail("no idle time in /proc/timer_list");
		idle += strtoull(at + 1, NULL, 10);
	}
	return idle;
}

struct interval {
	uint64_t start, idle_start;
};

static struct interval begin(void)
{
	struct interval i;

	i.idle_start = idle_ns();
	i.start = now_ns();
	return i;
}

/* Prints the RESULT line (busy time) and an IDLE line (the time left out). */
static void result(const char *name, struct interval i, uint64_t ops)
{
	uint64_t elapsed = now_ns() - i.start, idle = idle_ns() - i.idle_start;
	uint64_t busy = elapsed - idle;

	printf("RESULT %s %llu %llu %llu\n", name, (unsigned long long)((busy + ops / 2) / ops),
	       (unsigned long long)ops, (unsigned long long)busy);
	printf("IDLE %s %llu of %llu ns\n", name, (unsigned long long)idle,
	       (unsigned long long)elapsed);
}

static void load_modules(void)
{
	char path[64];

	for (unsigned i = 0; i < sizeof(modules) / sizeof(modules[0]); i++) {
		snprintf(path, sizeof(path), "/modules/%s.ko", modules[i]);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || syscall(SYS_finit_module, fd, "", 0) != 0)
			fail(path);
		close(fd);
	}
}

static void mount_disk(void)
{
	struct stat disk;
	struct timespec pause = { 0, 1000000 };

	mkdir("/proc", 0755);
	mkdir(MOUNTED, 0755);
	if (mount("proc", "/proc", "proc", 0, NULL) || mount("devtmpfs", "/dev", "devtmpfs", 0, NULL))
		fail("mount /proc and /dev");
	load_modules();
	for (int tries = 0; stat(DISK, &disk) != 0; tries++) {
		if (tries == 5000)
			fail("no " DISK);
		nanosleep(&pause, NULL);
	}
	if (mount(DISK, MOUNTED, "ext2", 0, NULL))
		fail("mount " DISK);
}

/* Each op: a new file, 1 MiB written, fsync, close. */
static void bench_write(const uint8_t *data)
{
	char path[64];
	struct interval timed = begin();
	unsigned bad = 0;

	for (int i = 0; i < ROUNDS; i++) {
		snprintf(path, sizeof(path), MOUNTED "/written_%d", i);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
		bad += fd < 0 || write_all(fd, data, MIB) || fsync(fd) || close(fd);
	}
	if (bad)
		fail("disk_write_1m_fsync");
	result("disk_write_1m_fsync", timed, ROUNDS);
}

static void check_lines(const uint8_t *data)
{
	char expected[LINE_BYTES + 1];

	for (unsigned line = 0; line < MIB / LINE_BYTES; line++) {
		snprintf(expected, sizeof(expected), "%07u\n", line);
		if (memcmp(data + line * LINE_BYTES, expected, LINE_BYTES) != 0)
			fail("the cold file's content");
	}
}

/* Each op: open, 1 MiB read, close, of a file mke2fs wrote: cold, each
 * of the four once; warm, the last of them (in the cache) again each time. */
static void bench_read(const char *name, int warm, uint8_t *data)
{
	char path[64];
	struct interval timed = begin();
	unsigned bad = 0;

	for (int i = 0; i < ROUNDS; i++) {
		snprintf(path, sizeof(path), MOUNTED "/cold_%d", warm ? ROUNDS - 1 : i);
		int fd = open(path, O_RDONLY);
		bad += fd < 0 || read_all(fd, data, MIB) || close(fd);
	}
	if (bad)
		fail(name);
	result(name, timed, ROUNDS);
	check_lines(data);
}

/* Each op: 100 files created (open O_CREAT, close) in one directory, then
 * unlinked. */
static void bench_create_unlink(void)
{
	char path[64];
	unsigned bad = 0;

	if (mkdir(MOUNTED "/many", 0755))
		fail("mkdir");
	struct interval timed = begin();
	for (int i = 0; i < ROUNDS; i++) {
		for (int f = 0; f < FILES_PER_OP; f++) {
			snprintf(path, sizeof(path), MOUNTED "/many/file_%d", f);
			int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
			bad += fd < 0 || close(fd);
		}
		for (int f = 0; f < FILES_PER_OP; f++) {
			snprintf(path, sizeof(path), MOUNTED "/many/file_%d", f);
			bad += unlink(path) != 0;
		}
	}
	if (bad)
		fail("disk_create_unlink_100");
	result("disk_create_unlink_100", timed, ROUNDS);
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
	uint8_t *data = malloc(MIB);

	open_console();
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!data)
		fail("malloc");
	for (size_t i = 0; i < MIB; i++)
		data[i] = (uint8_t)(i * 7);
	mount_disk();
	bench_write(data);
	bench_read("disk_read_1m_cold", 0, data);
	bench_read("disk_read_1m_warm", 1, data);
	bench_create_unlink();
	if (umount(MOUNTED))
		fail("umount");
	printf("BENCH-END\n");
	reboot(RB_POWER_OFF);
	return 0;
}

/* posix_rows_linux.c - the loops of boot_to_init, fork_exec_wait, open_close and
 * stat (posix_ops.c, path_ops.c) on Linux with glibc, for the Linux column of
 * docs/benchmarks.md: runs as /init of an initramfs (beside /exit_at_once, built
 * from ../exit_at_once.c) under the same QEMU board and -icount shift=0 as
 * ../../shared/linux-peer, prints RESULT lines and powers off. Build and run:
 * docs/benchmarks.md, "The Linux figures of the path, exec and boot rows". */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXIT_AT_ONCE	"/exit_at_once"
#define PATH_FILE	"/path_bench.dat"
#define PATH_FILE_BYTES	100

enum { EXEC_ROUNDS = 20, PATH_ROUNDS = 200 };

/* The generic timer's virtual count and frequency, which Linux lets user mode
 * read (its vDSO does): the same clock Larch's boot_to_init reads. */
static uint64_t timer_count(void)
{
	uint32_t lo, hi;

	asm volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

static uint32_t timer_hz(void)
{
	uint32_t hz;

	asm volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(hz));
	return hz;
}

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

static void bench_fork_exec_wait(void)
{
	static char *const argv[] = { EXIT_AT_ONCE, NULL };
	static char *const envp[] = { NULL };
	uint64_t start = now_ns();

	for (int i = 0; i < EXEC_ROUNDS; i++) {
		int status;
		pid_t child = fork();

		if (child == 0) {
			execve(EXIT_AT_ONCE, argv, envp);
			_exit(1);
		}
		if (child < 0 || waitpid(child, &status, 0) != child || status != 0)
			fail("fork+exec+wait");
	}
	result("fork_exec_wait", now_ns() - start, EXEC_ROUNDS);
}

static void bench_open_close_and_stat(void)
{
	static const char content[PATH_FILE_BYTES];
	struct stat st;
	unsigned bad = 0;
	uint64_t start;
	int fd = open(PATH_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || write(fd, content, sizeof(content)) != (ssize_t)sizeof(content) || close(fd))
		fail("create the file for open_close and stat");
	start = now_ns();
	for (int i = 0; i < PATH_ROUNDS; i++) {
		fd = open(PATH_FILE, O_RDONLY);
		bad += fd < 0 || close(fd) != 0;
	}
	result("open_close", now_ns() - start, PATH_ROUNDS);
	start = now_ns();
	for (int i = 0; i < PATH_ROUNDS; i++)
		bad += stat(PATH_FILE, &st) != 0 || st.st_size != PATH_FILE_BYTES;
	result("stat", now_ns() - start, PATH_ROUNDS);
	if (bad || unlink(PATH_FILE))
		fail("open_close or stat");
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
	uint64_t timer_count_at_main = timer_count();

	open_console();
	setvbuf(stdout, NULL, _IOLBF, 0);
	result("boot_to_init", timer_count_at_main * 1000000000ull / timer_hz(), 1);
	bench_fork_exec_wait();
	bench_open_close_and_stat();
	printf("BENCH-END\n");
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}

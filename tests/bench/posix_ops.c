/* posix_ops.c - the POSIX benchmarks of mm0, run as init: process ids,
 * anonymous faults, mmap/munmap, fork+exit+wait, copy-on-write faults,
 * SysV shared memory, malloc/free churn, fork+exec+wait and the instructions
 * from reset to main; then the file and path benchmarks (file_ops.c,
 * path_ops.c), the thread benchmarks (thread_ops.c), or with four processors
 * only the servers under load (parallel_ops.c). Each figure counts
 * everything between two counter reads: libposix, the generated stubs, the
 * kernel and the servers' work. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>
#include <l4/cycles.h>
#include <l4/kip.h>

#include "pbench.h"

#define PAGE		4096u
#define REGION		(4u << 20)
#define REGION_PAGES	(REGION / PAGE)
#define BIG		(16u << 20)
#define EXIT_AT_ONCE	"/boot/exit_at_once"

void pbench_result(const char *name, uint32_t ops, uint32_t total)
{
	printf("RESULT %s %lu %lu %lu\n", name, (unsigned long)(((uint64_t)total + ops / 2) / ops),
	       (unsigned long)ops, (unsigned long)total);
}

void pbench_fail(const char *what)
{
	printf("bench: FAIL %s\n", what);
	exit(1);
}

static void *map_anonymous(size_t size, int flags)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		pbench_fail("mmap");
	return p;
}

static void touch_pages(volatile uint8_t *base, uint32_t size)
{
	for (uint32_t offset = 0; offset < size; offset += PAGE)
		base[offset] = 1;
}

static void bench_getpid(void)
{
	enum { ROUNDS = 1000 };
	pid_t first = getpid();
	uint32_t wrong = 0, start = l4_cycles();
	for (int i = 0; i < ROUNDS; i++)
		wrong += getpid() != first;
	uint32_t total = l4_cycles() - start;
	if (wrong || first <= 0)
		pbench_fail("getpid");
	pbench_result("getpid", ROUNDS, total);
}

/* First write to each page of a fresh region, then munmap of all of it. */
static void bench_anon_fault_and_munmap(void)
{
	uint8_t *region = map_anonymous(REGION, MAP_PRIVATE);
	uint32_t start = l4_cycles();
	touch_pages(region, REGION);
	pbench_result("anon_fault", REGION_PAGES, l4_cycles() - start);
	start = l4_cycles();
	if (munmap(region, REGION))
		pbench_fail("munmap");
	pbench_result("munmap_touched_per_page", REGION_PAGES, l4_cycles() - start);
}

static void bench_mmap_munmap_64k(void)
{
	enum { ROUNDS = 100 };
	uint32_t start = l4_cycles();
	for (int i = 0; i < ROUNDS; i++)
		if (munmap(map_anonymous(64 << 10, MAP_PRIVATE), 64 << 10))
			pbench_fail("munmap 64k");
	pbench_result("mmap_munmap_64k", ROUNDS, l4_cycles() - start);
}

static uint32_t fork_exit_wait(int rounds)
{
	uint32_t start = l4_cycles();
	for (int i = 0; i < rounds; i++) {
		int status;
		pid_t child = fork();
		if (child == 0)
			_exit(0);
		if (child < 0 || waitpid(child, &status, 0) != child || status != 0)
			pbench_fail("fork+exit+wait");
	}
	return l4_cycles() - start;
}

static void bench_fork(void)
{
	enum { SMALL_ROUNDS = 20, BIG_ROUNDS = 3 };
	pbench_result("fork_exit_wait_small", SMALL_ROUNDS, fork_exit_wait(SMALL_ROUNDS));
	uint8_t *big = map_anonymous(BIG, MAP_PRIVATE);
	touch_pages(big, BIG);
	pbench_result("fork_exit_wait_16m", BIG_ROUNDS, fork_exit_wait(BIG_ROUNDS));
	if (munmap(big, BIG))
		pbench_fail("munmap 16m");
}

/* The child times its first write to each page its parent had touched and
 * leaves the count in a shared page. */
static void bench_cow_fault(void)
{
	uint8_t *region = map_anonymous(REGION, MAP_PRIVATE);
	volatile uint32_t *shared = map_anonymous(PAGE, MAP_SHARED);
	touch_pages(region, REGION);
	pid_t child = fork();
	if (child == 0) {
		uint32_t start = l4_cycles();
		touch_pages(region, REGION);
		shared[0] = l4_cycles() - start;
		_exit(0);
	}
	int status;
	if (child < 0 || waitpid(child, &status, 0) != child || status != 0)
		pbench_fail("copy-on-write child");
	pbench_result("cow_fault", REGION_PAGES, shared[0]);
	if (munmap(region, REGION) || munmap((void *)shared, PAGE))
		pbench_fail("munmap after copy-on-write");
}

/* The child executes a program that returns at once (exit_at_once.c, in the
 * image's boot file system). */
static void bench_fork_exec_wait(void)
{
	enum { ROUNDS = 20 };
	static char *const argv[] = { EXIT_AT_ONCE, NULL };
	static char *const envp[] = { NULL };
	uint32_t start = l4_cycles();
	for (int i = 0; i < ROUNDS; i++) {
		int status;
		pid_t child = fork();
		if (child == 0) {
			execve(EXIT_AT_ONCE, argv, envp);
			_exit(1);
		}
		if (child < 0 || waitpid(child, &status, 0) != child || status != 0)
			pbench_fail("fork+exec+wait");
	}
	pbench_result("fork_exec_wait", ROUNDS, l4_cycles() - start);
}

static void bench_shm_cycle(void)
{
	enum { ROUNDS = 100 };
	uint32_t start = l4_cycles();
	for (int i = 0; i < ROUNDS; i++) {
		int id = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
		volatile uint8_t *p = id < 0 ? (void *)-1 : shmat(id, NULL, 0);
		if (p == (void *)-1)
			pbench_fail("shmget/shmat");
		p[0] = 1;
		if (shmdt((const void *)p) || shmctl(id, IPC_RMID, NULL))
			pbench_fail("shmdt/shmctl");
	}
	pbench_result("shm_cycle", ROUNDS, l4_cycles() - start);
}

/* One op: free a pseudo-randomly chosen one of 1,024 live blocks and
 * allocate a new one of 16 to 520 bytes in its place. The same loop (same
 * generator, same sizes) is what Linux's figure measures with glibc. */
static void bench_malloc_free_churn(void)
{
	enum { SLOTS = 1024, ROUNDS = 20000 };
	static void *slots[SLOTS];
	uint32_t seed = 1, start;

	for (int i = 0; i < SLOTS; i++)
		slots[i] = malloc(16 + (i % 64) * 8);
	start = l4_cycles();
	for (int round = 0; round < ROUNDS; round++) {
		unsigned slot;

		seed = seed * 1103515245u + 12345u;
		slot = (seed >> 16) % SLOTS;
		free(slots[slot]);
		slots[slot] = malloc(16 + ((seed >> 8) & 0x1f8));
		if (!slots[slot])
			pbench_fail("malloc");
	}
	pbench_result("malloc_free_churn", ROUNDS, l4_cycles() - start);
	for (int i = 0; i < SLOTS; i++)
		free(slots[i]);
}

/* Reset to main: the generic timer's count from reset, read first thing in
 * main, in nanoseconds, which under -icount shift=0 are guest instructions
 * (the timer's resolution, 16 of them at 62.5 MHz, is the figure's). */
static void report_boot_to_init(uint64_t timer_count_at_main)
{
	uint64_t instructions = timer_count_at_main * 1000000000ull / l4_kip()->timer_hz;
	pbench_result("boot_to_init", 1, (uint32_t)instructions);
}

int main(void)
{
	uint64_t timer_count_at_main = l4_timer_count();
	printf("bench: POSIX operations\n");
	/* The -smp 4 run (BENCH_CPUS=4) measures only the servers under load. */
	if (l4_num_processors() >= 4) {
		bench_parallel();
		printf("bench: done\n");
		return 0;
	}
	report_boot_to_init(timer_count_at_main);
	bench_getpid();
	bench_anon_fault_and_munmap();
	bench_mmap_munmap_64k();
	bench_fork();
	bench_fork_exec_wait();
	bench_cow_fault();
	bench_shm_cycle();
	bench_malloc_free_churn();
	bench_files();
	bench_paths();
	bench_threads();
	printf("bench: done\n");
	return 0;
}

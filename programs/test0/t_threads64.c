/* t_threads64.c - mm0 with a process of MM0_SPACE_THREADS_MAX (64) threads: each thread
 * faults pages in, maps and unmaps memory and exits, all at once, while another process
 * keeps asking mm0 and must be answered in time; the 65th thread is EAGAIN and every page
 * comes back. */
#include <errno.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

#define THREADS		64	/* the main thread and 63 more */
#define ROUNDS		4
#define MAP_PAGES	16
#define PAGE		4096
/* The other process's requests, and the time they may take in all. */
#define REQUESTS	2000
#define REQUESTS_LIMIT_NS	2000000000LL

static pthread_barrier_t all_started;

static long long monotonic_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

/* Rounds of: map MAP_PAGES, write each page (a fault each), read them back, unmap.
 * Answers the sum it read, which the caller knows. */
static void *fault_map_unmap(void *arg)
{
	uintptr_t id = (uintptr_t)arg, sum = 0;

	pthread_barrier_wait(&all_started);
	for (int round = 0; round < ROUNDS; round++) {
		volatile uintptr_t *pages = mmap(NULL, MAP_PAGES * PAGE, PROT_READ | PROT_WRITE,
						 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (pages == MAP_FAILED)
			return NULL;
		for (int page = 0; page < MAP_PAGES; page++)
			pages[page * PAGE / sizeof(uintptr_t)] = id + (uintptr_t)page;
		for (int page = 0; page < MAP_PAGES; page++)
			sum += pages[page * PAGE / sizeof(uintptr_t)];
		if (munmap((void *)pages, MAP_PAGES * PAGE))
			return NULL;
	}
	return (void *)sum;
}

static uintptr_t expected_sum(uintptr_t id)
{
	return ROUNDS * (MAP_PAGES * id + MAP_PAGES * (MAP_PAGES - 1) / 2);
}

/* The threaded process: 0 when all 63 threads started, the 64th was refused with
 * EAGAIN, and each thread's sum came back right. */
static int sixty_four_threads(void *arg)
{
	pthread_t threads[THREADS];
	pthread_t extra;
	int wrong = 0, made;

	(void)arg;
	pthread_barrier_init(&all_started, NULL, THREADS);
	for (made = 1; made < THREADS; made++)
		if (pthread_create(&threads[made], NULL, fault_map_unmap, (void *)(uintptr_t)made))
			return 1;
	if (pthread_create(&extra, NULL, fault_map_unmap, (void *)0) != EAGAIN)
		wrong |= 2;
	fault_map_unmap((void *)(uintptr_t)THREADS);
	for (made = 1; made < THREADS; made++) {
		void *sum = NULL;

		if (pthread_join(threads[made], &sum) || (uintptr_t)sum != expected_sum((uintptr_t)made))
			wrong |= 4;
	}
	return wrong;
}

/* The other process: REQUESTS requests to mm0 (sysconf's free pages is mm.stats) in
 * time; 0 when so. */
static int keep_asking(void *arg)
{
	long long start = monotonic_ns();

	(void)arg;
	for (int i = 0; i < REQUESTS; i++)
		if (sysconf(_SC_AVPHYS_PAGES) <= 0)
			return 1;
	return monotonic_ns() - start < REQUESTS_LIMIT_NS ? 0 : 2;
}

static pid_t start_child(int (*fn)(void *))
{
	pid_t child = fork();

	if (child == 0)
		_exit(fn(NULL));
	return child;
}

static int exit_code(pid_t child)
{
	int status = -1;

	if (child < 0 || waitpid(child, &status, 0) != child)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + status;
}

void test_threads64(void)
{
	long free_before;
	pid_t threaded, asking;

	/* A first round lets mm0's own heap grow to hold 64 threads' records (it never
	 * shrinks); the second must then give back every page it took. */
	CHECK_EQ("a first round of 64 threads ends well", 0,
		 exit_code(start_child(sixty_four_threads)));
	free_before = sysconf(_SC_AVPHYS_PAGES);
	threaded = start_child(sixty_four_threads);
	asking = start_child(keep_asking);

	CHECK_EQ("sysconf(_SC_THREAD_THREADS_MAX) is 64", 64L, sysconf(_SC_THREAD_THREADS_MAX));
	CHECK_EQ("another process's 2000 mm0 requests are answered within 2 s meanwhile", 0,
		 exit_code(asking));
	CHECK_EQ("64 threads fault, map, unmap and exit together; the 65th is EAGAIN", 0,
		 exit_code(threaded));
	CHECK_EQ("every page of the 64 threads came back", 0L, free_pages_settle(free_before));
}

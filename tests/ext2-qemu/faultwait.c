/* faultwait.c - mm0 answers others while a fault waits for a disk page
 * (faultwait.test): the main thread touches each page of a cold MAP_PRIVATE
 * mapping of /big once, while a second thread asks mm0 for its pid over and
 * over. Round trips that began and ended while one touch waited were
 * answered by mm0 while that fault's page was being read: there must be
 * many inside some fault (an mm0 that reads in the fault handler answers at
 * most the request that reached it just before the fault). Then threads
 * fault on the same cold pages of a MAP_SHARED mapping at once (faults that
 * join one read), and every page must hold /big's pattern. */
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tap.h"

#define PAGE		4096u
/* faultwait.test writes /big as this line over and over. */
#define BIG_BYTES	(8u << 20)
#define LINE		"0123456789abcdef0123456789abcde\n"
#define LINE_BYTES	32u
/* The first half is touched one page at a time, the second by all at once. */
#define HALF		(BIG_BYTES / 2)
/* Round trips inside one fault that only an mm0 answering meanwhile makes. */
#define INSIDE_MIN	8u
#define SHARED_TOUCHERS	4u

/* Odd while the main thread is inside a touch: each touch adds 2. */
static unsigned touch_generation;
static int touching_done;
static unsigned round_trips, most_inside_one;

static unsigned load(const unsigned *at)
{
	return __atomic_load_n(at, __ATOMIC_SEQ_CST);
}

static void *ask_pid(void *unused)
{
	unsigned streak_generation = 0, streak = 0;

	(void)unused;
	while (!__atomic_load_n(&touching_done, __ATOMIC_SEQ_CST)) {
		unsigned before = load(&touch_generation);

		if (getpid() <= 0)
			break;
		__atomic_add_fetch(&round_trips, 1, __ATOMIC_SEQ_CST);
		bool inside = (before & 1) && load(&touch_generation) == before;
		/* A main thread whose fault was answered runs now, not after this
		 * thread's time slice: only a fault still waiting stays inside. */
		sched_yield();
		if (!inside)
			continue;
		streak = before == streak_generation ? streak + 1 : 1;
		streak_generation = before;
		if (streak > most_inside_one)
			most_inside_one = streak;
	}
	return NULL;
}

/* The bytes of [from, to) of the mapping at big that are not /big's pattern. */
static unsigned long off_pattern(const volatile unsigned char *big, unsigned long from,
				 unsigned long to)
{
	unsigned long bad = 0;

	for (unsigned long at = from; at < to; at++)
		bad += big[at] != (unsigned char)LINE[at % LINE_BYTES];
	return bad;
}

static const volatile unsigned char *shared_big;

static void *touch_shared(void *unused)
{
	(void)unused;
	return (void *)(uintptr_t)off_pattern(shared_big, HALF, BIG_BYTES);
}

static void touch_shared_at_once(int fd)
{
	pthread_t touchers[SHARED_TOUCHERS];
	unsigned started = 0;
	unsigned long bad = 0;
	void *mapped = mmap(NULL, BIG_BYTES, PROT_READ, MAP_SHARED, fd, 0);

	if (!check("/big mapped shared", mapped != MAP_FAILED, (long)(intptr_t)mapped))
		return;
	shared_big = mapped;
	while (started < SHARED_TOUCHERS &&
	       pthread_create(&touchers[started], NULL, touch_shared, NULL) == 0)
		started++;
	CHECK_EQ("the shared touchers started", SHARED_TOUCHERS, started);
	for (unsigned i = 0; i < started; i++) {
		void *result = NULL;

		CHECK_EQ("a shared toucher ended", 0, pthread_join(touchers[i], &result));
		bad += (unsigned long)(uintptr_t)result;
	}
	CHECK_EQ("every page faulted at once holds the pattern", 0, bad);
	CHECK_EQ("the shared mapping unmapped", 0, munmap(mapped, BIG_BYTES));
}

int main(void)
{
	pthread_t asker;
	unsigned long bad = 0;
	int fd = open("/big", O_RDONLY);

	CHECK("/big opened", fd >= 0);
	const volatile unsigned char *big = mmap(NULL, BIG_BYTES, PROT_READ, MAP_PRIVATE, fd, 0);
	if (!check("/big mapped private", big != MAP_FAILED, (long)(intptr_t)big))
		return tap_summary("faultwait");
	CHECK_EQ("the asking thread started", 0, pthread_create(&asker, NULL, ask_pid, NULL));
	while (load(&round_trips) == 0)
		sched_yield();
	for (unsigned long at = 0; at < HALF; at += PAGE) {
		__atomic_add_fetch(&touch_generation, 1, __ATOMIC_SEQ_CST);
		unsigned char first = big[at];
		__atomic_add_fetch(&touch_generation, 1, __ATOMIC_SEQ_CST);
		bad += first != (unsigned char)LINE[at % LINE_BYTES];
	}
	__atomic_store_n(&touching_done, 1, __ATOMIC_SEQ_CST);
	CHECK_EQ("the asking thread ended", 0, pthread_join(asker, NULL));
	CHECK_EQ("every touched page begins with the pattern", 0, bad);
	CHECK_EQ("the first half holds the pattern", 0, off_pattern(big, 0, HALF));
	printf("faultwait: %u round trips, at most %u inside one fault\n", round_trips,
	       most_inside_one);
	check("mm0 answered getpid while a fault waited for the disk",
	      most_inside_one >= INSIDE_MIN, (long)most_inside_one);
	touch_shared_at_once(fd);
	close(fd);
	return tap_summary("faultwait");
}

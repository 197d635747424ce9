/* p_limits.c - limits end in errors, not in deaths or a stuck mm0: a process that
 * makes mm0 keep more records than its first 1 MiB of heap holds, and one that
 * clones threads until the kernel memory of its space would run out. */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "procattack.h"

#define PAGE		4096u
/* Areas one page apart never merge: each is one record in mm0's heap. */
#define AREAS_BASE	0x20000000u
#define AREAS		20000u

/* How many of the areas mmap made before one failed. */
static unsigned map_separate_areas(void)
{
	for (unsigned i = 0; i < AREAS; i++) {
		void *want = (void *)(uintptr_t)(AREAS_BASE + 2 * i * PAGE);

		if (mmap(want, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != want) {
			printf("# area %u: errno %d\n", i, errno);
			return i;
		}
	}
	return AREAS;
}

/* More threads than a space may have (MM0_SPACE_THREADS_MAX, 64: its kernel quota of
 * 128 pages holds a page per thread and a UTCB page per 4, and page tables). */
#define CLONES		80
#define CLONE_STACK	2048
/* Regions 4 MiB apart: each needs a page-table page of the space's quota. */
#define REGIONS_BASE	0x30000000u
#define REGIONS		16
#define REGION_STRIDE	0x00400000u

static uint8_t clone_stacks[CLONES][CLONE_STACK] __attribute__((aligned(8)));

static int sleeper(void *arg)
{
	(void)arg;
	while (pause() == -1)
		continue;
	return 0;
}

/* Clones until refused, then touches memory in fresh regions. Exits 0 when the
 * refusal was EAGAIN; a fault it cannot get a page table for kills it. */
static int clone_until_refused(void)
{
	int flags = CLONE_VM | CLONE_FILES | CLONE_THREAD | CLONE_SIGHAND;
	int made = 0, refusal = 0;

	while (made < CLONES) {
		if (clone(sleeper, clone_stacks[made] + CLONE_STACK, flags, NULL) < 0) {
			refusal = errno;
			break;
		}
		made++;
	}
	for (unsigned i = 0; i < REGIONS; i++) {
		volatile uint8_t *region = (volatile uint8_t *)(uintptr_t)(REGIONS_BASE + i * REGION_STRIDE);

		if (mmap((void *)region, PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (void *)region)
			return 100;
		region[0] = 1;
	}
	printf("# %d threads, then errno %d\n", made, refusal);
	return refusal == EAGAIN ? 0 : 101;
}

void test_limits(void)
{
	int status = run_in_child(clone_until_refused);

	check_report(status == 0, "clone beyond the space's kernel quota fails with EAGAIN, and "
		     "the process can still fault pages in", "status 0x%x", status);
	CHECK_EQ("mm0 keeps 20000 areas of one process (its heap grows past 1 MiB)", AREAS,
		 map_separate_areas());
	CHECK_EQ("one munmap takes them all back", 0,
		 munmap((void *)(uintptr_t)AREAS_BASE, 2 * AREAS * PAGE));
	CHECK("fs0 answers after mm0's heap grew", files_work());
}

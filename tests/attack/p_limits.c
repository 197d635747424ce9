/* p_limits.c - limits end in errors, not in a stuck or dead mm0: a process that
 * makes mm0 keep more records than its first 1 MiB of heap holds. */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
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

void test_limits(void)
{
	CHECK_EQ("mm0 keeps 20000 areas of one process (its heap grows past 1 MiB)", AREAS,
		 map_separate_areas());
	CHECK_EQ("one munmap takes them all back", 0,
		 munmap((void *)(uintptr_t)AREAS_BASE, 2 * AREAS * PAGE));
	CHECK("fs0 answers after mm0's heap grew", files_work());
}

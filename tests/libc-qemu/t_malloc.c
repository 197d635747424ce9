/* t_malloc.c - the allocator: the 80,000-block free test against an
 * instruction budget (the cycle counter counts guest instructions under
 * -icount shift=0), reuse of freed memory, bounded growth under churn, and
 * calloc, realloc, the aligned forms and their errors. */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <l4/cycles.h>

#include "libctest.h"

#define BLOCKS		80000
#define FREE_BUDGET	50000000u	/* instructions: 50 ms of emulated time */

static void *blocks[BLOCKS];

static void check_free_every_other(void)
{
	uint32_t start, freeing;
	char *break_before;
	int failed = 0, reused = 1;

	for (int i = 0; i < BLOCKS && !failed; i++) {
		blocks[i] = malloc(16);
		failed = blocks[i] == NULL;
	}
	CHECK("80,000 blocks of 16 bytes", !failed);
	if (failed)
		return;
	start = l4_cycles();
	for (int i = 0; i < BLOCKS; i += 2)
		free(blocks[i]);
	freeing = l4_cycles() - start;
	printf("# freeing every other one of %d blocks: %lu instructions\n", BLOCKS,
	       (unsigned long)freeing);
	check_report(freeing < FREE_BUDGET, "freeing every other one of 80,000 blocks takes under 50 M instructions",
		     "took %lu", (unsigned long)freeing);

	break_before = sbrk(0);
	for (int i = 0; i < BLOCKS; i += 2) {
		blocks[i] = malloc(16);
		reused &= blocks[i] != NULL;
	}
	CHECK("the freed blocks are reused without growing the heap", reused && sbrk(0) == break_before);
	for (int i = 0; i < BLOCKS; i++)
		free(blocks[i]);
}

/* Random sizes allocated and freed: the heap may not grow far past what
 * is live at the peak. */
static void check_churn_growth(void)
{
	enum { SLOTS = 2000, ROUNDS = 40000 };
	static void *slots[SLOTS];
	static size_t sizes[SLOTS];
	uint32_t random_state = 12345;
	size_t live = 0, peak = 0;
	char *break_before = sbrk(0);
	long grown;
	int failed = 0;

	for (int round = 0; round < ROUNDS && !failed; round++) {
		unsigned slot;

		random_state = random_state * 1103515245u + 12345u;
		slot = (random_state >> 8) % SLOTS;
		if (slots[slot]) {
			free(slots[slot]);
			live -= sizes[slot];
			slots[slot] = NULL;
			continue;
		}
		sizes[slot] = 1 + (random_state >> 12) % ((random_state & 1) ? 64 : 4096);
		slots[slot] = malloc(sizes[slot]);
		failed = slots[slot] == NULL;
		if (failed)
			break;
		memset(slots[slot], 0x5a, sizes[slot]);
		live += sizes[slot];
		peak = live > peak ? live : peak;
	}
	grown = (char *)sbrk(0) - break_before;
	printf("# churn: peak %lu bytes live, heap grew %ld\n", (unsigned long)peak, grown);
	CHECK("churn allocations all succeed", !failed);
	check_report(grown <= (long)(2 * peak + 128 * 1024), "churn grows the heap at most twice the peak live bytes",
		     "peak %lu, grew %ld", (unsigned long)peak, grown);
	for (int slot = 0; slot < SLOTS; slot++)
		free(slots[slot]);
}

/* Sizes the compiler cannot see, so it does not reject the calls that must fail. */
static volatile size_t huge_count = SIZE_MAX / 2, two_gib = (size_t)2 << 30;

static void check_calloc_realloc(void)
{
	unsigned char *bytes = malloc(300), *moved;
	int zero = 1, kept = 1;
	void *first, *second;

	memset(bytes, 0xff, 300);
	free(bytes);
	bytes = calloc(100, 3);
	for (int i = 0; bytes && i < 300; i++)
		zero &= bytes[i] == 0;
	CHECK("calloc zeroes reused memory", bytes && zero);
	errno = 0;
	CHECK("calloc with an overflowing product gives NULL", calloc(huge_count, 3) == NULL);
	CHECK_EQ("calloc overflow sets ENOMEM", ENOMEM, errno);

	for (int i = 0; i < 300; i++)
		bytes[i] = (unsigned char)i;
	moved = realloc(bytes, 100000);
	for (int i = 0; moved && i < 300; i++)
		kept &= moved[i] == (unsigned char)i;
	CHECK("realloc larger keeps the contents", moved && kept);
	CHECK("malloc_usable_size covers the request", malloc_usable_size(moved) >= 100000);
	bytes = realloc(moved, 40);
	CHECK("realloc smaller stays in place", bytes == moved);
	free(bytes);

	errno = 0;
	CHECK("malloc of 2 GiB gives NULL", malloc(two_gib) == NULL);
	CHECK_EQ("malloc failure sets ENOMEM", ENOMEM, errno);
	first = malloc(0);
	second = malloc(0);
	CHECK("malloc(0) gives distinct pointers", first && second && first != second);
	free(first);
	free(second);
	free(NULL);
}

static void check_aligned(void)
{
	int aligned = 1;
	void *block;

	for (size_t alignment = 8; alignment <= 65536; alignment *= 2) {
		block = NULL;
		if (posix_memalign(&block, alignment, 100) || ((uintptr_t)block & (alignment - 1)))
			aligned = 0;
		else
			memset(block, 1, 100);
		free(block);
	}
	CHECK("posix_memalign gives 8 to 65536-byte alignment", aligned);
	block = aligned_alloc(4096, 4096);
	CHECK("aligned_alloc(4096)", block && !((uintptr_t)block & 4095));
	free(block);
	block = memalign(64, 10);
	CHECK("memalign(64)", block && !((uintptr_t)block & 63));
	free(block);
	CHECK_EQ("posix_memalign with alignment 3 gives EINVAL", EINVAL, posix_memalign(&block, 3, 10));
	CHECK_EQ("posix_memalign with alignment 2 gives EINVAL", EINVAL, posix_memalign(&block, 2, 10));
	CHECK_EQ("posix_memalign of 2 GiB gives ENOMEM", ENOMEM,
		 posix_memalign(&block, 16, two_gib));
}

void test_malloc(void)
{
	check_free_every_other();
	check_churn_growth();
	check_calloc_realloc();
	check_aligned();
}

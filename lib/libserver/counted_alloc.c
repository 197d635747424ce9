/* counted_alloc.c - the counted, optionally capped heap that servers share. */
#include <stdint.h>
#include <stdlib.h>

#include <server/counted_alloc.h>

static size_t live_blocks;
static size_t quota;

static int over_quota(void)
{
	return quota && live_blocks >= quota;
}

void *counted_alloc(size_t size)
{
	void *block;

	if (over_quota())
		return NULL;
	block = calloc(1, size);
	if (block)
		live_blocks++;
	return block;
}

void *counted_realloc_array(void *old, size_t count, size_t elem_size)
{
	void *block;

	if (elem_size && count > SIZE_MAX / elem_size)
		return NULL;
	if (!old && over_quota())
		return NULL;
	block = realloc(old, count * elem_size);
	if (block && !old)
		live_blocks++;
	return block;
}

void counted_free(void *block)
{
	if (!block)
		return;
	live_blocks--;
	free(block);
}

size_t counted_alloc_live(void)
{
	return live_blocks;
}

void counted_alloc_set_quota(size_t max_live)
{
	quota = max_live;
}

/* A waiting block is out of bounds for address-sanitized builds (host tests)
 * but for its link word, so a use after counted_pool_free is still caught. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POOL_HIDE(block, size) ASAN_POISON_MEMORY_REGION((char *)(block) + sizeof(void *), \
							  (size) - sizeof(void *))
#define POOL_SHOW(block, size) ASAN_UNPOISON_MEMORY_REGION(block, size)
#else
#define POOL_HIDE(block, size) ((void)(block), (void)(size))
#define POOL_SHOW(block, size) ((void)(block), (void)(size))
#endif

/* An empty pool takes POOL_REFILL blocks from the heap at once: one heap
 * block and one search for them, where a block at a time cost a heap
 * allocation (about 140 instructions in mm0) for every record. */
#define POOL_REFILL	16u

static int pool_refill(struct counted_pool *pool)
{
	char *blocks = calloc(POOL_REFILL, pool->block_size);

	if (!blocks)
		return -1;
	for (size_t i = POOL_REFILL; i-- > 0;) {
		void *block = blocks + i * pool->block_size;

		*(void **)block = pool->free_blocks;
		pool->free_blocks = block;
		POOL_HIDE(block, pool->block_size);
	}
	return 0;
}

void *counted_pool_alloc(struct counted_pool *pool)
{
	void **block;

	if (over_quota() || (!pool->free_blocks && pool_refill(pool)))
		return NULL;
	block = pool->free_blocks;
	POOL_SHOW(block, pool->block_size);
	pool->free_blocks = *block;
	for (uint64_t *word = (uint64_t *)block, *end = word + pool->block_size / 8;
	     word < end; word++) {
		*word = 0;
		/* Keeps GCC from making the loop a call to memset, which costs
		 * twice as much for records this small. */
		__asm__("" : "+r"(word));
	}
	live_blocks++;
	return block;
}

void counted_pool_free(struct counted_pool *pool, void *block)
{
	if (!block)
		return;
	live_blocks--;
	*(void **)block = pool->free_blocks;
	pool->free_blocks = block;
	POOL_HIDE(block, pool->block_size);
}

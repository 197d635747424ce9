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

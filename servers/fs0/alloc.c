/* alloc.c - counted wrappers over the C library's allocator. */
#include <stdlib.h>
#include "fs0_alloc.h"

static uint32_t live_blocks;

void *fs0_alloc(size_t size)
{
	void *block = calloc(1, size);
	if (block)
		live_blocks++;
	return block;
}

/* Grows or shrinks an array; a NULL old pointer starts a new block. */
void *fs0_realloc_array(void *old, size_t count, size_t elem_size)
{
	if (elem_size && count > SIZE_MAX / elem_size)
		return NULL;
	void *block = realloc(old, count * elem_size);
	if (block && !old)
		live_blocks++;
	return block;
}

void fs0_free(void *block)
{
	if (!block)
		return;
	live_blocks--;
	free(block);
}

uint32_t fs0_alloc_live(void)
{
	return live_blocks;
}

/* mm0's counted heap wrapper. */
#include <stdlib.h>

#include "mem/mm0_alloc.h"

static size_t live_blocks;
static size_t quota;

void *mm0_alloc(size_t size)
{
	void *ptr;

	if (quota && live_blocks >= quota)
		return NULL;
	ptr = calloc(1, size);
	if (ptr)
		live_blocks++;
	return ptr;
}

void mm0_free(void *ptr)
{
	if (!ptr)
		return;
	live_blocks--;
	free(ptr);
}

size_t mm0_alloc_live(void)
{
	return live_blocks;
}

void mm0_alloc_set_quota(size_t max_live)
{
	quota = max_live;
}

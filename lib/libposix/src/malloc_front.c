/* malloc_front.c - malloc's front cache: freed small blocks wait, unmerged,
 * on a list per size for the next request of the same size, which then costs
 * a list pop instead of the heap's class search, split and merge (malloc.c).
 * The cache holds at most FRONT_BYTES of payload, so what it keeps from
 * merging back into the heap stays small beside the heap itself. */
#include <stdint.h>

#include "malloc_front.h"

#define FRONT_GRAIN	8u
#define FRONT_MAX_SIZE	1024u
#define FRONT_BYTES	(64u * 1024u)

/* The lists by size / FRONT_GRAIN, each linked through its payloads' first word. */
static void *front_lists[FRONT_MAX_SIZE / FRONT_GRAIN + 1];
static size_t front_bytes;

void *malloc_front_take(size_t size)
{
	void **payload;

	if (size > FRONT_MAX_SIZE)
		return NULL;
	payload = front_lists[size / FRONT_GRAIN];
	if (!payload)
		return NULL;
	front_lists[size / FRONT_GRAIN] = *payload;
	front_bytes -= size;
	return payload;
}

bool malloc_front_keep(void *payload, size_t size)
{
	if (size > FRONT_MAX_SIZE || size > FRONT_BYTES - front_bytes)
		return false;
	*(void **)payload = front_lists[size / FRONT_GRAIN];
	front_lists[size / FRONT_GRAIN] = payload;
	front_bytes += size;
	return true;
}

/* malloc_front.h - malloc's front cache of small freed blocks, kept whole by
 * size for the next request of that size (malloc_front.c). */
#ifndef LIBPOSIX_MALLOC_FRONT_H
#define LIBPOSIX_MALLOC_FRONT_H

#include <stdbool.h>
#include <stddef.h>

/* Both are called with the heap's lock held. size is a block's payload size
 * in bytes, a multiple of 8. */

/* A cached payload of exactly size bytes, or NULL. */
void *malloc_front_take(size_t size);
/* Keeps a freed payload of size bytes for a later malloc_front_take: false
 * when size is not small or the cache is full (the block is freed for real). */
bool malloc_front_keep(void *payload, size_t size);

#endif

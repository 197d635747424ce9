/* counted_alloc.h - a server's heap: the C library's allocator behind a count
 * of live blocks, so tests can check that every scenario gives back what it
 * took, and an optional cap, so they can make an allocation fail on purpose.
 * Each server (fs0, mm0) links its own copy and so has its own count. */
#ifndef SERVER_COUNTED_ALLOC_H
#define SERVER_COUNTED_ALLOC_H

#include <stddef.h>

/* Zero-filled, or NULL when the heap or the cap is exhausted. */
void *counted_alloc(size_t size);
/* Grows or shrinks an array of count elements; a NULL old starts a new block
 * (counted and capped like counted_alloc). NULL when it cannot: old stays. */
void *counted_realloc_array(void *old, size_t count, size_t elem_size);
void counted_free(void *block);
size_t counted_alloc_live(void);
/* Refuse new blocks that would make more than max_live live; 0 lifts the cap. */
void counted_alloc_set_quota(size_t max_live);

/* A pool of blocks of one size for records made and dropped on hot paths
 * (a page, an area, an object): the pool takes blocks from the C library's
 * heap sixteen at a time, and a freed block waits on the pool's list for the
 * next allocation instead of going back to the heap. Its blocks are counted
 * and capped like counted_alloc's while in use, and not while they wait, so
 * live counts and the cap mean what they meant. */
struct counted_pool {
	void *free_blocks;	/* each holds the next one in its first word */
	size_t block_size;
};

/* Sizes in whole 8-byte words, which the pool zeroes a word at a time. */
#define COUNTED_POOL_INIT(type) { NULL, (sizeof(type) + 7) & ~(size_t)7 }

/* Zero-filled, or NULL when the heap or the cap is exhausted. */
void *counted_pool_alloc(struct counted_pool *pool);
void counted_pool_free(struct counted_pool *pool, void *block);

#endif

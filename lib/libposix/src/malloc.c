/* malloc.c - the C library's allocator for programs on Larch: a two-level
 * segregated-fit heap (TLSF) on sbrk. malloc, free and realloc take O(1)
 * time (two bitmap searches, no list walks), free blocks merge with their
 * neighbours at once, and a request is served from a class whose every
 * block is large enough, which bounds the waste per block to 1/16 of its
 * size. picolibc's own allocator walks a free list on every free. Small
 * blocks freed go to a front cache first (malloc_front.c). */
#include <errno.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "futex.h"
#include "malloc_front.h"

/* Every block starts with this header; the payload follows it. The free-list
 * links exist only while the block is free, in the first payload bytes. */
struct block {
	struct block *prev_phys;	/* the block just below; NULL first in an area */
	size_t size_flags;		/* payload bytes | BLOCK_FREE */
	struct block *next_free;
	struct block *prev_free;
};

#define BLOCK_FREE	((size_t)1)
#define HEADER_SIZE	(2 * sizeof(void *))
#define ALIGNMENT	8u
#define MIN_PAYLOAD	(2 * sizeof(void *))	/* room for the free-list links */

/* Second level: 16 classes per power of two. Sizes below 128 bytes sit in
 * first-level class 0, one class per 8 bytes. */
#define SL_LOG2		4
#define SL_COUNT	(1u << SL_LOG2)
#define FL_SHIFT	(SL_LOG2 + 3)
#define SMALL_SIZE	(1u << FL_SHIFT)
#define FL_COUNT	25			/* sizes below 2^31 */
#define MAX_REQUEST	((size_t)1 << 30)	/* the heap ends at 1 GiB anyway */

/* sbrk is asked for at least this much at a time. */
#define GROW_MIN	(64u * 1024u)

/* The lists and their bitmaps live at the start of the heap, which keeps
 * the program's .bss as small as picolibc's allocator left it. */
struct heap_control {
	uint32_t first_level_map;
	uint32_t second_level_map[FL_COUNT];
	struct block *free_heads[FL_COUNT][SL_COUNT];
};

static struct heap_control *control;	/* NULL until the first sbrk */
/* The end sentinel of the most recent area: a used block of size 0 that
 * keeps the last real block from merging past the end. */
static struct block *heap_sentinel;

static size_t block_size(const struct block *block)
{
	return block->size_flags & ~BLOCK_FREE;
}

static bool block_is_free(const struct block *block)
{
	return block->size_flags & BLOCK_FREE;
}

static void *block_payload(struct block *block)
{
	return (char *)block + HEADER_SIZE;
}

static struct block *payload_block(void *payload)
{
	return (struct block *)((char *)payload - HEADER_SIZE);
}

static struct block *next_phys(struct block *block)
{
	return (struct block *)((char *)block_payload(block) + block_size(block));
}

static unsigned highest_bit(size_t value)
{
	return 31 - __builtin_clz(value);
}

static void size_class(size_t size, unsigned *first, unsigned *second)
{
	if (size < SMALL_SIZE) {
		*first = 0;
		*second = size / ALIGNMENT;
	} else {
		unsigned top = highest_bit(size);

		*second = (size >> (top - SL_LOG2)) - SL_COUNT;
		*first = top - FL_SHIFT + 1;
	}
}

static void free_list_insert(struct block *block)
{
	unsigned first, second;

	size_class(block_size(block), &first, &second);
	block->prev_free = NULL;
	block->next_free = control->free_heads[first][second];
	if (block->next_free)
		block->next_free->prev_free = block;
	control->free_heads[first][second] = block;
	control->first_level_map |= 1u << first;
	control->second_level_map[first] |= 1u << second;
}

static void free_list_remove(struct block *block)
{
	unsigned first, second;

	size_class(block_size(block), &first, &second);
	if (block->next_free)
		block->next_free->prev_free = block->prev_free;
	if (block->prev_free) {
		block->prev_free->next_free = block->next_free;
		return;
	}
	control->free_heads[first][second] = block->next_free;
	if (!block->next_free) {
		control->second_level_map[first] &= ~(1u << second);
		if (!control->second_level_map[first])
			control->first_level_map &= ~(1u << first);
	}
}

/* `size` rounded up to the bottom of the next class unless it is the bottom
 * of its own: every block in that class and above is large enough. */
static size_t search_size(size_t size)
{
	if (size >= SMALL_SIZE)
		size += ((size_t)1 << (highest_bit(size) - SL_LOG2)) - 1;
	return size;
}

/* Takes a free block of at least `size` bytes off its list, or NULL. The
 * head of size's own class is tried first: a block freed there is reused
 * for the same size instead of cutting into untouched memory. */
static struct block *free_list_take(size_t size)
{
	unsigned first, second;
	uint32_t second_map, first_map;
	struct block *block;

	size_class(size, &first, &second);
	block = control->free_heads[first][second];
	if (block && block_size(block) >= size) {
		free_list_remove(block);
		return block;
	}
	size_class(search_size(size), &first, &second);
	second_map = control->second_level_map[first] & (~0u << second);
	if (!second_map) {
		first_map = control->first_level_map & (~0u << (first + 1));
		if (!first_map)
			return NULL;
		first = __builtin_ctz(first_map);
		second_map = control->second_level_map[first];
	}
	second = __builtin_ctz(second_map);
	block = control->free_heads[first][second];
	free_list_remove(block);
	return block;
}

/* Marks a block free, merges it with free neighbours and lists the result. */
static void block_release(struct block *block)
{
	struct block *prev = block->prev_phys, *next = next_phys(block);

	if (block_is_free(next)) {
		free_list_remove(next);
		block->size_flags = block_size(block) + HEADER_SIZE + block_size(next);
		next = next_phys(block);
	}
	if (prev && block_is_free(prev)) {
		free_list_remove(prev);
		prev->size_flags = block_size(prev) + HEADER_SIZE + block_size(block);
		block = prev;
	}
	block->size_flags = block_size(block) | BLOCK_FREE;
	next->prev_phys = block;
	free_list_insert(block);
}

/* Cuts a used block down to `size` bytes; a large enough rest becomes free. */
static void block_trim(struct block *block, size_t size)
{
	struct block *rest;
	size_t spare = block_size(block) - size;

	if (spare < HEADER_SIZE + MIN_PAYLOAD)
		return;
	rest = (struct block *)((char *)block_payload(block) + size);
	rest->size_flags = spare - HEADER_SIZE;
	rest->prev_phys = block;
	next_phys(rest)->prev_phys = rest;
	block->size_flags = size;
	block_release(rest);
}

/* Asks sbrk for room for a block that free_list_take(size) finds, and lists it free. Memory
 * right after the current area extends it (its sentinel becomes the new
 * block's header); anything else starts an area of its own. */
static bool heap_grow(size_t size)
{
	size_t want = search_size(size) + 2 * HEADER_SIZE + ALIGNMENT;
	char *start, *end;
	struct block *block;

	want = want < GROW_MIN ? GROW_MIN : (want + GROW_MIN - 1) & ~(size_t)(GROW_MIN - 1);
	if (!control)
		want += sizeof(struct heap_control) + ALIGNMENT;
	start = sbrk(want);
	if (start == (char *)-1)
		return false;
	end = start + want;
	if (!control) {
		control = (struct heap_control *)(((uintptr_t)start + ALIGNMENT - 1) &
						  ~(uintptr_t)(ALIGNMENT - 1));
		memset(control, 0, sizeof(*control));
		start = (char *)(control + 1);
	}
	if (heap_sentinel && start == (char *)heap_sentinel + HEADER_SIZE) {
		block = heap_sentinel;
	} else {
		block = (struct block *)(((uintptr_t)start + ALIGNMENT - 1) & ~(uintptr_t)(ALIGNMENT - 1));
		block->prev_phys = NULL;
	}
	heap_sentinel = (struct block *)((uintptr_t)(end - HEADER_SIZE) & ~(uintptr_t)(ALIGNMENT - 1));
	heap_sentinel->size_flags = 0;
	block->size_flags = (char *)heap_sentinel - (char *)block_payload(block);
	heap_sentinel->prev_phys = block;
	block_release(block);
	return true;
}

/* The heap's own lock, for threads. Nothing is taken while it is held (sbrk
 * only sends requests), so a plain lock suffices; a waiter sleeps in the
 * futex wait (futex.c). The C library's recursive lock would cost three
 * times as much per call. */
static uint32_t heap_locked;

static void heap_lock(void)
{
	futex_lock(&heap_locked);
}

static void heap_unlock(void)
{
	futex_unlock(&heap_locked);
}

/* A request in whole aligned payload bytes; 0 when it cannot be met. */
static size_t request_size(size_t bytes)
{
	if (bytes > MAX_REQUEST)
		return 0;
	if (bytes < MIN_PAYLOAD)
		return MIN_PAYLOAD;
	return (bytes + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
}

/* A used block of at least `size` bytes (already a request_size), or NULL;
 * the caller holds the lock. */
static struct block *block_allocate(size_t size)
{
	struct block *block = control ? free_list_take(size) : NULL;

	if (!block) {
		if (!heap_grow(size))
			return NULL;
		block = free_list_take(size);
	}
	block->size_flags = block_size(block);
	block_trim(block, size);
	return block;
}

void *malloc(size_t bytes)
{
	size_t size = request_size(bytes);
	struct block *block;
	void *payload;

	if (!size) {
		errno = ENOMEM;
		return NULL;
	}
	heap_lock();
	payload = malloc_front_take(size);
	if (!payload) {
		block = block_allocate(size);
		payload = block ? block_payload(block) : NULL;
	}
	heap_unlock();
	if (!payload)
		errno = ENOMEM;
	return payload;
}

void free(void *payload)
{
	struct block *block;

	if (!payload)
		return;
	block = payload_block(payload);
	heap_lock();
	if (!malloc_front_keep(payload, block_size(block)))
		block_release(block);
	heap_unlock();
}

void *calloc(size_t count, size_t each)
{
	size_t bytes;
	void *payload;

	if (__builtin_mul_overflow(count, each, &bytes)) {
		errno = ENOMEM;
		return NULL;
	}
	payload = malloc(bytes);
	if (payload)
		memset(payload, 0, bytes);
	return payload;
}

/* Grows a block in place by taking in the free block after it, if that is enough. */
static bool block_grow_in_place(struct block *block, size_t size)
{
	struct block *next = next_phys(block);
	size_t joined = block_size(block) + HEADER_SIZE + block_size(next);

	if (!block_is_free(next) || joined < size)
		return false;
	free_list_remove(next);
	block->size_flags = joined;
	next_phys(block)->prev_phys = block;
	block_trim(block, size);
	return true;
}

void *realloc(void *payload, size_t bytes)
{
	size_t size = request_size(bytes), old_size;
	struct block *block;
	void *moved;
	bool in_place;

	if (!payload)
		return malloc(bytes);
	if (bytes == 0) {
		free(payload);
		return NULL;
	}
	if (!size) {
		errno = ENOMEM;
		return NULL;
	}
	block = payload_block(payload);
	heap_lock();
	old_size = block_size(block);
	if (size <= old_size) {
		block_trim(block, size);
		in_place = true;
	} else {
		in_place = block_grow_in_place(block, size);
	}
	heap_unlock();
	if (in_place)
		return payload;
	moved = malloc(bytes);
	if (!moved)
		return NULL;
	memcpy(moved, payload, old_size);
	free(payload);
	return moved;
}

/* A block whose payload is a multiple of `alignment` (a power of two): a
 * larger block is taken and the bytes before the aligned point go back. */
static void *aligned_allocate(size_t alignment, size_t bytes)
{
	size_t size = request_size(bytes);
	struct block *block, *aligned;
	uintptr_t payload, target;

	if (alignment <= ALIGNMENT)
		return malloc(bytes);
	if (!size || alignment > MAX_REQUEST - size) {
		errno = ENOMEM;
		return NULL;
	}
	heap_lock();
	block = block_allocate(size + alignment + HEADER_SIZE + MIN_PAYLOAD);
	if (!block) {
		heap_unlock();
		errno = ENOMEM;
		return NULL;
	}
	payload = (uintptr_t)block_payload(block);
	target = (payload + alignment - 1) & ~(uintptr_t)(alignment - 1);
	if (target != payload) {
		/* The gap before the aligned point must hold a block of its own. */
		if (target - payload < HEADER_SIZE + MIN_PAYLOAD)
			target += alignment;
		aligned = payload_block((void *)target);
		aligned->size_flags = block_size(block) - (target - payload);
		aligned->prev_phys = block;
		next_phys(aligned)->prev_phys = aligned;
		block->size_flags = target - payload - HEADER_SIZE;
		block_release(block);
		block = aligned;
	}
	block_trim(block, size);
	heap_unlock();
	return block_payload(block);
}

static bool alignment_valid(size_t alignment)
{
	return alignment && !(alignment & (alignment - 1));
}

void *memalign(size_t alignment, size_t bytes)
{
	if (!alignment_valid(alignment)) {
		errno = EINVAL;
		return NULL;
	}
	return aligned_allocate(alignment, bytes);
}

void *aligned_alloc(size_t alignment, size_t bytes)
{
	return memalign(alignment, bytes);
}

int posix_memalign(void **result, size_t alignment, size_t bytes)
{
	void *payload;
	int saved_errno = errno;

	if (!alignment_valid(alignment) || alignment % sizeof(void *))
		return EINVAL;
	payload = aligned_allocate(alignment, bytes);
	if (!payload) {
		errno = saved_errno;
		return ENOMEM;
	}
	*result = payload;
	return 0;
}

size_t malloc_usable_size(void *payload)
{
	return payload ? block_size(payload_block(payload)) : 0;
}

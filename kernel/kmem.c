/* kmem.c - a page pool for kernel objects (TCBs, page tables, UTCB pages),
 * with a bitmap and per-space quotas so no space can exhaust it alone. */
#include "kmem.h"
#include "space.h"

#define POOL_MAX_PAGES	2048

static uint32_t pool_phys;
static uint32_t pool_pages;
static uint32_t pool_free;
static uint32_t pool_used_map[POOL_MAX_PAGES / 32];

void kmem_init(uint32_t phys, uint32_t pages)
{
	pool_phys = phys;
	pool_pages = pages < POOL_MAX_PAGES ? pages : POOL_MAX_PAGES;
	pool_free = pool_pages;
}

static bool page_used(uint32_t i)
{
	return pool_used_map[i / 32] & (1u << (i % 32));
}

static void mark(uint32_t first, uint32_t pages, bool used)
{
	for (uint32_t i = first; i < first + pages; i++) {
		if (used)
			pool_used_map[i / 32] |= 1u << (i % 32);
		else
			pool_used_map[i / 32] &= ~(1u << (i % 32));
	}
}

static bool quota_allows(const struct space *s, uint32_t pages)
{
	return !s || s->quota_pages == QUOTA_UNLIMITED ||
	       (s->used_pages <= s->quota_pages && pages <= s->quota_pages - s->used_pages);
}

void *kmem_alloc(struct space *charge, uint32_t pages, uint32_t align_pages)
{
	if (!quota_allows(charge, pages) || pages > pool_free)
		return NULL;
	uint32_t base = pool_phys >> PAGE_SHIFT, first = 0;
	while (first + pages <= pool_pages) {
		/* The pool fills from its start: go to the next free page with
		 * one count of trailing zeros, a full word at a time. */
		uint32_t free_bits = ~pool_used_map[first / 32] & (~0u << (first % 32));
		if (!free_bits) {
			first = (first / 32 + 1) * 32;
			continue;
		}
		first = first / 32 * 32 + (uint32_t)__builtin_ctz(free_bits);
		if (first + pages > pool_pages)
			break;
		if ((base + first) % align_pages) {
			first++;
			continue;
		}
		uint32_t n = 0;
		while (n < pages && !page_used(first + n))
			n++;
		if (n < pages) {
			first += align_pages;
			continue;
		}
		mark(first, pages, true);
		pool_free -= pages;
		if (charge)
			charge->used_pages += pages;
		void *va = phys_to_virt(pool_phys + first * PAGE_SIZE);
		memset(va, 0, pages * PAGE_SIZE);
		return va;
	}
	return NULL;
}

void kmem_free(struct space *charge, void *va, uint32_t pages)
{
	uint32_t first = (virt_to_phys(va) - pool_phys) >> PAGE_SHIFT;
	mark(first, pages, false);
	pool_free += pages;
	if (charge)
		charge->used_pages -= pages;
}

uint32_t kmem_free_pages(void)
{
	return pool_free;
}

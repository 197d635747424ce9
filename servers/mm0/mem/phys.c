/* Physical page allocator: one bitmap per RAM range, pages named by physical address. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <server/counted_alloc.h>
#include "mem/phys.h"
#include "mm0_local.h"

struct phys_bank {
	struct phys_range range;
	uint32_t *used;		/* one bit per page */
	uint32_t next_hint;	/* where the next search starts */
};

static struct phys_bank banks[PHYS_MAX_RANGES];
static size_t bank_count;
static uint32_t free_pages;

int phys_init(const struct phys_range *ranges, size_t count)
{
	size_t i;

	if (bank_count || count == 0 || count > PHYS_MAX_RANGES)
		return -EINVAL;
	for (i = 0; i < count; i++) {
		const struct phys_range *range = &ranges[i];

		if ((range->base & MM0_PAGE_MASK) || range->npages == 0 || !range->view ||
		    range->base + (uint64_t)range->npages * MM0_PAGE_SIZE > UINT32_MAX + 1ull)
			return -EINVAL;
	}
	for (i = 0; i < count; i++) {
		banks[i].range = ranges[i];
		banks[i].next_hint = 0;
		banks[i].used = counted_alloc((ranges[i].npages + 31) / 32 * sizeof(uint32_t));
		if (!banks[i].used) {
			bank_count = i;
			phys_fini();
			return -ENOMEM;
		}
		free_pages += ranges[i].npages;
	}
	bank_count = count;
	return 0;
}

void phys_fini(void)
{
	size_t i;

	for (i = 0; i < bank_count; i++)
		counted_free(banks[i].used);
	bank_count = 0;
	free_pages = 0;
}

static bool bit_test(const uint32_t *map, uint32_t bit)
{
	return map[bit / 32] & (1u << (bit % 32));
}

static void take_page(struct phys_bank *bank, uint32_t page, uint32_t *paddr)
{
	bank->used[page / 32] |= 1u << (page % 32);
	bank->next_hint = (page + 1) % bank->range.npages;
	free_pages--;
	*paddr = bank->range.base + page * MM0_PAGE_SIZE;
}

static int __attribute__((noinline)) phys_alloc_search(uint32_t *paddr)
{
	size_t i;

	for (i = 0; i < bank_count; i++) {
		struct phys_bank *bank = &banks[i];
		uint32_t n = bank->range.npages, tried, page;

		for (tried = 0, page = bank->next_hint; tried < n; tried++, page = (page + 1) % n) {
			if (bit_test(bank->used, page))
				continue;
			take_page(bank, page, paddr);
			return 0;
		}
	}
	return -ENOMEM;
}

/* The search's first step on its own: the hint is free in the common case
 * (pages are handed out in order), and then no loop's registers are saved. */
int phys_alloc(uint32_t *paddr)
{
	if (bank_count && !bit_test(banks[0].used, banks[0].next_hint)) {
		take_page(&banks[0], banks[0].next_hint, paddr);
		return 0;
	}
	return phys_alloc_search(paddr);
}

/* First fit from the bank's start: runs are rare (drivers at boot), so the
 * scan's cost does not matter and the single-page hint stays as it was. */
int phys_alloc_run(uint32_t npages, uint32_t *paddr)
{
	for (size_t i = 0; npages && i < bank_count; i++) {
		struct phys_bank *bank = &banks[i];
		uint32_t run = 0;

		for (uint32_t page = 0; page < bank->range.npages; page++) {
			run = bit_test(bank->used, page) ? 0 : run + 1;
			if (run < npages)
				continue;
			for (uint32_t p = page + 1 - npages; p <= page; p++)
				bank->used[p / 32] |= 1u << (p % 32);
			free_pages -= npages;
			*paddr = bank->range.base + (page + 1 - npages) * MM0_PAGE_SIZE;
			return 0;
		}
	}
	return -ENOMEM;
}

static struct phys_bank *bank_of(uint32_t paddr, uint32_t *page)
{
	size_t i;

	for (i = 0; i < bank_count; i++) {
		struct phys_bank *bank = &banks[i];

		if (paddr >= bank->range.base &&
		    (paddr - bank->range.base) / MM0_PAGE_SIZE < bank->range.npages) {
			*page = (paddr - bank->range.base) / MM0_PAGE_SIZE;
			return bank;
		}
	}
	return NULL;
}

void phys_free(uint32_t paddr)
{
	uint32_t page;
	struct phys_bank *bank = bank_of(paddr, &page);

	if (!bank || !bit_test(bank->used, page))
		return;
	bank->used[page / 32] &= ~(1u << (page % 32));
	free_pages++;
}

void *phys_view(uint32_t paddr)
{
	uint32_t page;
	struct phys_bank *bank = bank_of(paddr, &page);

	if (!bank)
		return NULL;
	return (char *)bank->range.view + (size_t)page * MM0_PAGE_SIZE;
}

/* On the target, eight words per instruction and 512 (zero) or 256 (copy)
 * bytes per loop: picolibc's default memset and memcpy go a byte at a time,
 * four to five instructions a byte, which was most of an anonymous or
 * copy-on-write fault. */
#ifdef __arm__
void phys_page_zero(void *view)
{
	char *end = (char *)view + MM0_PAGE_SIZE;

	asm volatile("mov r2, #0\n\tmov r3, #0\n\tmov r4, #0\n\tmov r5, #0\n\t"
		     "mov r6, #0\n\tmov r8, #0\n\tmov r9, #0\n\tmov r10, #0\n"
		     "1:\tstmia %0!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "stmia %0!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "stmia %0!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "stmia %0!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "stmia %0!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "stmia %0!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "stmia %0!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "stmia %0!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "cmp %0, %1\n\tbne 1b"
		     : "+r"(view) : "r"(end)
		     : "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "cc", "memory");
}

void phys_page_copy(void *to, const void *from)
{
	char *end = (char *)to + MM0_PAGE_SIZE;

	asm volatile("1:\tldmia %1!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "ldmia %1!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "ldmia %1!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "ldmia %1!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "ldmia %1!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "ldmia %1!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "ldmia %1!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "ldmia %1!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "cmp %0, %2\n\tbne 1b"
		     : "+r"(to), "+r"(from) : "r"(end)
		     : "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "cc", "memory");
}

/* 64 bytes a loop from the first word boundary; memset for the odd bytes at
 * either end. */
void phys_bytes_zero(void *to, size_t len)
{
	char *at = to;
	size_t head = -(uintptr_t)at & 3u, blocks;

	if (len < 64) {
		memset(at, 0, len);
		return;
	}
	memset(at, 0, head);
	at += head;
	len -= head;
	blocks = len / 64;
	asm volatile("mov r2, #0\n\tmov r3, #0\n\tmov r4, #0\n\tmov r5, #0\n\t"
		     "mov r6, #0\n\tmov r8, #0\n\tmov r9, #0\n\tmov r10, #0\n"
		     "1:\tstmia %0!, {r2-r6, r8-r10}\n\tstmia %0!, {r2-r6, r8-r10}\n\t"
		     "subs %1, %1, #1\n\tbne 1b"
		     : "+r"(at), "+r"(blocks)
		     :
		     : "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "cc", "memory");
	memset(at, 0, len % 64);
}
#else
void phys_page_zero(void *view)
{
	memset(view, 0, MM0_PAGE_SIZE);
}

void phys_page_copy(void *to, const void *from)
{
	memcpy(to, from, MM0_PAGE_SIZE);
}

void phys_bytes_zero(void *to, size_t len)
{
	memset(to, 0, len);
}
#endif

uint32_t phys_free_pages(void)
{
	return free_pages;
}

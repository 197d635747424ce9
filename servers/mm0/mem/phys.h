/* Physical page allocator over the RAM ranges mm0 is given at start-up. */
#ifndef MM0_PHYS_H
#define MM0_PHYS_H

#include <stddef.h>
#include <stdint.h>

#define PHYS_MAX_RANGES 8

struct phys_range {
	uint32_t base;		/* physical address, page aligned */
	uint32_t npages;
	void *view;		/* where mm0 itself sees the range's first byte */
};

int phys_init(const struct phys_range *ranges, size_t count);
void phys_fini(void);
/* One page into *paddr, or -ENOMEM. */
int phys_alloc(uint32_t *paddr);
void phys_free(uint32_t paddr);
/* npages pages at consecutive physical addresses, the first into *paddr, or
 * -ENOMEM (DMA memory: each page is freed with phys_free like any other). */
int phys_alloc_run(uint32_t npages, uint32_t *paddr);
/* mm0's pointer to the page's contents. */
void *phys_view(uint32_t paddr);
/* Fill a whole page (page-aligned views) with zeros or with a copy. */
void phys_page_zero(void *view);
void phys_page_copy(void *to, const void *from);
/* Zero len bytes at any address (a page's part: client memory mm0 clears). */
void phys_bytes_zero(void *to, size_t len);
uint32_t phys_free_pages(void);

#endif

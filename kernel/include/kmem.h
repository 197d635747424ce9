/* kmem.h - the page allocator for kernel objects, charged to a space's quota. */
#ifndef KERNEL_KMEM_H
#define KERNEL_KMEM_H

#include "kernel.h"

struct space;

void kmem_init(uint32_t pool_phys, uint32_t pool_pages);
/* Zeroed pages aligned to align_pages, charged to `charge` (may be NULL);
 * NULL when the quota or the pool is exhausted. */
void *kmem_alloc(struct space *charge, uint32_t pages, uint32_t align_pages);
void kmem_free(struct space *charge, void *va, uint32_t pages);
uint32_t kmem_free_pages(void);

#endif

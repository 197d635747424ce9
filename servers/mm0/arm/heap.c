/* mm0's own heap (the C library's sbrk): the pages mapped at start-up first, then
 * pages from mm0's free memory mapped one by one after them, up to the first
 * address mm0 sees anything else at. */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <l4/ipc.h>
#include <l4/syscalls.h>

#include "boot.h"
#include "mem/phys.h"
#include "mm0_local.h"

extern char __heap_start[];

static uintptr_t heap_break, heap_mapped_end, heap_limit;

void heap_init(uint32_t mapped_bytes, uint32_t limit)
{
	heap_break = (uintptr_t)__heap_start;
	heap_mapped_end = heap_break + mapped_bytes;
	heap_limit = limit;
}

/* One more page of RAM after the mapped heap: 0 or -errno. */
static int heap_grow_page(void)
{
	uint32_t paddr;
	int err = phys_alloc(&paddr);

	if (err)
		return err;
	err = kernel_error_to_errno(l4_map(l4_myself(), paddr, heap_mapped_end, MM0_PAGE_SIZE,
					   L4_PERM_READ | L4_PERM_WRITE, 0));
	if (err) {
		phys_free(paddr);
		return err;
	}
	heap_mapped_end += MM0_PAGE_SIZE;
	return 0;
}

void *sbrk(ptrdiff_t increment)
{
	uintptr_t old_break = heap_break;
	uintptr_t new_break = old_break + (uintptr_t)increment;
	bool wrapped = increment < 0 ? new_break > old_break : new_break < old_break;

	if (wrapped || new_break < (uintptr_t)__heap_start || new_break > heap_limit) {
		errno = ENOMEM;
		return (void *)-1;
	}
	while (new_break > heap_mapped_end) {
		if (heap_grow_page()) {
			errno = ENOMEM;
			return (void *)-1;
		}
	}
	heap_break = new_break;
	return (void *)old_break;
}

/* heap.c - fs0's heap on the target: the region mm0 mapped at FS0_HEAP_BASE
 * (all pages present, so fs0 never faults), whose first word is its size. */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include "fs0.h"
#include "heap.h"

/* The first 8 bytes hold the size; the break starts after them, 8-aligned. */
#define HEAP_FIRST	((char *)FS0_HEAP_BASE + 8)

static char *heap_break;

uint32_t fs0_heap_size(void)
{
	uint32_t size = *(const volatile uint32_t *)FS0_HEAP_BASE;

	return size > FS0_HEAP_SIZE_MAX ? FS0_HEAP_SIZE_MAX : size;
}

/* The C library's malloc grows through this; the heap never grows past what mm0 mapped. */
void *sbrk(ptrdiff_t increment)
{
	char *heap_end = (char *)FS0_HEAP_BASE + fs0_heap_size(), *old_break;

	if (!heap_break)
		heap_break = HEAP_FIRST;
	old_break = heap_break;
	if ((increment < 0 && (uintptr_t)-increment > (uintptr_t)(old_break - HEAP_FIRST)) ||
	    (increment > 0 && (uintptr_t)increment > (uintptr_t)(heap_end - old_break))) {
		errno = ENOMEM;
		return (void *)-1;
	}
	heap_break = old_break + increment;
	return old_break;
}

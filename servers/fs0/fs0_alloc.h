/* fs0_alloc.h - fs0's only way to allocate memory, counted so tests can
 * check that every scenario gives back what it took. */
#ifndef FS0_ALLOC_H
#define FS0_ALLOC_H

#include <stddef.h>
#include <stdint.h>

void *fs0_alloc(size_t size);		/* zero-filled, NULL when out of memory */
void *fs0_realloc_array(void *old, size_t count, size_t elem_size);
void fs0_free(void *block);
uint32_t fs0_alloc_live(void);

#endif

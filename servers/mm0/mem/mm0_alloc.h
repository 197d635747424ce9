/* mm0's heap: malloc/free behind a counter, so tests can audit leaks and cap use. */
#ifndef MM0_ALLOC_H
#define MM0_ALLOC_H

#include <stddef.h>

/* Zeroed memory, or NULL when the heap or the quota is exhausted. */
void *mm0_alloc(size_t size);
void mm0_free(void *ptr);
size_t mm0_alloc_live(void);
/* Refuse allocations that would make more than max_live blocks live; 0 lifts the cap. */
void mm0_alloc_set_quota(size_t max_live);

#endif

/* The system-wide commit: pages promised to processes (private writable memory,
 * shared anonymous memory, mm0's records), never more than the commit limit. */
#ifndef MM0_COMMIT_H
#define MM0_COMMIT_H

#include <stdint.h>

/* The limit: what may be promised in all, from what is free and promised now
 * less the reserve for mm0's own records and cached file pages. */
void commit_set_limit(uint32_t pages);
uint32_t commit_limit(void);
uint32_t commit_total(void);

/* Promise pages more to the holder of *held (NULL: shared memory, which
 * counts as one holder of its own). One holder may take all but COMMIT_OTHERS_SHARE of the limit, so
 * one process alone can never leave the others nothing. 0 or -ENOMEM. */
int commit_take(uint32_t *held, uint32_t pages);
void commit_give(uint32_t *held, uint32_t pages);

/* What one holder may never take: 1/COMMIT_OTHERS_SHARE of the limit. */
#define COMMIT_OTHERS_SHARE	8u

#endif

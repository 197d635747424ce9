/* The system-wide commit: pages promised to processes (private writable memory,
 * shared anonymous memory, mm0's records), never more than the commit limit. */
#ifndef MM0_COMMIT_H
#define MM0_COMMIT_H

#include <errno.h>
#include <stdint.h>

/* What one holder may never take: 1/COMMIT_OTHERS_SHARE of the limit. */
#define COMMIT_OTHERS_SHARE	8u

/* The counts; only this header's functions change them. */
struct commit_state {
	uint32_t limit;			/* pages that may be promised in all */
	uint32_t one_holder_max;	/* of them, what one holder may have */
	uint32_t total;			/* promised now */
	uint32_t shared;		/* the holder of shared memory */
};
extern struct commit_state commit_state;

/* The limit: what may be promised in all, from what is free and promised now
 * less the reserve for mm0's own records and cached file pages. */
void commit_set_limit(uint32_t pages);

static inline uint32_t commit_limit(void)
{
	return commit_state.limit;
}

static inline uint32_t commit_total(void)
{
	return commit_state.total;
}

/* Promise pages more to the holder of *held (NULL: shared memory, which
 * counts as one holder of its own). One holder may take all but
 * 1/COMMIT_OTHERS_SHARE of the limit, so one process alone can never leave
 * the others nothing. 0 or -ENOMEM. Inline: every mmap and fork takes it. */
static inline int commit_take(uint32_t *held, uint32_t pages)
{
	struct commit_state *commit = &commit_state;

	if (!held)
		held = &commit->shared;
	if (commit->total > commit->limit || pages > commit->limit - commit->total ||
	    *held > commit->one_holder_max || pages > commit->one_holder_max - *held)
		return -ENOMEM;
	commit->total += pages;
	*held += pages;
	return 0;
}

static inline void commit_give(uint32_t *held, uint32_t pages)
{
	commit_state.total -= pages;
	*(held ? held : &commit_state.shared) -= pages;
}

#endif

/* placement.c - mm0's placement policy (docs/mm0.md, "Placement"): new
 * processes and threads take the processors in turn, so CPU-bound work
 * spreads without asking; affinity calls move threads later. Each is paged
 * by mm0's worker on its processor (docs/mm0.md, "Workers"). */
#include <l4/kip.h>
#include <l4/syscalls.h>

#include "placement.h"
#include "workers.h"

/* The processor the next thread gets. */
static uint32_t next_processor;

uint32_t place_next_pager(void)
{
	return workers_pager_for(next_processor);
}

void place_new_thread(uint32_t tid)
{
	uint32_t processors = l4_num_processors();

	/* One processor: every thread already starts on it, at no cost. */
	if (processors < 2)
		return;
	/* mm0 may move any thread to a processor the kernel runs, so this
	 * cannot fail; a thread left where mm0 runs would still work. */
	(void)l4_set_processor(tid, next_processor);
	next_processor = (next_processor + 1) % processors;
}

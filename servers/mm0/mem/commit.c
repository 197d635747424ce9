/* Strict commit accounting: every promise is counted when it is made, so an
 * allocation fails with ENOMEM up front instead of a fault finding no page. */
#include <errno.h>

#include "mem/commit.h"

static uint32_t limit_pages;
static uint32_t total_pages;
static uint32_t shared_pages;	/* the holder of shared memory nobody owns */

void commit_set_limit(uint32_t pages)
{
	limit_pages = pages;
}

uint32_t commit_limit(void)
{
	return limit_pages;
}

uint32_t commit_total(void)
{
	return total_pages;
}

int commit_take(uint32_t *held, uint32_t pages)
{
	uint32_t one_holder_max = limit_pages - limit_pages / COMMIT_OTHERS_SHARE;

	if (!held)
		held = &shared_pages;
	if (total_pages > limit_pages || pages > limit_pages - total_pages)
		return -ENOMEM;
	if (*held > one_holder_max || pages > one_holder_max - *held)
		return -ENOMEM;
	total_pages += pages;
	*held += pages;
	return 0;
}

void commit_give(uint32_t *held, uint32_t pages)
{
	total_pages -= pages;
	*(held ? held : &shared_pages) -= pages;
}

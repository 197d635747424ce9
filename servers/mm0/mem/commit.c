/* Strict commit accounting: every promise is counted when it is made, so an
 * allocation fails with ENOMEM up front instead of a fault finding no page. */
#include "mem/commit.h"

struct commit_state commit_state;

void commit_set_limit(uint32_t pages)
{
	commit_state.limit = pages;
	commit_state.one_holder_max = pages - pages / COMMIT_OTHERS_SHARE;
}

/* bulk.c - the client side of bulk parameters for the bare system tests: the
 * calling thread's fs0 buffer, asked from mm0 on every call (a forked child
 * gets its own), serves calls to fs0 and to mm0 alike. */
#include <string.h>

#include "mm0.h"
#include "mm0test_rt.h"

int idlrt_bulk_buffer(idlrt_dest_t dest, void **base, uint32_t *size)
{
	uint32_t fs0_tid;
	uintptr_t address;
	int result = mm_fs0_buffer(mm0c_server(), &fs0_tid, &address, size);

	(void)dest;
	if (result < 0)
		return result;
	*base = (void *)address;
	return 0;
}

/* These tests pass only good pointers: a plain copy. */
int idlrt_bulk_copy(void *to, const void *from, uint32_t len)
{
	memcpy(to, from, len);
	return 0;
}

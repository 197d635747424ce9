/* bulk_buffer.c - where the fs0 stubs of these programs put bulk parameters
 * (paths): the calling thread's fs0 buffer, which mm0 names (libposix's
 * fs0_channel.c does the same for ordinary programs). */
#include <errno.h>

#include "fs0.h"
#include "mm0test_rt.h"

int idlrt_bulk_buffer(idlrt_dest_t dest, void **base, uint32_t *size)
{
	uint32_t fs0_tid = 0;
	uintptr_t address = 0;
	int result = mm_fs0_buffer(mm0c_server(), &fs0_tid, &address, size);

	if (result < 0)
		return result;
	if (fs0_tid != dest || !address)
		return -ENOBUFS;
	*base = (void *)address;
	return 0;
}

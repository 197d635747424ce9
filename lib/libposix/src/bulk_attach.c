/* bulk_attach.c - the server side of bulk parameters for a server linked
 * with libposix: the first bulk range from a client asks mm0 to map the
 * buffer that client made for this server (mm.bulk_attach), and idlrt's
 * registry holds it from then on; clients that ended are forgotten as mm0
 * names them. */
#include <idlrt/bulk_hold.h>

#include "internal.h"
#include "mm0.h"

int idlrt_bulk_attach(l4_tid_t client)
{
	uint32_t gone[MM0_BULK_GONE_MAX], gone_count, size;
	uintptr_t address;
	int answer = mm_bulk_attach(posix_mm0(), client, &address, &size, gone, &gone_count);

	if (answer < 0)
		return answer;
	for (uint32_t i = 0; i < gone_count; i++)
		idlrt_bulk_forget(gone[i]);
	return idlrt_bulk_hold(client, (void *)address, size);
}

/* bulk.c - where a bulk parameter's bytes lie on the target: in the shared
 * buffer mm0 told fs0 the calling thread has (the generated dispatch asks
 * before any handler runs; the host tests' loopback answers instead). */
#include "serve.h"

int idlrt_bulk_at(const struct idlrt_request *rq, uint32_t offset, uint32_t len, void **at)
{
	return buffer_at(rq->client, offset, len, at);
}

/* bulk_server.c - idl/test_bulk.idl's server on the target (its handlers are
 * tests/idlc's, run here over the libl4 transport): registers the name
 * "bulk_test" with mm0 and serves. Client buffers reach it through
 * libposix's idlrt_bulk_attach (mm.bulk_attach), nothing of its own. */
#include <stdio.h>

#include <idlrt/serve.h>
#include <l4/ipc.h>

#include "mm0.h"
#include "test_bulk_server.h"

int main(void)
{
	int error = mm_register_service(l4_utcb()->pager, "bulk_test");

	if (error < 0) {
		printf("bulk_server: cannot register the name bulk_test (%d)\n", error);
		return 1;
	}
	idlrt_serve(bulk_test_dispatch, 0);
}

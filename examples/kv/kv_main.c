/* kv_main.c - the kv server on Larch: register the name "kv" with mm0, so
 * clients find this thread by name, then serve for ever. */
#include <stdio.h>

#include <idlrt/serve.h>
#include <l4/ipc.h>

#include "kv_server.h"
#include "mm0.h"

int main(void)
{
	/* mm0, every task's pager, keeps the name until this task exits. */
	int error = mm_register_service(l4_utcb()->pager, "kv");

	if (error < 0) {
		fprintf(stderr, "kv: cannot register the name kv (%d)\n", error);
		return 1;
	}
	idlrt_serve(kv_dispatch, 0);
}

/* kv_main.c - the kv server on Larch: tell the program that started it
 * which thread serves, then serve for ever. */
#include <stdio.h>
#include <stdlib.h>

#include <idlrt/serve.h>
#include <l4/ipc.h>

#include "kv_server.h"

int main(int argc, char **argv)
{
	l4_tid_t starter;

	if (argc != 2) {
		fprintf(stderr, "usage: kv STARTER-THREAD-ID\n");
		return 2;
	}
	starter = (l4_tid_t)strtoul(argv[1], NULL, 0);
	/* An empty message: the kernel stamps our thread id on it. */
	l4_utcb()->mr[0] = L4_TAG(0, 0);
	if (l4_send(starter, L4_TIMEOUTS_NEVER) < 0) {
		fprintf(stderr, "kv: cannot reach thread %#lx\n", (unsigned long)starter);
		return 1;
	}
	idlrt_serve(kv_dispatch, 0);
}

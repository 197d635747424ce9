/* kvdemo.c - a program that starts the kv server and uses it. */
#include <errno.h>
#include <stdio.h>

#include <l4/ipc.h>

#include "kv.h"
#include "mm0.h"

/* mm0 (every task's pager) starts the boot module "kv" with our thread id
 * as its argument; the server's first message tells us its thread id. */
static l4_tid_t start_kv(void)
{
	char self[16];
	l4_tid_t server;

	snprintf(self, sizeof(self), "%#lx", (unsigned long)l4_myself());
	if (mm_spawn(l4_utcb()->pager, "kv", self) < 0)
		return L4_NILTHREAD;
	if (l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &server) < 0)
		return L4_NILTHREAD;
	return server;
}

int main(void)
{
	char value[KV_VALUE_MAX + 1], key[KV_KEY_MAX + 1];
	l4_tid_t kv = start_kv();
	int count;

	if (kv == L4_NILTHREAD) {
		printf("kvdemo: cannot start kv\n");
		return 1;
	}
	if (kv_put(kv, "colour", "green") || kv_put(kv, "size", "9") || kv_put(kv, "shape", "round")) {
		printf("kvdemo: put failed\n");
		return 1;
	}
	if (kv_get(kv, "colour", value) == 0)
		printf("colour = %s\n", value);
	kv_remove(kv, "size");
	for (uint32_t i = 0; (count = kv_list(kv, i, key)) > 0; i++)
		printf("key %u of %d: %s\n", (unsigned)i + 1, count, key);
	printf("get size: %s\n", kv_get(kv, "size", value) == -ENOENT ? "no such key" : "still there?");
	return 0;
}

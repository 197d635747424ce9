/* kvdemo.c - a program that starts the kv server and uses it. */
#include <errno.h>
#include <stdio.h>

#include <l4/ipc.h>
#include <l4/syscalls.h>

#include "kv.h"
#include "mm0.h"

/* mm0 (every task's pager) starts the boot module "kv"; the server then
 * registers the name "kv", which mm.service answers from then on. */
static l4_tid_t start_kv(void)
{
	uint32_t server;
	int error;

	if (mm_spawn(l4_utcb()->pager, "kv", "") < 0)
		return L4_NILTHREAD;
	/* Until kv has run far enough to register, the name is unknown. */
	while ((error = mm_service(l4_utcb()->pager, "kv", &server)) == -ENOENT)
		l4_yield();
	return error < 0 ? L4_NILTHREAD : (l4_tid_t)server;
}

int main(void)
{
	char value[KV_VALUE_MAX + 1];
	struct kv_listing found;
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
	for (uint32_t i = 0; (count = kv_list(kv, i, &found)) > 0; i++)
		printf("key %u of %d: %s (%u bytes)\n", (unsigned)i + 1, count, found.key,
		       (unsigned)found.value_length);
	printf("get size: %s\n", kv_get(kv, "size", value) == -ENOENT ? "no such key" : "still there?");
	printf("register kv again: %s\n",
	       mm_register_service(l4_utcb()->pager, "kv") == -EEXIST ? "taken" : "not refused?");
	return 0;
}

/* hello.c - a second boot module: the root starts it by name in a space of
 * its own; it greets on the console and reports to the root task. */
#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>

#define LABEL_HELLO	12u
#define HELLO_MAGIC	0x4e110u

int main(void)
{
	static const char greeting[] = "hello: a module started by name\n";
	l4_kdebug_puts(greeting, sizeof(greeting) - 1);
	uint32_t *mr = l4_utcb()->mr;
	mr[0] = L4_TAG(LABEL_HELLO, 2);
	mr[1] = HELLO_MAGIC;
	mr[2] = l4_poweroff(1);		/* refused: this space is not privileged */
	l4_send(l4_kip()->root_tid, L4_TIMEOUTS_NEVER);
	return 0;
}

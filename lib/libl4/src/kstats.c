/* kstats.c - space_control STATS: the kernel writes its counters to the UTCB. */
#include <l4/ipc.h>
#include <l4/syscalls.h>

int l4_kstats(struct l4_kstats *stats)
{
	int r = l4_space_control(L4_SC_STATS, L4_NILTHREAD, 0, 0);
	if (r == 0)
		*stats = *(const struct l4_kstats *)l4_utcb()->mr;
	return r;
}

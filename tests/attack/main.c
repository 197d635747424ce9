/* main.c - the attack test program: runs as the root task, prints one line
 * per check, and powers off with status 0 only if every check passed. */
#include "attack.h"

l4_tid_t root_tid;

int main(void)
{
	root_tid = l4_myself();
	struct l4_kstats before;
	l4_kstats(&before);
	out("attack: kernel attack tests\n");
	attack_forge();
	attack_reach();
	attack_faults();
	check_kstats_equal("attack: every thread, space and kernel page returned", &before);
	return report_summary("attack");
}

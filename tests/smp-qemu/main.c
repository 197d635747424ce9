/* main.c - the SMP test program: runs as the root task on four processors,
 * one line per check, status 0 only if every check passed. */
#include "smptest.h"

l4_tid_t root_tid;

int main(void)
{
	root_tid = l4_myself();
	out("smptest: SMP kernel tests\n");
	test_placement();
	test_pingpong();
	test_cancel();
	test_shootdown();
	return report_summary("smptest");
}

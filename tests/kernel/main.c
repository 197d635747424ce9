/* main.c - the kernel test program: runs as the root task, prints one line
 * per check, and powers off with status 0 only if every check passed. */
#include "ktest.h"

l4_tid_t root_tid;

int main(void)
{
	root_tid = l4_myself();
	out("ktest: kernel test program\n");
	test_basics();
	test_modules();
	test_ipc();
	test_threads();
	test_memory();
	test_spaces();
	test_worker_pool();
	test_cputime();
	test_irq();
	test_hardening();
	test_fuzz();
	test_benchmarks();
	return report_summary("ktest");
}

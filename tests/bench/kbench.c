/* kbench.c - the kernel benchmark program: runs as the root task, prints
 * one RESULT line per operation and powers off with status 0. */
#include "harness.h"

int main(void)
{
	bench_root = l4_myself();
	bench_out("bench: kernel operations\n");
	bench_kernel_ops();
	bench_out("bench: done\n");
	return 0;
}

/* main.c - libctest: the C library's answers on the target, TAP on the
 * console; the exit status (init's, hence QEMU's) is the number of failures. */
#include <string.h>

#include "libctest.h"

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "spawned"))
		return spawned_child(argc, argv);
	test_table();
	test_stdio();
	test_malloc();
	test_functions();
	test_accounts();
	test_spawn();
	return tap_summary("libctest");
}

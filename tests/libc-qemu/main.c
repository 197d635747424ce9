/* main.c - libctest: the C library's answers on the target, TAP on the
 * console; the exit status (init's, hence QEMU's) is the number of failures. */
#include "libctest.h"

int main(void)
{
	test_table();
	test_stdio();
	test_malloc();
	test_functions();
	test_accounts();
	return tap_summary("libctest");
}

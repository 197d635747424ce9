/* main.c - the idlc program. */
#include "driver.h"

int main(int argc, char **argv)
{
	return idlc_main(argc, argv, stdout, stderr);
}

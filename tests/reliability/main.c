/* main.c - the reliability program: fault isolation, soaks with accounting,
 * server attacks and a load test, each against mm0 and fs0 on QEMU. Exits
 * with the number of failed checks (mm0 powers off with it). */
#include <stdio.h>
#include "reliab.h"

int main(void)
{
	printf("reliability: fault isolation, soaks, server attacks, load\n");
	family_isolation();
	family_soak();
	family_servers();
	family_load();
	return tap_summary("reliability");
}

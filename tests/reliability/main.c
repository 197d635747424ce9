/* main.c - the reliability program: fault isolation, soaks with accounting,
 * server attacks and a load test, each against mm0 and fs0 on QEMU. Exits
 * with the number of failed checks (mm0 powers off with it). */
#include <stdio.h>
#include "reliab.h"
#include "warm_image.h"


int main(void)
{
	warm_program_image();
	printf("reliability: fault isolation, soaks, server attacks, load\n");
	family_isolation();
	family_soak();
	family_servers();
	family_load();
	return tap_summary("reliability");
}

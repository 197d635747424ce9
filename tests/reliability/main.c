/* main.c - the reliability program: fault isolation, soaks with accounting,
 * server attacks and a load test, each against mm0 and fs0 on QEMU. Exits
 * with the number of failed checks (mm0 powers off with it). */
#include <stdio.h>
#include "reliab.h"

/* Reads every page of the program image once, so that mm0's page cache
 * holds them all before a family counts pages: a page of code first run
 * inside a counted stretch would otherwise read as a page lost, and which
 * code shares a page with code already run changes with every build. */
static void warm_program_image(void)
{
	extern const char __image_start[], __bss_start[];

	for (const volatile char *page = __image_start; page < __bss_start; page += 4096)
		(void)*page;
}

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

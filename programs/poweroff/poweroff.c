/* poweroff.c - the poweroff command: writes everything back, unmounts the
 * disk clean and powers the machine off (reboot(RB_POWER_OFF), mm.power_off;
 * docs/mm0.md, "Power-off"). */
#include <stdio.h>
#include <sys/reboot.h>

int main(void)
{
	reboot(RB_POWER_OFF);
	perror("poweroff");
	return 1;
}

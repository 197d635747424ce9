/* sys/reboot.h - reboot(): stopping the whole system (Linux's numbers). */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H

#define RB_POWER_OFF	0x4321fedc

/* With RB_POWER_OFF: everything is written back, the disk unmounted clean
 * and the machine powered off; it does not return then. -1 with EINVAL
 * for any other howto, or errno from mm0. */
int reboot(int howto);

#endif

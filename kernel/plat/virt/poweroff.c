/* poweroff.c - stop the machine with an exit status through ARM semihosting.
 * QEMU must run with -semihosting-config enable=on,target=native; without it
 * the trap is an ordinary SVC and we fall back to spinning. */
#include <stdint.h>
#include "poweroff.h"
#include "powercut.h"

#define SEMIHOST_SYS_EXIT_EXTENDED	0x20u
#define ADP_STOPPED_APPLICATION_EXIT	0x20026u

void machine_poweroff(int status)
{
	static volatile uint32_t block[2];

	powercut_report();
	block[0] = ADP_STOPPED_APPLICATION_EXIT;
	block[1] = (uint32_t)status;
	register uint32_t op asm("r0") = SEMIHOST_SYS_EXIT_EXTENDED;
	register volatile uint32_t *arg asm("r1") = block;
	asm volatile("svc 0x123456" : "+r"(op) : "r"(arg) : "memory");
	for (;;)
		asm volatile("wfi");
}

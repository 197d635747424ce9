/* kmain.c - the kernel's C entry: banner, then bring-up. */
#include "poweroff.h"
#include "printk.h"

void kmain(void) __attribute__((noreturn));

void kmain(void)
{
	printk("Larch " LARCH_VERSION " (L4 microkernel, ARMv7-A)\n");
	machine_poweroff(0);
}

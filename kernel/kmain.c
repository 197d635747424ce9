/* kmain.c - the kernel's C entry: banner, then bring-up in dependency order. */
#include "boot.h"
#include "cp15.h"
#include "mmu.h"
#include "plat.h"
#include "pmu.h"
#include "printk.h"

extern char exception_vectors[];

void kmain(void) __attribute__((noreturn));

void kmain(void)
{
	printk("Larch " LARCH_VERSION " (L4 microkernel, ARMv7-A)\n");
	mmu_init();
	write_vbar((uint32_t)exception_vectors);
	isb();
	gic_init();
	timer_init();
	pmu_init();
	boot_start_root();
}

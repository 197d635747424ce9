/* kmain.c - the kernel's C entry: the board from its device tree, the
 * kernel map, banner, then bring-up in dependency order. */
#include "boot.h"
#include "cp15.h"
#include "kmap.h"
#include "mmu.h"
#include "plat.h"
#include "pmu.h"
#include "powercut.h"
#include "printk.h"
#include "smp.h"

extern char exception_vectors[], smp_vectors[];

void kmain(void) __attribute__((noreturn));

void kmain(void)
{
	kmap_early_console();
	plat_read_device_tree(phys_to_virt(PLAT_DTB_PHYS));
	smp_init_boot_cpu();
	kmap_init();
	printk("Larch " LARCH_VERSION " (L4 microkernel, ARMv7-A)\n");
	mmu_init();
	write_vbar((uint32_t)(smp_active() ? smp_vectors : exception_vectors));
	isb();
	gic_init();
	timer_init();
	pmu_init();
	powercut_init();
	smp_start_secondaries();
	boot_start_root();
}

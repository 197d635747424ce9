/* boot.c - boot memory layout, the KIP's memory and module lists, and the
 * start of the root task (the first boot module). */
#include "boot.h"
#include "kip.h"
#include "kmem.h"
#include "plat.h"
#include "poweroff.h"
#include "printk.h"
#include "sched.h"
#include "space.h"

#define KERNEL_POOL_PAGES	1024u	/* 4 MiB for kernel objects */

extern const struct boot_module_table boot_modules __attribute__((weak));
extern char __kernel_start[], __kernel_end[];

static uint32_t page_round_up(uint32_t v)
{
	return (v + PAGE_MASK) & ~PAGE_MASK;
}

static void grant_or_panic(struct space *s, uint32_t base, uint32_t size)
{
	if (size && space_grant(s, base, size))
		panic("root task: too many memory ranges");
}

void boot_start_root(void)
{
	const struct boot_module_table *table = &boot_modules;
	if (!table || table->count == 0) {
		printk("boot: this image holds no modules, so there is nothing to run\n");
		machine_poweroff(0);
	}
	uint32_t pool = page_round_up(virt_to_phys(__kernel_end));
	uint32_t root_phys = pool + KERNEL_POOL_PAGES * PAGE_SIZE;
	kmem_init(pool, KERNEL_POOL_PAGES);
	kip_init();

	const struct boot_module *first = &table->modules[0];
	const struct boot_module *last = &table->modules[table->count - 1];
	uint32_t modules_phys = virt_to_phys((void *)first->start) & ~PAGE_MASK;
	uint32_t modules_end = page_round_up(virt_to_phys((void *)last->end));
	for (uint32_t i = 0; i < table->count; i++) {
		const struct boot_module *m = &table->modules[i];
		kip_add_module(m->name, virt_to_phys((void *)m->start), m->end - m->start);
	}

	int err = 0;
	struct space *root_space = space_create(&err);
	if (!root_space)
		panic("no memory for the root space");
	root_space->privileged = true;
	root_space->quota_pages = QUOTA_UNLIMITED;
	uint32_t entry = 0;
	uint32_t root_end = elf_load(root_space, (const uint8_t *)first->start,
				     first->end - first->start, root_phys, &entry, &err);
	if (!root_end)
		panic("cannot load root task '%s': error %d", first->name, err);
	struct thread *root = thread_create(root_space, L4_NILTHREAD, DEFAULT_PRIO, UTCB_ANY_SLOT, &err);
	if (!root)
		panic("no memory for the root thread");
	root->ctx.pc = entry;

	struct l4_kip *k = kip();
	k->root_tid = root->tid;
	uint32_t ram_end = ram_base + ram_size;
	kip_add_mem(ram_base, modules_phys - ram_base, L4_MEM_KERNEL);
	kip_add_mem(modules_phys, modules_end - modules_phys, L4_MEM_MODULE);
	kip_add_mem(modules_end, root_phys - modules_end, L4_MEM_KERNEL);
	kip_add_mem(root_phys, root_end - root_phys, L4_MEM_ROOT_IMAGE);
	kip_add_mem(root_end, ram_end - root_end, L4_MEM_CONVENTIONAL);
	grant_or_panic(root_space, modules_phys, modules_end - modules_phys);
	grant_or_panic(root_space, root_phys, root_end - root_phys);
	grant_or_panic(root_space, root_end, ram_end - root_end);
	for (uint32_t i = 0; i < plat.num_user_ranges; i++) {
		kip_add_mem(plat.user_ranges[i].base, plat.user_ranges[i].size, L4_MEM_DEVICE);
		grant_or_panic(root_space, plat.user_ranges[i].base, plat.user_ranges[i].size);
	}
	for (uint32_t i = 0; i < plat.num_devices; i++)
		kip_add_device(&plat.devices[i]);

	root->suspended = false;
	sched_enqueue(root, false);
	sched_return();
}

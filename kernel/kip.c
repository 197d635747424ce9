/* kip.c - builds the kernel interface page at boot. */
#include "cpu.h"
#include "format.h"
#include "kip.h"
#include "kmem.h"
#include "plat.h"
#include "printk.h"

static struct l4_kip *kip_page;

void kip_init(void)
{
	kip_page = kmem_alloc(NULL, 1, 1);
	if (!kip_page)
		panic("no memory for the KIP");
	kip_page->magic = L4_KIP_MAGIC;
	kip_page->api_version = L4_API_VERSION;
	kip_page->timer_hz = timer_frequency();
	kip_page->utcb_area = L4_UTCB_AREA;
	kip_page->num_processors = cpu_count;
	format_string(kip_page->kernel_version, sizeof(kip_page->kernel_version),
		      "Larch %s", LARCH_VERSION);
}

uint32_t kip_phys(void)
{
	return virt_to_phys(kip_page);
}

struct l4_kip *kip(void)
{
	return kip_page;
}

void kip_add_mem(uint32_t base, uint32_t size, uint32_t type)
{
	if (size == 0)
		return;
	if (kip_page->num_mem == L4_KIP_MAX_MEM)
		panic("KIP: more than %d memory ranges", L4_KIP_MAX_MEM);
	struct l4_kip_mem *m = &kip_page->mem[kip_page->num_mem++];
	m->base = base;
	m->size = size;
	m->type = type;
}

void kip_add_module(const char *name, uint32_t phys, uint32_t size)
{
	if (kip_page->num_modules == L4_KIP_MAX_MODULES)
		panic("KIP: more than %d boot modules", L4_KIP_MAX_MODULES);
	struct l4_kip_module *m = &kip_page->modules[kip_page->num_modules++];
	memcpy(m->name, name, L4_MODULE_NAME_LEN);
	m->name[L4_MODULE_NAME_LEN - 1] = '\0';
	m->phys = phys;
	m->size = size;
}

void kip_add_device(const struct l4_kip_device *device)
{
	if (kip_page->num_devices == L4_KIP_MAX_DEVICES)
		panic("KIP: more than %d devices", L4_KIP_MAX_DEVICES);
	kip_page->devices[kip_page->num_devices++] = *device;
}

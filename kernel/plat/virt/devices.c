/* devices.c - the QEMU virt board as its device tree describes it: RAM, the
 * GIC, the virtual timer's interrupt, and the devices handed to the root
 * task (PL011, PL031, PL061, fw_cfg, virtio-mmio; never the GIC), the
 * processors, how PSCI starts them, and the boot arguments. */
#include "fdt.h"
#include "kernel.h"
#include "plat.h"
#include "printk.h"

#define GIC_PPI_BASE		16u
#define GIC_SPI_BASE		32u
#define FDT_IRQ_SPI		0u
#define FDT_IRQ_PPI		1u
#define TIMER_VIRTUAL_INDEX	2u	/* secure, non-secure, virtual, hypervisor */

struct plat_info plat;

struct user_device {
	const char *compatible;
	uint32_t kind;		/* enum l4_device_kind; 0: a range only */
};

static const struct user_device user_devices[] = {
	{ "arm,pl011", L4_DEV_UART },
	{ "arm,pl031", L4_DEV_RTC },
	{ "arm,pl061", L4_DEV_GPIO },
	{ "qemu,fw-cfg-mmio", L4_DEV_FW_CFG },
	{ "virtio,mmio", 0 },
};

/* reg entry `index` as 32-bit physical values, or a panic naming the node. */
static void node_reg(const struct fdt_node *n, uint32_t index, uint32_t *base, uint32_t *size)
{
	uint64_t b, s;
	if (!fdt_reg(n, index, &b, &s) || s == 0 || b > UINT32_MAX || s > 0x100000000ull - b)
		panic("device tree: node %s has no usable reg entry %u", n->name, (unsigned)index);
	*base = (uint32_t)b;
	*size = (uint32_t)s;
}

static uint32_t page_down(uint32_t v)
{
	return v & ~PAGE_MASK;
}

/* Adds the pages under [base, base + size), merged with a range it touches. */
static void add_user_range(const char *node, uint32_t base, uint32_t size)
{
	uint32_t first = page_down(base), end = page_down(base + size + PAGE_MASK);
	if (end > DEVICE_PHYS_LIMIT)
		panic("device tree: %s at 0x%x is above the kernel's device window", node,
		      (unsigned)base);
	for (uint32_t i = 0; i < plat.num_user_ranges; i++) {
		struct plat_device_range *r = &plat.user_ranges[i];
		if (first > r->base + r->size || r->base > end)
			continue;
		uint32_t r_end = r->base + r->size;
		r->base = first < r->base ? first : r->base;
		r->size = (end > r_end ? end : r_end) - r->base;
		return;
	}
	if (plat.num_user_ranges == PLAT_MAX_USER_RANGES)
		panic("device tree: more than %d device ranges", PLAT_MAX_USER_RANGES);
	plat.user_ranges[plat.num_user_ranges++] = (struct plat_device_range){ first, end - first };
}

static void add_device(const struct fdt_node *n, uint32_t kind, uint32_t base, uint32_t size)
{
	uint32_t type, number, irq = 0;
	if (fdt_interrupt(n, 0, &type, &number) && type == FDT_IRQ_SPI &&
	    number < IRQ_LIMIT - GIC_SPI_BASE)
		irq = GIC_SPI_BASE + number;
	if (plat.num_devices == PLAT_MAX_DEVICES)
		panic("device tree: more than %d devices", PLAT_MAX_DEVICES);
	plat.devices[plat.num_devices++] = (struct l4_kip_device){ kind, base, size, irq };
}

static void take_memory(const struct fdt_node *n)
{
	uint32_t base, size;
	node_reg(n, 0, &base, &size);
	if (plat.ram_size)
		panic("device tree: more than one memory node");
	plat.ram_base = base;
	plat.ram_size = size;
}

static void take_timer(const struct fdt_node *n)
{
	uint32_t type, number;
	if (!fdt_interrupt(n, TIMER_VIRTUAL_INDEX, &type, &number) || type != FDT_IRQ_PPI ||
	    number >= GIC_SPI_BASE - GIC_PPI_BASE)
		panic("device tree: %s names no virtual timer interrupt", n->name);
	plat.timer_irq = GIC_PPI_BASE + number;
}

_Static_assert(PLAT_MAX_CPUS == FDT_MAX_CPUS, "the tree reader keeps as many MPIDRs as plat");

static void take_cpus(const struct fdt_node *n)
{
	plat.num_cpus = n->num_cpus;
	for (uint32_t i = 0; i < n->num_cpus && i < PLAT_MAX_CPUS; i++)
		plat.cpu_ids[i] = n->cpu_ids[i];
}

static void take_psci(const struct fdt_node *n)
{
	if (fdt_is_method(n, "hvc"))
		plat.psci_conduit = PLAT_PSCI_HVC;
	else if (fdt_is_method(n, "smc"))
		plat.psci_conduit = PLAT_PSCI_SMC;
}

static void take_bootargs(const struct fdt_node *n)
{
	uint32_t i;
	for (i = 0; i < n->bootargs_len && i < PLAT_BOOTARGS_MAX - 1 && n->bootargs[i]; i++)
		plat.bootargs[i] = (char)n->bootargs[i];
	plat.bootargs[i] = '\0';
}

static void take_node(const struct fdt_node *n, void *ctx)
{
	(void)ctx;
	uint32_t base, size;
	if (n->bootargs) {
		take_bootargs(n);
		return;
	}
	if (n->num_cpus) {
		take_cpus(n);
		return;
	}
	if (fdt_is_compatible(n, "arm,psci-0.2") || fdt_is_compatible(n, "arm,psci")) {
		take_psci(n);
		return;
	}
	if (fdt_is_device_type(n, "memory")) {
		take_memory(n);
		return;
	}
	if (fdt_is_compatible(n, "arm,cortex-a15-gic")) {
		node_reg(n, 0, &plat.gic_dist, &size);
		node_reg(n, 1, &plat.gic_cpu, &size);
		return;
	}
	if (fdt_is_compatible(n, "arm,armv7-timer")) {
		take_timer(n);
		return;
	}
	for (unsigned i = 0; i < sizeof(user_devices) / sizeof(user_devices[0]); i++) {
		if (!fdt_is_compatible(n, user_devices[i].compatible))
			continue;
		node_reg(n, 0, &base, &size);
		add_user_range(n->name, base, size);
		if (user_devices[i].kind)
			add_device(n, user_devices[i].kind, base, size);
		return;
	}
}

void plat_read_device_tree(const void *dtb)
{
	const char *err = fdt_walk(dtb, PLAT_DTB_MAX_SIZE, take_node, NULL);
	if (err)
		panic("device tree at 0x%x: %s", (unsigned)PLAT_DTB_PHYS, err);
	if (!plat.ram_size)
		panic("device tree: no memory node");
	if (!plat.gic_dist || !plat.gic_cpu)
		panic("device tree: no GICv2 (arm,cortex-a15-gic)");
	if (!plat.timer_irq)
		panic("device tree: no arm,armv7-timer");
	for (uint32_t i = 0; i < plat.num_devices && !plat.uart; i++)
		if (plat.devices[i].kind == L4_DEV_UART)
			plat.uart = &plat.devices[i];
	if (!plat.uart)
		panic("device tree: no PL011 UART (arm,pl011)");
	if (plat.gic_dist + 0x1000 > DEVICE_PHYS_LIMIT || plat.gic_cpu + 0x2000 > DEVICE_PHYS_LIMIT)
		panic("device tree: the GIC is above the kernel's device window");
}

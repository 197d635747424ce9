/* fdt.h - a reader for the flattened device tree a boot loader (here QEMU)
 * leaves in memory: walks the root's children and decodes their reg,
 * interrupts and compatible properties, /chosen's bootargs, and the processors under /cpus. Plain C, so host tests compile it. */
#ifndef KERNEL_FDT_H
#define KERNEL_FDT_H

#include <stdbool.h>
#include <stdint.h>

#define FDT_MAGIC		0xd00dfeedu
#define FDT_HEADER_SIZE		40u
#define FDT_MAX_CPUS		8u

/* One child of the root node, with pointers into the tree's own bytes. */
struct fdt_node {
	const char *name;
	const uint8_t *compatible;	/* NUL-separated strings */
	uint32_t compatible_len;
	const uint8_t *device_type;
	uint32_t device_type_len;
	const uint8_t *reg;
	uint32_t reg_len;
	const uint8_t *interrupts;
	uint32_t interrupts_len;
	const uint8_t *method;		/* a PSCI node's conduit, "hvc" or "smc" */
	uint32_t method_len;
	const uint8_t *bootargs;	/* /chosen's: QEMU's -append */
	uint32_t bootargs_len;
	/* Children with device_type "cpu" (those of /cpus): how many, and the
	 * first cell of the reg of the first FDT_MAX_CPUS (their MPIDR). */
	uint32_t num_cpus;
	uint32_t cpu_ids[FDT_MAX_CPUS];
	uint32_t address_cells;		/* the root's: how reg is laid out */
	uint32_t size_cells;
};

typedef void (*fdt_node_fn)(const struct fdt_node *node, void *ctx);

/* Checks the header and walks the structure block, calling fn for each
 * child of the root. Returns NULL, or what is wrong with the tree; nothing
 * outside the first max_size bytes is read. */
const char *fdt_walk(const void *blob, uint32_t max_size, fdt_node_fn fn, void *ctx);

bool fdt_is_compatible(const struct fdt_node *node, const char *compatible);
bool fdt_is_device_type(const struct fdt_node *node, const char *type);
bool fdt_is_method(const struct fdt_node *node, const char *method);
/* The index-th (base, size) pair of reg; false if there is none. */
bool fdt_reg(const struct fdt_node *node, uint32_t index, uint64_t *base, uint64_t *size);
/* The index-th interrupt in the GIC binding's three cells: type (0 SPI,
 * 1 PPI) and number; false if there is none. */
bool fdt_interrupt(const struct fdt_node *node, uint32_t index, uint32_t *type, uint32_t *number);

#endif

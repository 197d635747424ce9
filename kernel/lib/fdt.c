/* fdt.c - the flattened device tree reader (header, structure block walk,
 * property decoding). Every read is checked against the sizes the header
 * gives, and the header's against the caller's limit. */
#include <stddef.h>
#include "fdt.h"

#define FDT_BEGIN_NODE	1u
#define FDT_END_NODE	2u
#define FDT_PROP	3u
#define FDT_NOP		4u
#define FDT_END		9u
#define FDT_VERSION	17u	/* the first with size_dt_struct; QEMU writes it */
#define ROOT_DEPTH	1u
#define CHILD_DEPTH	2u
#define GRANDCHILD_DEPTH 3u

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t align4(uint32_t v)
{
	return (v + 3u) & ~3u;
}

/* Length of the string at s if a NUL ends it within max bytes, else max. */
static uint32_t bounded_len(const char *s, uint32_t max)
{
	uint32_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

static bool str_eq(const char *s, uint32_t len, const char *literal)
{
	uint32_t i = 0;
	for (; i < len && literal[i]; i++)
		if (s[i] != literal[i])
			return false;
	return i == len && !literal[i];
}

struct walk {
	const uint8_t *structs;
	uint32_t structs_size;
	const char *strings;
	uint32_t strings_size;
	uint32_t address_cells, size_cells;
	struct fdt_node node;
	bool grandchild_is_cpu;		/* the node at GRANDCHILD_DEPTH so far */
	uint32_t grandchild_reg;
};

static const char *root_property(struct walk *w, const char *name, uint32_t name_len,
				 const uint8_t *value, uint32_t len)
{
	bool address = str_eq(name, name_len, "#address-cells");
	if (!address && !str_eq(name, name_len, "#size-cells"))
		return NULL;
	uint32_t cells = len == 4 ? be32(value) : 0;
	if (cells < 1 || cells > 2)
		return "unsupported #address-cells or #size-cells at the root";
	if (address)
		w->address_cells = cells;
	else
		w->size_cells = cells;
	return NULL;
}

static void child_property(struct fdt_node *n, const char *name, uint32_t name_len,
			   const uint8_t *value, uint32_t len)
{
	if (str_eq(name, name_len, "compatible")) {
		n->compatible = value;
		n->compatible_len = len;
	} else if (str_eq(name, name_len, "device_type")) {
		n->device_type = value;
		n->device_type_len = len;
	} else if (str_eq(name, name_len, "reg")) {
		n->reg = value;
		n->reg_len = len;
	} else if (str_eq(name, name_len, "interrupts")) {
		n->interrupts = value;
		n->interrupts_len = len;
	} else if (str_eq(name, name_len, "method")) {
		n->method = value;
		n->method_len = len;
	} else if (str_eq(name, name_len, "bootargs")) {
		n->bootargs = value;
		n->bootargs_len = len;
	}
}

static void grandchild_property(struct walk *w, const char *name, uint32_t name_len,
				const uint8_t *value, uint32_t len)
{
	if (str_eq(name, name_len, "device_type"))
		w->grandchild_is_cpu = str_eq((const char *)value, bounded_len((const char *)value, len),
					      "cpu");
	else if (str_eq(name, name_len, "reg") && len >= 4)
		w->grandchild_reg = be32(value);
}

static void grandchild_done(struct walk *w)
{
	struct fdt_node *n = &w->node;
	if (!w->grandchild_is_cpu)
		return;
	if (n->num_cpus < FDT_MAX_CPUS)
		n->cpu_ids[n->num_cpus] = w->grandchild_reg;
	n->num_cpus++;
}

static const char *property(struct walk *w, uint32_t *pos, uint32_t depth)
{
	if (w->structs_size - *pos < 8)
		return "property header past the structure block";
	uint32_t len = be32(w->structs + *pos), name_offset = be32(w->structs + *pos + 4);
	*pos += 8;
	if (len > w->structs_size - *pos)
		return "property value past the structure block";
	if (name_offset >= w->strings_size)
		return "property name outside the strings block";
	const char *name = w->strings + name_offset;
	uint32_t name_len = bounded_len(name, w->strings_size - name_offset);
	if (name_len == w->strings_size - name_offset)
		return "property name runs past the strings block";
	const uint8_t *value = w->structs + *pos;
	*pos += align4(len);
	if (depth == ROOT_DEPTH)
		return root_property(w, name, name_len, value, len);
	if (depth == CHILD_DEPTH)
		child_property(&w->node, name, name_len, value, len);
	if (depth == GRANDCHILD_DEPTH)
		grandchild_property(w, name, name_len, value, len);
	return NULL;
}

static const char *walk_structs(struct walk *w, fdt_node_fn fn, void *ctx)
{
	uint32_t pos = 0, depth = 0;
	for (;;) {
		if (pos > w->structs_size || w->structs_size - pos < 4)
			return "structure block ends without FDT_END";
		uint32_t token = be32(w->structs + pos);
		pos += 4;
		if (token == FDT_BEGIN_NODE) {
			const char *name = (const char *)w->structs + pos;
			uint32_t len = bounded_len(name, w->structs_size - pos);
			if (len == w->structs_size - pos)
				return "node name runs past the structure block";
			pos += align4(len + 1);
			if (++depth == CHILD_DEPTH)
				w->node = (struct fdt_node){ .name = name,
							     .address_cells = w->address_cells,
							     .size_cells = w->size_cells };
			if (depth == GRANDCHILD_DEPTH) {
				w->grandchild_is_cpu = false;
				w->grandchild_reg = 0;
			}
		} else if (token == FDT_END_NODE) {
			if (depth == 0)
				return "FDT_END_NODE outside any node";
			if (depth == GRANDCHILD_DEPTH)
				grandchild_done(w);
			if (depth-- == CHILD_DEPTH)
				fn(&w->node, ctx);
		} else if (token == FDT_PROP) {
			if (depth == 0)
				return "property outside any node";
			const char *err = property(w, &pos, depth);
			if (err)
				return err;
		} else if (token == FDT_END) {
			return depth == 0 ? NULL : "FDT_END inside a node";
		} else if (token != FDT_NOP) {
			return "unknown token in the structure block";
		}
	}
}

const char *fdt_walk(const void *blob, uint32_t max_size, fdt_node_fn fn, void *ctx)
{
	const uint8_t *b = blob;
	if (max_size < FDT_HEADER_SIZE || be32(b) != FDT_MAGIC)
		return "no device tree (bad magic)";
	uint32_t total = be32(b + 4), structs_at = be32(b + 8), strings_at = be32(b + 12);
	uint32_t version = be32(b + 20), last_compatible = be32(b + 24);
	uint32_t strings_size = be32(b + 32), structs_size = be32(b + 36);
	if (total < FDT_HEADER_SIZE || total > max_size)
		return "tree size out of range";
	if (version < FDT_VERSION || last_compatible > FDT_VERSION)
		return "unsupported device tree version";
	if (structs_at > total || structs_size > total - structs_at || strings_at > total ||
	    strings_size > total - strings_at || (structs_at & 3))
		return "blocks outside the tree";
	struct walk w = {
		.structs = b + structs_at, .structs_size = structs_size,
		.strings = (const char *)b + strings_at, .strings_size = strings_size,
		.address_cells = 2, .size_cells = 1,	/* the specification's defaults */
	};
	return walk_structs(&w, fn, ctx);
}

bool fdt_is_compatible(const struct fdt_node *node, const char *compatible)
{
	uint32_t pos = 0;
	while (pos < node->compatible_len) {
		const char *s = (const char *)node->compatible + pos;
		uint32_t len = bounded_len(s, node->compatible_len - pos);
		if (str_eq(s, len, compatible))
			return true;
		pos += len + 1;
	}
	return false;
}

bool fdt_is_device_type(const struct fdt_node *node, const char *type)
{
	const char *s = (const char *)node->device_type;
	return s && str_eq(s, bounded_len(s, node->device_type_len), type);
}

bool fdt_is_method(const struct fdt_node *node, const char *method)
{
	const char *s = (const char *)node->method;
	return s && str_eq(s, bounded_len(s, node->method_len), method);
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
	return cells == 2 ? (uint64_t)be32(p) << 32 | be32(p + 4) : be32(p);
}

bool fdt_reg(const struct fdt_node *node, uint32_t index, uint64_t *base, uint64_t *size)
{
	uint32_t entry = (node->address_cells + node->size_cells) * 4;
	if (!node->reg || index >= node->reg_len / entry)
		return false;
	const uint8_t *p = node->reg + index * entry;
	*base = read_cells(p, node->address_cells);
	*size = read_cells(p + node->address_cells * 4, node->size_cells);
	return true;
}

bool fdt_interrupt(const struct fdt_node *node, uint32_t index, uint32_t *type, uint32_t *number)
{
	if (!node->interrupts || index >= node->interrupts_len / 12)
		return false;
	*type = be32(node->interrupts + index * 12);
	*number = be32(node->interrupts + index * 12 + 4);
	return true;
}

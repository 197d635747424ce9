/* check_fdt.c - the kernel's device-tree reader, compiled for the host: trees
 * built here byte by byte, well formed and broken. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "fdt.h"

#define TOKEN_BEGIN_NODE	1u
#define TOKEN_END_NODE		2u
#define TOKEN_PROP		3u
#define TOKEN_END		9u
#define RESERVE_MAP_SIZE	16u	/* the empty memory-reservation map */

struct tree {
	uint8_t structs[1024];
	uint32_t structs_len;
	char strings[256];
	uint32_t strings_len;
	uint8_t blob[2048];
	uint32_t version;
};

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void token(struct tree *t, uint32_t v)
{
	put_be32(t->structs + t->structs_len, v);
	t->structs_len += 4;
}

static void bytes(struct tree *t, const void *data, uint32_t len)
{
	memcpy(t->structs + t->structs_len, data, len);
	t->structs_len += (len + 3) & ~3u;
}

static void begin(struct tree *t, const char *name)
{
	token(t, TOKEN_BEGIN_NODE);
	bytes(t, name, (uint32_t)strlen(name) + 1);
}

static void prop(struct tree *t, const char *name, const void *value, uint32_t len)
{
	token(t, TOKEN_PROP);
	token(t, len);
	token(t, t->strings_len);
	strcpy(t->strings + t->strings_len, name);
	t->strings_len += (uint32_t)strlen(name) + 1;
	bytes(t, value, len);
}

static void prop_cells(struct tree *t, const char *name, uint32_t count, const uint32_t *cells)
{
	uint8_t value[64];
	for (uint32_t i = 0; i < count; i++)
		put_be32(value + 4 * i, cells[i]);
	prop(t, name, value, 4 * count);
}

/* Lays out header, reservation map, structure and strings blocks. */
static uint32_t finish(struct tree *t)
{
	uint32_t structs_at = FDT_HEADER_SIZE + RESERVE_MAP_SIZE;
	uint32_t strings_at = structs_at + t->structs_len;
	uint32_t total = strings_at + t->strings_len;
	memset(t->blob, 0, sizeof(t->blob));
	put_be32(t->blob, FDT_MAGIC);
	put_be32(t->blob + 4, total);
	put_be32(t->blob + 8, structs_at);
	put_be32(t->blob + 12, strings_at);
	put_be32(t->blob + 16, FDT_HEADER_SIZE);
	put_be32(t->blob + 20, t->version ? t->version : 17);
	put_be32(t->blob + 24, 16);
	put_be32(t->blob + 32, t->strings_len);
	put_be32(t->blob + 36, t->structs_len);
	memcpy(t->blob + structs_at, t->structs, t->structs_len);
	memcpy(t->blob + strings_at, t->strings, t->strings_len);
	return total;
}

/* A small QEMU-virt-like tree: memory, a PL011 with a child, a GIC. */
static uint32_t virt_tree(struct tree *t)
{
	static const uint32_t two = 2, memory_reg[] = { 0, 0x40000000u, 0, 0x4000000u };
	static const uint32_t uart_reg[] = { 0, 0x09000000u, 0, 0x1000u };
	static const uint32_t uart_irq[] = { 0, 1, 4 }, bogus_reg[] = { 0, 0x1234, 0, 1 };
	static const char compatible[] = "arm,pl011\0arm,primecell";
	memset(t, 0, sizeof(*t));
	begin(t, "");
	prop_cells(t, "#address-cells", 1, &two);
	prop_cells(t, "#size-cells", 1, &two);
	begin(t, "memory@40000000");
	prop(t, "device_type", "memory", 7);
	prop_cells(t, "reg", 4, memory_reg);
	token(t, TOKEN_END_NODE);
	begin(t, "pl011@9000000");
	prop(t, "compatible", compatible, sizeof(compatible));
	prop_cells(t, "reg", 4, uart_reg);
	prop_cells(t, "interrupts", 3, uart_irq);
	begin(t, "child");
	prop_cells(t, "reg", 4, bogus_reg);
	token(t, TOKEN_END_NODE);
	token(t, TOKEN_END_NODE);
	begin(t, "intc@8000000");
	prop(t, "compatible", "arm,cortex-a15-gic", 19);
	token(t, TOKEN_END_NODE);
	token(t, TOKEN_END_NODE);
	token(t, TOKEN_END);
	return finish(t);
}

/* The nodes SMP reads: /psci with its method, and /cpus with a cpu-map
 * (no device_type, nested deeper) and `count` cpu nodes, reg 0x100 + i. */
static uint32_t smp_tree(struct tree *t, uint32_t count)
{
	static const uint32_t one = 1, zero = 0;
	static const char psci_compatible[] = "arm,psci-0.2\0arm,psci";
	memset(t, 0, sizeof(*t));
	begin(t, "");
	begin(t, "psci");
	prop(t, "compatible", psci_compatible, sizeof(psci_compatible));
	prop(t, "method", "hvc", 4);
	token(t, TOKEN_END_NODE);
	begin(t, "cpus");
	prop_cells(t, "#address-cells", 1, &one);
	prop_cells(t, "#size-cells", 1, &zero);
	begin(t, "cpu-map");
	begin(t, "cluster0");
	prop(t, "device_type", "cpu", 4);
	token(t, TOKEN_END_NODE);
	token(t, TOKEN_END_NODE);
	for (uint32_t i = 0; i < count; i++) {
		uint32_t reg = 0x100 + i;
		begin(t, "cpu");
		prop_cells(t, "reg", 1, &reg);
		prop(t, "device_type", "cpu", 4);
		token(t, TOKEN_END_NODE);
	}
	token(t, TOKEN_END_NODE);
	token(t, TOKEN_END_NODE);
	token(t, TOKEN_END);
	return finish(t);
}

struct seen {
	unsigned count;
	struct fdt_node nodes[8];
};

static void record(const struct fdt_node *node, void *ctx)
{
	struct seen *seen = ctx;
	if (seen->count < 8)
		seen->nodes[seen->count] = *node;
	seen->count++;
}

START_TEST(test_children_of_the_root)
{
	struct tree t;
	struct seen seen = { 0 };
	uint32_t size = virt_tree(&t);
	ck_assert_ptr_null(fdt_walk(t.blob, size, record, &seen));
	ck_assert_uint_eq(seen.count, 3);
	ck_assert_str_eq(seen.nodes[0].name, "memory@40000000");
	ck_assert_str_eq(seen.nodes[1].name, "pl011@9000000");
	ck_assert_str_eq(seen.nodes[2].name, "intc@8000000");
}
END_TEST

START_TEST(test_cpus_and_psci)
{
	struct tree t;
	struct seen seen = { 0 };
	ck_assert_ptr_null(fdt_walk(t.blob, smp_tree(&t, 4), record, &seen));
	ck_assert_uint_eq(seen.count, 2);
	ck_assert(fdt_is_compatible(&seen.nodes[0], "arm,psci"));
	ck_assert(fdt_is_method(&seen.nodes[0], "hvc"));
	ck_assert(!fdt_is_method(&seen.nodes[0], "smc"));
	ck_assert_uint_eq(seen.nodes[0].num_cpus, 0);
	ck_assert(!fdt_is_method(&seen.nodes[1], "hvc"));
	ck_assert_uint_eq(seen.nodes[1].num_cpus, 4);
	for (uint32_t i = 0; i < 4; i++)
		ck_assert_uint_eq(seen.nodes[1].cpu_ids[i], 0x100 + i);
	/* The PL011's child has no device_type: no processor. */
	memset(&seen, 0, sizeof(seen));
	ck_assert_ptr_null(fdt_walk(t.blob, virt_tree(&t), record, &seen));
	ck_assert_uint_eq(seen.nodes[1].num_cpus, 0);
}
END_TEST

/* /chosen's bootargs (QEMU's -append) reach its node with their NUL; a
 * node without them has none. */
START_TEST(test_chosen_bootargs)
{
	static const char args[] = "powercut=123 quiet";
	struct tree t;
	struct seen seen = { 0 };
	memset(&t, 0, sizeof(t));
	begin(&t, "");
	begin(&t, "chosen");
	prop(&t, "bootargs", args, sizeof(args));
	token(&t, TOKEN_END_NODE);
	begin(&t, "psci");
	prop(&t, "method", "hvc", 4);
	token(&t, TOKEN_END_NODE);
	token(&t, TOKEN_END_NODE);
	token(&t, TOKEN_END);
	ck_assert_ptr_null(fdt_walk(t.blob, finish(&t), record, &seen));
	ck_assert_uint_eq(seen.count, 2);
	ck_assert_uint_eq(seen.nodes[0].bootargs_len, sizeof(args));
	ck_assert_str_eq((const char *)seen.nodes[0].bootargs, args);
	ck_assert_ptr_null(seen.nodes[1].bootargs);
}
END_TEST

START_TEST(test_more_cpus_than_kept)
{
	struct tree t;
	struct seen seen = { 0 };
	ck_assert_ptr_null(fdt_walk(t.blob, smp_tree(&t, FDT_MAX_CPUS + 2), record, &seen));
	ck_assert_uint_eq(seen.nodes[1].num_cpus, FDT_MAX_CPUS + 2);
	ck_assert_uint_eq(seen.nodes[1].cpu_ids[FDT_MAX_CPUS - 1], 0x100 + FDT_MAX_CPUS - 1);
}
END_TEST

START_TEST(test_memory_reg)
{
	struct tree t;
	struct seen seen = { 0 };
	uint64_t base, size;
	ck_assert_ptr_null(fdt_walk(t.blob, virt_tree(&t), record, &seen));
	ck_assert(fdt_is_device_type(&seen.nodes[0], "memory"));
	ck_assert(!fdt_is_device_type(&seen.nodes[1], "memory"));
	ck_assert(fdt_reg(&seen.nodes[0], 0, &base, &size));
	ck_assert_uint_eq(base, 0x40000000u);
	ck_assert_uint_eq(size, 0x4000000u);
	ck_assert(!fdt_reg(&seen.nodes[0], 1, &base, &size));
	ck_assert(!fdt_reg(&seen.nodes[2], 0, &base, &size));
}
END_TEST

START_TEST(test_compatible_list_and_interrupts)
{
	struct tree t;
	struct seen seen = { 0 };
	uint64_t base, size;
	uint32_t type, number;
	ck_assert_ptr_null(fdt_walk(t.blob, virt_tree(&t), record, &seen));
	const struct fdt_node *uart = &seen.nodes[1];
	ck_assert(fdt_is_compatible(uart, "arm,pl011"));
	ck_assert(fdt_is_compatible(uart, "arm,primecell"));
	ck_assert(!fdt_is_compatible(uart, "arm,pl01"));
	ck_assert(!fdt_is_compatible(uart, "arm,pl0111"));
	ck_assert(fdt_is_compatible(&seen.nodes[2], "arm,cortex-a15-gic"));
	/* The child's reg does not replace its parent's. */
	ck_assert(fdt_reg(uart, 0, &base, &size));
	ck_assert_uint_eq(base, 0x09000000u);
	ck_assert(fdt_interrupt(uart, 0, &type, &number));
	ck_assert_uint_eq(type, 0);
	ck_assert_uint_eq(number, 1);
	ck_assert(!fdt_interrupt(uart, 1, &type, &number));
	ck_assert(!fdt_interrupt(&seen.nodes[0], 0, &type, &number));
}
END_TEST

START_TEST(test_one_cell_addresses)
{
	static const uint32_t one = 1, reg[] = { 0x08000000u, 0x10000u, 0x08010000u, 0x10000u };
	struct tree t;
	struct seen seen = { 0 };
	uint64_t base, size;
	memset(&t, 0, sizeof(t));
	begin(&t, "");
	prop_cells(&t, "#address-cells", 1, &one);
	prop_cells(&t, "#size-cells", 1, &one);
	begin(&t, "intc");
	prop_cells(&t, "reg", 4, reg);
	token(&t, TOKEN_END_NODE);
	token(&t, TOKEN_END_NODE);
	token(&t, TOKEN_END);
	ck_assert_ptr_null(fdt_walk(t.blob, finish(&t), record, &seen));
	ck_assert(fdt_reg(&seen.nodes[0], 1, &base, &size));
	ck_assert_uint_eq(base, 0x08010000u);
	ck_assert_uint_eq(size, 0x10000u);
}
END_TEST

static const char *walk_error(struct tree *t, uint32_t size)
{
	struct seen seen = { 0 };
	return fdt_walk(t->blob, size, record, &seen);
}

START_TEST(test_bad_headers)
{
	struct tree t;
	uint32_t size = virt_tree(&t);
	ck_assert_ptr_nonnull(walk_error(&t, FDT_HEADER_SIZE - 1));
	ck_assert_ptr_nonnull(walk_error(&t, size - 1));	/* tree longer than allowed */
	t.blob[0] = 0;
	ck_assert_str_eq(walk_error(&t, size), "no device tree (bad magic)");
	t.version = 16;
	size = finish(&t);
	ck_assert_str_eq(walk_error(&t, size), "unsupported device tree version");
	t.version = 0;
	size = finish(&t);
	put_be32(t.blob + 36, size);	/* structure block past the end */
	ck_assert_str_eq(walk_error(&t, size), "blocks outside the tree");
}
END_TEST

START_TEST(test_bad_structure_blocks)
{
	static const uint32_t three = 3;
	struct tree t;
	virt_tree(&t);
	t.structs_len -= 4;	/* drop FDT_END */
	ck_assert_str_eq(walk_error(&t, finish(&t)), "structure block ends without FDT_END");
	t.structs_len -= 4;	/* and the root's FDT_END_NODE */
	token(&t, TOKEN_END);
	ck_assert_str_eq(walk_error(&t, finish(&t)), "FDT_END inside a node");

	memset(&t, 0, sizeof(t));
	token(&t, TOKEN_END_NODE);
	ck_assert_str_eq(walk_error(&t, finish(&t)), "FDT_END_NODE outside any node");

	memset(&t, 0, sizeof(t));
	token(&t, 7);
	ck_assert_str_eq(walk_error(&t, finish(&t)), "unknown token in the structure block");

	memset(&t, 0, sizeof(t));
	begin(&t, "");
	prop_cells(&t, "#address-cells", 1, &three);
	token(&t, TOKEN_END_NODE);
	token(&t, TOKEN_END);
	ck_assert_str_eq(walk_error(&t, finish(&t)),
			 "unsupported #address-cells or #size-cells at the root");
}
END_TEST

START_TEST(test_bad_properties)
{
	struct tree t;
	memset(&t, 0, sizeof(t));
	begin(&t, "");
	prop(&t, "model", "x", 2);
	token(&t, TOKEN_END_NODE);
	token(&t, TOKEN_END);
	put_be32(t.structs + 12, 200);	/* the value's length runs past the block */
	ck_assert_str_eq(walk_error(&t, finish(&t)), "property value past the structure block");
	put_be32(t.structs + 12, 2);
	put_be32(t.structs + 16, 99);	/* name offset past the strings */
	ck_assert_str_eq(walk_error(&t, finish(&t)), "property name outside the strings block");
	put_be32(t.structs + 16, 0);
	t.strings_len = 3;		/* "model" cut before its NUL */
	ck_assert_str_eq(walk_error(&t, finish(&t)), "property name runs past the strings block");

	memset(&t, 0, sizeof(t));
	token(&t, TOKEN_PROP);
	token(&t, 0);
	token(&t, 0);
	ck_assert_str_eq(walk_error(&t, finish(&t)), "property outside any node");
}
END_TEST

static Suite *fdt_suite(void)
{
	Suite *s = suite_create("kernel fdt");
	TCase *good = tcase_create("well formed");
	TCase *bad = tcase_create("malformed");

	tcase_add_test(good, test_children_of_the_root);
	tcase_add_test(good, test_memory_reg);
	tcase_add_test(good, test_compatible_list_and_interrupts);
	tcase_add_test(good, test_one_cell_addresses);
	tcase_add_test(good, test_cpus_and_psci);
	tcase_add_test(good, test_more_cpus_than_kept);
	tcase_add_test(good, test_chosen_bootargs);
	tcase_add_test(bad, test_bad_headers);
	tcase_add_test(bad, test_bad_structure_blocks);
	tcase_add_test(bad, test_bad_properties);
	suite_add_tcase(s, good);
	suite_add_tcase(s, bad);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(fdt_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

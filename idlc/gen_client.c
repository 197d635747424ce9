/* gen_client.c - writes BASE_client.c: stubs that marshal straight into the MRs, call, and unmarshal. */
#include <string.h>
#include "gen_client.h"
#include "arena.h"
#include "wire.h"

/* The C expression naming a parameter's value inside a client stub. */
static char *client_expr(struct gen *g, const struct idl_member *param, int dir)
{
	if (gen_is_array(param->type))
		return param->name;
	if (gen_is_struct(param->type) || (dir == IDL_OUT) || param->dir != IDL_IN)
		return idl_printf(g->prog, "(*%s)", param->name);
	return param->name;
}

static void emit_checks(struct gen *g, const struct idl_decl *op)
{
	for (const struct idl_member *param = op->members; param; param = param->next) {
		const struct idl_type *base = idl_base_type(param->type);
		if (!(param->dir & IDL_IN))
			continue;
		if (base->kind == IDL_T_STRING) {
			fprintf(g->out, "\tsize_t idl_len_%s = strnlen(%s, %u);\n", param->name, param->name,
				gen_bound(base) + 1);
			fprintf(g->out, "\tif (idl_len_%s > %u)\n\t\treturn -EMSGSIZE;\n", param->name, gen_bound(base));
		} else if (base->kind == IDL_T_SEQUENCE) {
			fprintf(g->out, "\tif (%s_count > %u)\n\t\treturn -EMSGSIZE;\n", param->name, gen_bound(base));
		} else if (base->kind == IDL_T_BUFFER) {
			fprintf(g->out, "\tif (%s%s_len > %u)\n\t\treturn -EMSGSIZE;\n", param->dir == IDL_IN ? "" : "*",
				param->name, gen_bound(base));
		} else if (base->kind == IDL_T_UINTPTR) {
			fprintf(g->out, "#if UINTPTR_MAX > 0xffffffffu\n\tif (%s > 0xffffffffu)\n\t\treturn -EOVERFLOW;\n#endif\n",
				client_expr(g, param, IDL_IN));
		}
	}
}

/* The caller's shared buffer for the destination, where bulk bytes travel. */
static void emit_bulk_setup(struct gen *g, const struct idl_decl *op)
{
	int has_bulk = 0;
	for (const struct idl_member *param = op->members; param; param = param->next) {
		const struct idl_type *base = idl_base_type(param->type);
		if (!idl_is_bulk(base))
			continue;
		has_bulk = 1;
		/* An out buffer's length is the caller's capacity on the way in. */
		if (param->dir == IDL_OUT)
			fprintf(g->out, "\tif (*%s_len > %u)\n\t\treturn -EMSGSIZE;\n", param->name, gen_bound(base));
	}
	if (!has_bulk)
		return;
	fprintf(g->out, "\tuint8_t *idl_bulk;\n\tuint32_t idl_bulk_size, idl_bulk_off = 0;\n");
	fprintf(g->out, "\tint idl_bulk_err = idlrt_bulk_buffer(idl_dest, (void **)&idl_bulk, &idl_bulk_size);\n");
	fprintf(g->out, "\tif (idl_bulk_err < 0)\n\t\treturn idl_bulk_err;\n");
}

/* Places a bulk parameter at the next free offset of the shared buffer (in
 * bytes copied there now, out room the server fills) and sends (offset, length). */
static void emit_bulk_encode(struct gen *g, const struct idl_member *param)
{
	const struct idl_type *base = idl_base_type(param->type);
	const char *len = base->kind == IDL_T_STRING ? idl_printf(g->prog, "idl_len_%s", param->name)
		: param->dir == IDL_IN ? idl_printf(g->prog, "%s_len", param->name)
				       : idl_printf(g->prog, "*%s_len", param->name);
	fprintf(g->out, "\tif (!idlrt_bulk_fits(idl_bulk_off, %s, idl_bulk_size))\n\t\treturn -ENOBUFS;\n", len);
	if (param->dir == IDL_IN)
		fprintf(g->out, "\tif (%s != 0 && (idl_bulk_err = idlrt_bulk_copy(idl_bulk + idl_bulk_off, %s, %s)) < 0)\n"
			"\t\treturn idl_bulk_err;\n", len, param->name, len);
	else
		fprintf(g->out, "\tuint32_t idl_off_%s = idl_bulk_off;\n", param->name);
	fprintf(g->out, "\tidl_mr[idl_w++] = idl_bulk_off;\n\tidl_mr[idl_w++] = (uint32_t)%s;\n", len);
	fprintf(g->out, "\tidl_bulk_off += IDLRT_BULK_ALIGN((uint32_t)%s);\n", len);
}

static void emit_out_lengths(struct gen *g, const struct idl_decl *op)
{
	for (const struct idl_member *param = op->members; param; param = param->next) {
		const struct idl_type *base = idl_base_type(param->type);
		if (!(param->dir & IDL_OUT) || !idl_in_message(base))
			continue;
		const char *len = base->kind == IDL_T_STRING ? idl_printf(g->prog, "idl_len_%s", param->name)
							     : idl_printf(g->prog, "*%s_len", param->name);
		fprintf(g->out, "\t%s = idl_mr[idl_w++];\n\tif (%s > %u)\n\t\tgoto idl_bad;\n", len, len, gen_bound(base));
		fprintf(g->out, "\tidl_need += (%s + 3) / 4;\n", len);
	}
}

/* In a stub whose message fits the registers, the bytes of a string or buffer
 * in the message go between the caller's memory and the words one by one,
 * through a switch on the length that enters at the last byte: a few
 * instructions a byte, with no loop, and the array of words stays in
 * registers, never on the stack, where the bytes' place is a constant (the
 * first such parameter; a later one follows a length). The words hold
 * the bytes as memory would (IDL_BYTE_SHIFT); the unused bytes of the last
 * word stay zero, as the array starts. */
static void emit_reg_bytes(struct gen *g, const struct idl_member *param, const char *len, int encode)
{
	uint32_t bound = gen_bound(idl_base_type(param->type));
	fprintf(g->out, "\tswitch (%s) {\n", len);
	for (uint32_t i = bound; i > 0; i--) {
		uint32_t at = i - 1;
		fprintf(g->out, "\tcase %u:\n", i);
		if (encode)
			fprintf(g->out, "\t\tidl_mr[idl_w + %u] |= (uint32_t)((const uint8_t *)%s)[%u] << IDL_BYTE_SHIFT(%u);\n",
				at / 4, param->name, at, at);
		else
			fprintf(g->out, "\t\t((uint8_t *)%s)[%u] = (uint8_t)(idl_mr[idl_w + %u] >> IDL_BYTE_SHIFT(%u));\n",
				param->name, at, at / 4, at);
		fprintf(g->out, "\t\t/* fallthrough */\n");
	}
	fprintf(g->out, "\tdefault:\n\t\tbreak;\n\t}\n");
}

static void emit_reg_bytes_encode(struct gen *g, const struct idl_decl *op)
{
	for (const struct idl_member *param = op->members; param; param = param->next) {
		if (!(param->dir & IDL_IN) || !idl_in_message(param->type))
			continue;
		const char *len = gen_var_length(g, param, IDL_IN, 0);
		emit_reg_bytes(g, param, len, 1);
		fprintf(g->out, "\tidl_w += (%s + 3) / 4;\n", len);
	}
}

static void emit_reg_bytes_decode(struct gen *g, const struct idl_decl *op)
{
	for (const struct idl_member *param = op->members; param; param = param->next) {
		if (!(param->dir & IDL_OUT) || !idl_in_message(param->type))
			continue;
		const char *len = gen_var_length(g, param, IDL_OUT, 0);
		emit_reg_bytes(g, param, len, 0);
		if (idl_base_type(param->type)->kind == IDL_T_STRING) {
			fprintf(g->out, "\t%s[%s] = '\\0';\n", param->name, len);
			fprintf(g->out, "\tif (memchr(%s, '\\0', %s))\n\t\tgoto idl_bad;\n", param->name, len);
		}
		fprintf(g->out, "\tidl_w += (%s + 3) / 4;\n", len);
	}
}

static void emit_stub(struct gen *g, const struct idl_decl *iface, const struct idl_decl *op)
{
	const char *up = gen_upper(g, iface->name);
	int oneway = op->op_flags & IDL_OP_ONEWAY;
	fprintf(g->out, "int %s_%s(%s)\n{\n", iface->name, op->name, gen_params(g, op, 0));
	emit_checks(g, op);
	emit_bulk_setup(g, op);
	/* A call whose request and reply fit the registers keeps its words in a
	 * local array, which the compiler holds in those registers: no word
	 * goes through the UTCB. The unused words are zero, not stale. */
	int in_regs = !oneway && idl_op_words(op, IDL_IN, 1) < IDL_REG_WORDS &&
		      idl_op_words(op, IDL_OUT, 1) < IDL_REG_WORDS;
	if (in_regs)
		fprintf(g->out, "\tuint32_t idl_mr[IDLRT_REG_WORDS] = { 0 };\n\tunsigned idl_w = 2;\n");
	else
		fprintf(g->out, "\tuint32_t *idl_mr = idlrt_mr();\n\tunsigned idl_w = 2;\n");
	for (const struct idl_member *param = op->members; param; param = param->next) {
		if (idl_is_bulk(param->type))
			emit_bulk_encode(g, param);
		else if ((param->dir & IDL_IN) && !idl_is_variable(param->type))
			gen_encode(g, "\t", client_expr(g, param, IDL_IN), param->type);
	}
	gen_var_lengths_encode(g, op, IDL_IN, 0);
	if (in_regs)
		emit_reg_bytes_encode(g, op);
	else
		gen_var_data_encode(g, op, IDL_IN, 0);
	fprintf(g->out, "\tidl_mr[0] = L4_TAG(%s_OP_%s, idl_w - 1);\n", up, gen_upper(g, op->name));
	fprintf(g->out, "\tidl_mr[1] = IDLRT_HEADER(%s_IFACE_ID, %s_IFACE_VERSION);\n", up, up);
	if (oneway) {
		fprintf(g->out, "\treturn idlrt_send(idl_dest);\n}\n\n");
		return;
	}
	fprintf(g->out, "\tint idl_err = %s;\n\tif (idl_err < 0)\n\t\treturn idl_err;\n",
		in_regs ? "idlrt_call_regs(idl_dest, idl_mr)" : "idlrt_call(idl_dest)");
	int has_out = 0;
	for (const struct idl_member *param = op->members; param; param = param->next)
		has_out |= param->dir & IDL_OUT;
	/* A reply of the result alone, the usual one, is one test; an error
	 * result may have words after it, any other reply is malformed. */
	if (!has_out) {
		fprintf(g->out, "\tint idl_result = (int32_t)idl_mr[1];\n");
		fprintf(g->out, "\tif (L4_TAG_WORDS(idl_mr[0]) == 1 || (L4_TAG_WORDS(idl_mr[0]) > 1 && idl_result < 0))\n"
			"\t\treturn idl_result;\n\treturn -EBADMSG;\n}\n\n");
		return;
	}
	uint32_t fixed = (uint32_t)idl_op_words(op, IDL_OUT, 0);
	int exact = gen_op_fixed_length(op, IDL_OUT);
	/* With the reply in registers every word may be read, so a reply too
	 * short for its fixed part is left to the last test of its length
	 * (which needs at least that many words) where nothing in between
	 * could answer otherwise: a success is tested once. */
	if (in_regs) {
		fprintf(g->out, "\tint idl_result = (int32_t)idl_mr[1];\n\tif (idl_result < 0)\n"
			"\t\treturn L4_TAG_WORDS(idl_mr[0]) >= 1 ? idl_result : -EBADMSG;\n");
	} else {
		fprintf(g->out, "\tif (L4_TAG_WORDS(idl_mr[0]) < 1)\n\t\treturn -EBADMSG;\n");
		fprintf(g->out, "\tint idl_result = (int32_t)idl_mr[1];\n\tif (idl_result < 0)\n\t\treturn idl_result;\n");
	}
	if (exact) {
		fprintf(g->out, "\tif (L4_TAG_WORDS(idl_mr[0]) != %u)\n\t\tgoto idl_bad;\n\tidl_w = 2;\n", fixed);
	} else {
		if (!in_regs || gen_op_has_sequence(op, IDL_OUT))	/* a count past its bound is EMSGSIZE */
			fprintf(g->out, "\tif (L4_TAG_WORDS(idl_mr[0]) < %u)\n\t\treturn -EBADMSG;\n", fixed);
		fprintf(g->out, "\tidl_w = 2;\n\tunsigned idl_need = %u;\n", fixed);
	}
	if (gen_op_needs_temp(op, IDL_OUT))
		fprintf(g->out, "\tuint32_t idl_v;\n");
	for (const struct idl_member *param = op->members; param; param = param->next)
		if (param->dir == IDL_OUT && idl_base_type(param->type)->kind == IDL_T_STRING)
			fprintf(g->out, "\tuint32_t idl_len_%s;\n", param->name);
	for (const struct idl_member *param = op->members; param; param = param->next) {
		if ((param->dir & IDL_OUT) && idl_is_bulk(param->type))
			fprintf(g->out, "\tuint32_t idl_used_%s = idl_mr[idl_w++];\n\tif (idl_used_%s > *%s_len)\n"
				"\t\tgoto idl_bad;\n", param->name, param->name, param->name);
		else if ((param->dir & IDL_OUT) && idl_base_type(param->type)->kind == IDL_T_SEQUENCE)
			gen_seq_decode(g, "\t", param->name, idl_printf(g->prog, "(*%s_count)", param->name),
				       idl_base_type(param->type), "idl_bad");
		else if ((param->dir & IDL_OUT) && !idl_is_variable(param->type))
			gen_decode(g, "\t", client_expr(g, param, IDL_OUT), param->type, "idl_bad");
	}
	emit_out_lengths(g, op);
	if (!exact)
		fprintf(g->out, "\tif (L4_TAG_WORDS(idl_mr[0]) != idl_need)\n\t\tgoto idl_bad;\n");
	if (in_regs)
		emit_reg_bytes_decode(g, op);
	else
		gen_var_data_decode(g, op, IDL_OUT, 0, "idl_bad");
	for (const struct idl_member *param = op->members; param; param = param->next)
		if ((param->dir & IDL_OUT) && idl_is_bulk(param->type))
			fprintf(g->out, "\tif (idl_used_%s != 0 && (idl_bulk_err = idlrt_bulk_copy(%s, idl_bulk + idl_off_%s, "
				"idl_used_%s)) < 0)\n\t\treturn idl_bulk_err;\n\t*%s_len = idl_used_%s;\n", param->name,
				param->name, param->name, param->name, param->name, param->name);
	fprintf(g->out, "\treturn idl_result;\n");
	if (gen_op_has_sequence(op, IDL_OUT))
		fprintf(g->out, "idl_too_long:\n\treturn -EMSGSIZE;\n");
	fprintf(g->out, "idl_bad:\n\treturn -EBADMSG;\n}\n\n");
}

void gen_client(struct gen *g)
{
	gen_banner(g, "Client stubs");
	fprintf(g->out, "#include <errno.h>\n#include <string.h>\n#include \"%s.h\"\n\n", g->file->base);
	fprintf(g->out, "/* Where byte i of a string or buffer sits in its message word: the words\n"
		" * hold the bytes as they lie in memory. */\n"
		"#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__\n#define IDL_BYTE_SHIFT(i) (24 - 8 * ((i) %% 4))\n"
		"#else\n#define IDL_BYTE_SHIFT(i) (8 * ((i) %% 4))\n#endif\n\n");
	for (struct idl_decl *iface = g->file->decls; iface; iface = iface->next) {
		if (iface->kind != IDL_D_INTERFACE)
			continue;
		for (struct idl_decl *op = iface->body; op; op = op->next)
			if (op->kind == IDL_D_OPERATION)
				emit_stub(g, iface, op);
	}
}

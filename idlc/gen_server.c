/* gen_server.c - writes BASE_server.h/.c: handler prototypes, validating dispatch, reply encoders. */
#include <stdbool.h>
#include <string.h>
#include "gen_server.h"
#include "arena.h"
#include "wire.h"

/* The out params as a reply function takes them (by value, like ins). */
static char *reply_params(struct gen *g, const struct idl_decl *op, const char *first)
{
	char *list = idl_printf(g->prog, "%s, int idl_result", first);
	for (const struct idl_member *param = op->members; param; param = param->next) {
		if (!(param->dir & IDL_OUT))
			continue;
		struct idl_member as_in = *param;
		as_in.dir = IDL_IN;
		struct idl_decl one = *op;
		one.members = &as_in;
		as_in.next = NULL;
		one.op_flags = 0;
		char *single = gen_params(g, &one, 0);
		list = idl_printf(g->prog, "%s%s", list, strchr(single, ','));
	}
	return list;
}

/* A deferred operation's one out bulk buffer (checker.c allows no more), or NULL. */
static const struct idl_member *out_bulk_of(const struct idl_decl *op)
{
	for (const struct idl_member *param = op->members; param; param = param->next)
		if (param->dir == IDL_OUT && idl_is_bulk(param->type))
			return param;
	return NULL;
}

/* Whether the interface has an operation with a deferred reply: it gets the timed loop too. */
static int iface_has_deferred(const struct idl_decl *iface)
{
	for (const struct idl_decl *op = iface->body; op; op = op->next)
		if (op->kind == IDL_D_OPERATION && (op->op_flags & IDL_OP_DEFERRED))
			return 1;
	return 0;
}

void gen_server_header(struct gen *g)
{
	const char *guard = gen_upper(g, g->file->base);
	gen_banner(g, "Server handlers and dispatch");
	fprintf(g->out, "#ifndef IDL_%s_SERVER_H\n#define IDL_%s_SERVER_H\n\n#include \"%s.h\"\n\n", guard, guard,
		g->file->base);
	for (struct idl_decl *iface = g->file->decls; iface; iface = iface->next) {
		if (iface->kind != IDL_D_INTERFACE)
			continue;
		for (struct idl_decl *op = iface->body; op; op = op->next) {
			if (op->kind != IDL_D_OPERATION)
				continue;
			gen_doc_open(g, op);
			if (op->op_flags & IDL_OP_DEFERRED)
				fprintf(g->out, " * Handler. Deferred: return IDLRT_DEFERRED to answer later with %s_%s_reply().\n */\n",
					iface->name, op->name);
			else
				fprintf(g->out, " * Handler, written by the server: returns the result (>= 0) or -errno.\n */\n");
			fprintf(g->out, "int %s_handle_%s(%s);\n\n", iface->name, op->name, gen_params(g, op, 1));
			if (op->op_flags & IDL_OP_DEFERRED)
				fprintf(g->out, "/* Sends the deferred reply of %s to the client the token names. */\n"
					"int %s_%s_reply(%s);\n\n", op->name, iface->name, op->name,
					reply_params(g, op, "idlrt_token_t idl_token"));
		}
		fprintf(g->out, "/* Validates one request in idl_rq->mr, runs its handler and leaves the reply\n"
			" * there: returns IDLRT_SEND_REPLY or IDLRT_NO_REPLY. */\n");
		fprintf(g->out, "int %s_dispatch(struct idlrt_request *idl_rq);\n\n", iface->name);
		fprintf(g->out, "#ifdef __arm__\n/* The interface's own receive loop (idlrt_serve's, with the dispatch\n"
			" * inlined): a request with this interface's header and a known operation\n"
			" * goes straight to it, anything else (another version, another interface,\n"
			" * a kernel message) to idl_others, which may be %s_dispatch. */\n", iface->name);
		fprintf(g->out, "void %s_serve(idlrt_dispatch_fn idl_others, int idl_trace) __attribute__((noreturn));\n",
			iface->name);
		if (iface_has_deferred(iface))
			fprintf(g->out, "/* The same loop as idlrt_serve_timed's (idlrt/serve.h): a receive timeout\n"
				" * while *timer_armed, and the first deferred reply held for the next\n"
				" * receive's send half. */\n"
				"void %s_serve_timed(idlrt_dispatch_fn idl_others, uint16_t (*idl_receive_timeout)(void),\n"
				"\t\tconst volatile uint32_t *idl_timer_armed, int idl_trace) __attribute__((noreturn));\n",
				iface->name);
		fprintf(g->out, "#endif\n\n");
	}
	fprintf(g->out, "#endif\n");
}

/* The flag set a type names, through typedefs, or NULL. */
static const struct idl_decl *flag_set_of(const struct idl_type *type)
{
	while (type->kind == IDL_T_NAMED && type->decl->kind == IDL_D_TYPEDEF)
		type = type->decl->type;
	return type->kind == IDL_T_NAMED && type->decl->kind == IDL_D_FLAGS ? type->decl : NULL;
}

static void emit_trace_value(struct gen *g, const char *in, const char *expr, const struct idl_type *type,
			     const char *len)
{
	const struct idl_type *base = idl_base_type(type);
	const struct idl_decl *flags = flag_set_of(type);
	FILE *out = g->out;
	if (flags) {
		fprintf(out, "%s{\n%s\tchar idl_names[IDLRT_TB_SIZE];\n", in, in);
		fprintf(out, "%s\t%s_format(%s, idl_names, sizeof(idl_names));\n", in, gen_decl_name(g, flags), expr);
		fprintf(out, "%s\tidlrt_tb_puts(&idl_tb, idl_names);\n%s}\n", in, in);
		return;
	}
	switch (base->kind) {
	case IDL_T_INT:
		fprintf(out, "%sidlrt_tb_%s(&idl_tb, %s);\n", in,
			base->octal ? "octal" : base->is_signed ? "int" : "uint", expr);
		break;
	case IDL_T_BOOL:
		fprintf(out, "%sidlrt_tb_puts(&idl_tb, %s ? \"true\" : \"false\");\n", in, expr);
		break;
	case IDL_T_UINTPTR:
		fprintf(out, "%sidlrt_tb_hex(&idl_tb, %s);\n", in, expr);
		break;
	case IDL_T_STRING:
		fprintf(out, "%sidlrt_tb_string(&idl_tb, %s);\n", in, expr);
		break;
	case IDL_T_BUFFER:
		fprintf(out, "%sidlrt_tb_bytes(&idl_tb, %s, %s);\n", in, expr, len);
		break;
	case IDL_T_ARRAY:
		if (idl_base_type(base->elem)->kind == IDL_T_INT && idl_base_type(base->elem)->bits == 8) {
			fprintf(out, "%sidlrt_tb_bytes(&idl_tb, %s, %lld);\n", in, expr, (long long)base->bound.num);
			break;
		}
		fprintf(out, "%sidlrt_tb_puts(&idl_tb, \"[\");\n", in);
		int depth = g->depth++;
		fprintf(out, "%sfor (unsigned idl_i%d = 0; idl_i%d < %lld; idl_i%d++) {\n", in, depth, depth,
			(long long)base->bound.num, depth);
		fprintf(out, "%s\tif (idl_i%d)\n%s\t\tidlrt_tb_puts(&idl_tb, \", \");\n", in, depth, in);
		emit_trace_value(g, idl_printf(g->prog, "%s\t", in), idl_printf(g->prog, "%s[idl_i%d]", expr, depth),
				 base->elem, NULL);
		fprintf(out, "%s}\n%sidlrt_tb_puts(&idl_tb, \"]\");\n", in, in);
		g->depth--;
		break;
	case IDL_T_SEQUENCE: {
		int depth = g->depth++;
		fprintf(out, "%sidlrt_tb_puts(&idl_tb, \"[\");\n", in);
		fprintf(out, "%sfor (unsigned idl_i%d = 0; idl_i%d < %s_count && idl_i%d <= %u; idl_i%d++) {\n", in, depth,
			depth, expr, depth, gen_bound(base) - 1, depth);
		fprintf(out, "%s\tif (idl_i%d)\n%s\t\tidlrt_tb_puts(&idl_tb, \", \");\n", in, depth, in);
		emit_trace_value(g, idl_printf(g->prog, "%s\t", in), idl_printf(g->prog, "%s[idl_i%d]", expr, depth),
				 base->elem, NULL);
		fprintf(out, "%s}\n%sidlrt_tb_puts(&idl_tb, \"]\");\n", in, in);
		g->depth--;
		break;
	}
	case IDL_T_NAMED:
		if (base->decl->kind == IDL_D_ENUM) {
			fprintf(out, "%sidlrt_tb_enum(&idl_tb, %s_name(%s), %s);\n", in,
				gen_decl_name(g, base->decl) + strlen("enum "), expr, expr);
			break;
		}
		fprintf(out, "%sidlrt_tb_puts(&idl_tb, \"{\");\n", in);
		for (const struct idl_member *field = base->decl->members; field; field = field->next) {
			fprintf(out, "%sidlrt_tb_field(&idl_tb, \"%s\", %d);\n", in, field->name,
				field == base->decl->members);
			emit_trace_value(g, in, idl_printf(g->prog, "%s.%s", expr, field->name), field->type,
					 idl_printf(g->prog, "%s.%s_len", expr, field->name));
		}
		fprintf(out, "%sidlrt_tb_puts(&idl_tb, \"}\");\n", in);
		break;
	}
}

/* Traces params of direction dir; reply functions see structs through pointers. */
static void emit_trace_params(struct gen *g, const struct idl_decl *op, int dir, int by_pointer, const char *in)
{
	int first = 1;
	for (const struct idl_member *param = op->members; param; param = param->next) {
		if (!(param->dir & dir))
			continue;
		fprintf(g->out, "%sidlrt_tb_field(&idl_tb, \"%s\", %d);\n", in, param->name, first);
		first = 0;
		const char *expr = by_pointer && gen_is_struct(param->type)
					   ? idl_printf(g->prog, "(*%s)", param->name) : param->name;
		emit_trace_value(g, in, expr, param->type, idl_printf(g->prog, "%s_len", param->name));
	}
}

static int op_inline_in_loop(const struct gen *g, const struct idl_decl *op);

static void emit_encoder(struct gen *g, const struct idl_decl *iface, const struct idl_decl *op)
{
	/* A small operation's encoder is inlined where its reply is made (the
	 * receive loop, the deferred reply): a few stores, no call. */
	fprintf(g->out, "static %sint %s_encode_%s(%s)\n{\n",
		op_inline_in_loop(g, op) ? "inline __attribute__((always_inline)) " : "", iface->name, op->name,
		reply_params(g, op, "uint32_t *idl_mr"));
	for (const struct idl_member *param = op->members; param; param = param->next) {
		const struct idl_type *base = idl_base_type(param->type);
		if (!(param->dir & IDL_OUT))
			continue;
		if (base->kind == IDL_T_STRING)
			fprintf(g->out, "\tsize_t idl_len_%s = strnlen(%s, %u);\n\tif (idl_result >= 0 && idl_len_%s > %u)\n"
				"\t\tidl_result = -EMSGSIZE;\n", param->name, param->name, gen_bound(base) + 1,
				param->name, gen_bound(base));
		else if (base->kind == IDL_T_BUFFER)
			fprintf(g->out, "\tif (idl_result >= 0 && %s_len > %u)\n\t\tidl_result = -EMSGSIZE;\n",
				param->name, gen_bound(base));
		else if (base->kind == IDL_T_SEQUENCE)
			fprintf(g->out, "\tif (idl_result >= 0 && %s_count > %u)\n\t\tidl_result = -EMSGSIZE;\n",
				param->name, gen_bound(base));
		/* The handler wrote a bulk buffer's bytes in place: only its length travels. */
		if (base->bulk)
			fprintf(g->out, "\t(void)%s;\n", param->name);
	}
	fprintf(g->out, "\tif (idl_result < 0) {\n\t\tidl_mr[0] = L4_TAG(0, 1);\n"
		"\t\tidl_mr[1] = (uint32_t)idl_result;\n\t\treturn IDLRT_SEND_REPLY;\n\t}\n");
	fprintf(g->out, "\tunsigned idl_w = 2;\n");
	for (const struct idl_member *param = op->members; param; param = param->next) {
		if ((param->dir & IDL_OUT) && idl_is_bulk(param->type))
			fprintf(g->out, "\tidl_mr[idl_w++] = %s_len;\n", param->name);
		else if ((param->dir & IDL_OUT) && !idl_is_variable(param->type))
			gen_encode(g, "\t", gen_is_struct(param->type) ? idl_printf(g->prog, "(*%s)", param->name)
								      : param->name, param->type);
	}
	gen_var_lengths_encode(g, op, IDL_OUT, 1);
	gen_var_data_encode(g, op, IDL_OUT, 1);
	fprintf(g->out, "\tidl_mr[0] = L4_TAG(0, idl_w - 1);\n\tidl_mr[1] = (uint32_t)idl_result;\n"
		"\treturn IDLRT_SEND_REPLY;\n}\n\n");
}

static void emit_deferred_reply(struct gen *g, const struct idl_decl *iface, const struct idl_decl *op)
{
	fprintf(g->out, "int %s_%s_reply(%s)\n{\n", iface->name, op->name,
		reply_params(g, op, "idlrt_token_t idl_token"));
	const struct idl_member *out = out_bulk_of(op);
	if (out) {
		/* The bytes go where the dispatch resolved the buffer, unless they are there already. */
		fprintf(g->out, "\tif (idl_result >= 0 && %s_len > idl_token.bulk_capacity)\n\t\tidl_result = -EMSGSIZE;\n",
			out->name);
		fprintf(g->out, "\telse if (idl_result >= 0 && %s_len != 0 && %s != idl_token.bulk_at)\n"
			"\t\tmemmove(idl_token.bulk_at, %s, %s_len);\n", out->name, out->name, out->name, out->name);
	}
	fprintf(g->out, "\tuint32_t *idl_mr = idlrt_deferred_begin(idl_token);\n\t%s_encode_%s(idl_mr, idl_result",
		iface->name, op->name);
	for (const struct idl_member *param = op->members; param; param = param->next)
		if (param->dir & IDL_OUT)
			fprintf(g->out, idl_base_type(param->type)->kind == IDL_T_BUFFER ? ", %s, %s_len"
					: idl_base_type(param->type)->kind == IDL_T_SEQUENCE ? ", %s, %s_count" : ", %s",
				param->name, param->name);
	fprintf(g->out, ");\n");
	if (g->trace) {
		fprintf(g->out, "\tif (idl_token.trace) {\n\t\tstruct idlrt_tb idl_tb;\n");
		fprintf(g->out, "\t\tidlrt_tb_begin(&idl_tb, idl_token.client, \"%s\", \"%s\", 1);\n", iface->name, op->name);
		fprintf(g->out, "\t\tidlrt_tb_result(&idl_tb, (int32_t)idl_mr[1]);\n\t\tif ((int32_t)idl_mr[1] >= 0) {\n");
		emit_trace_params(g, op, IDL_OUT, 1, "\t\t\t");
		fprintf(g->out, "\t\t}\n\t\tidlrt_tb_end(&idl_tb);\n\t}\n");
	}
	fprintf(g->out, "\treturn idlrt_deferred_send(idl_token);\n}\n\n");
}

static void emit_locals(struct gen *g, const struct idl_decl *op)
{
	for (const struct idl_member *param = op->members; param; param = param->next) {
		const struct idl_type *base = idl_base_type(param->type);
		if (base->bulk) {
			fprintf(g->out, "\tuint32_t idl_off_%s = 0;\n", param->name);
			if (base->kind == IDL_T_BUFFER) {
				fprintf(g->out, "\t%suint8_t *%s = NULL;\n\tuint32_t %s_len = 0;\n",
					param->dir == IDL_IN ? "const " : "", param->name, param->name);
				continue;
			}
		}
		if (base->kind == IDL_T_SEQUENCE)
			fprintf(g->out, "\t%s %s[%u]%s;\n\tuint32_t %s_count = 0;\n", gen_ctype(g, base->elem), param->name,
				gen_bound(base), param->dir == IDL_IN ? "" : " = { 0 }", param->name);
		else if (base->kind == IDL_T_STRING)
			fprintf(g->out, "\tchar %s[%u];\n\t%s[0] = '\\0';\n%s%s%s", param->name, gen_bound(base) + 1,
				param->name, param->dir & IDL_IN ? "\tuint32_t idl_len_" : "",
				param->dir & IDL_IN ? param->name : "", param->dir & IDL_IN ? " = 0;\n" : "");
		else if (base->kind == IDL_T_BUFFER)
			fprintf(g->out, "\tuint8_t %s[%u];\n\tuint32_t %s_len = 0;\n", param->name, gen_bound(base),
				param->name);
		/* A required in-only aggregate is filled whole by the decode before any use. */
		else if ((gen_is_struct(param->type) || gen_is_array(param->type)) && param->dir == IDL_IN &&
			 !param->optional && !idl_is_extensible(param->type))
			fprintf(g->out, "\t%s;\n", gen_cdecl(g, param->type, param->name, 0));
		/* An initialiser, not memset: the target build is freestanding, so GCC
		 * would call memset out of line even for one word. */
		else if (gen_is_struct(param->type) || gen_is_array(param->type))
			fprintf(g->out, "\t%s = { 0 };\n", gen_cdecl(g, param->type, param->name, 0));
		else
			fprintf(g->out, "\t%s = 0;\n", gen_cdecl(g, param->type, param->name, 0));
	}
}

static void emit_in_lengths(struct gen *g, const struct idl_decl *op)
{
	for (const struct idl_member *param = op->members; param; param = param->next) {
		const struct idl_type *base = idl_base_type(param->type);
		if (!(param->dir & IDL_IN) || !idl_in_message(base))
			continue;
		const char *len = base->kind == IDL_T_STRING ? idl_printf(g->prog, "idl_len_%s", param->name)
							     : idl_printf(g->prog, "%s_len", param->name);
		fprintf(g->out, "\t%s = idl_mr[idl_w++];\n\tif (%s > %u)\n\t\tgoto idl_bad;\n", len, len, gen_bound(base));
		fprintf(g->out, "\tidl_need += (%s + 3) / 4;\n", len);
	}
}

/* The token of a deferred operation with an out bulk buffer remembers where
 * the dispatch resolved it and its capacity, for a reply sent later. */
static void emit_deferred_token(struct gen *g, const struct idl_decl *op)
{
	const struct idl_member *out = out_bulk_of(op);
	if (!(op->op_flags & IDL_OP_DEFERRED) || !out)
		return;
	fprintf(g->out, "\tidlrt_token_t idl_token = idlrt_token(idl_rq);\n");
	fprintf(g->out, "\tidl_token.bulk_at = %s;\n\tidl_token.bulk_capacity = idl_cap_%s;\n", out->name, out->name);
}

static void emit_handler_call(struct gen *g, const struct idl_decl *iface, const struct idl_decl *op)
{
	fprintf(g->out, "\tint idl_result = %s_handle_%s(idl_rq", iface->name, op->name);
	if (op->op_flags & IDL_OP_DEFERRED)
		fprintf(g->out, out_bulk_of(op) ? ", idl_token" : ", idlrt_token(idl_rq)");
	for (const struct idl_member *param = op->members; param; param = param->next) {
		const struct idl_type *base = idl_base_type(param->type);
		int by_ref = (param->dir & IDL_OUT) || gen_is_struct(param->type);
		if (base->kind == IDL_T_BUFFER)
			fprintf(g->out, ", %s, %s%s_len", param->name, param->dir == IDL_IN ? "" : "&", param->name);
		else if (base->kind == IDL_T_SEQUENCE)
			fprintf(g->out, ", %s, %s%s_count", param->name, param->dir == IDL_IN ? "" : "&", param->name);
		else if (base->kind == IDL_T_STRING || base->kind == IDL_T_ARRAY || !by_ref)
			fprintf(g->out, ", %s", param->name);
		else
			fprintf(g->out, ", &%s", param->name);
	}
	fprintf(g->out, ");\n");
}

/* Requests of older clients end before the optional parameters their version
 * did not have: each one present is decoded, the rest stay 0. */
static void emit_optional_decode(struct gen *g, const struct idl_decl *op, uint32_t words)
{
	for (const struct idl_member *param = op->members; param; param = param->next) {
		if (!param->optional)
			continue;
		words += idl_type_words(param->type);
		fprintf(g->out, "\tif (L4_TAG_WORDS(idl_tag) >= %u) {\n", words);
		gen_decode(g, "\t\t", param->name, param->type, "idl_bad");
		fprintf(g->out, "\t\tidl_need = %u;\n\t}\n", words);
	}
}

/* The optional fields' words of op's struct with optional fields, if any. */
static uint32_t optional_field_words(const struct idl_decl *op)
{
	uint32_t words = 0;
	for (const struct idl_member *param = op->members; param; param = param->next) {
		if (!idl_is_extensible(param->type))
			continue;
		for (const struct idl_member *field = idl_base_type(param->type)->decl->members; field;
		     field = field->next)
			if (field->optional)
				words += idl_type_words(field->type);
	}
	return words;
}

/* The struct with optional fields ends the request: an older client's stops
 * before the fields its version did not have, which stay 0. */
static void emit_extensible_decode(struct gen *g, const struct idl_member *param, uint32_t words)
{
	for (const struct idl_member *field = idl_base_type(param->type)->decl->members; field; field = field->next) {
		const char *expr = idl_printf(g->prog, "%s.%s", param->name, field->name);
		if (!field->optional) {
			gen_decode(g, "\t", expr, field->type, "idl_bad");
			continue;
		}
		words += idl_type_words(field->type);
		fprintf(g->out, "\tif (L4_TAG_WORDS(idl_tag) >= %u) {\n", words);
		gen_decode(g, "\t\t", expr, field->type, "idl_bad");
		fprintf(g->out, "\t\tidl_need = %u;\n\t}\n", words);
	}
}

static int op_has_in_params(const struct idl_decl *op)
{
	for (const struct idl_member *param = op->members; param; param = param->next)
		if ((param->dir & IDL_IN) || idl_is_bulk(param->type))
			return 1;
	return 0;
}

/* A bulk parameter's (offset, length) words; the length is checked against the
 * bound here, and the range against the server's record in emit_bulk_resolve. */
static void emit_bulk_decode(struct gen *g, const struct idl_member *param)
{
	const struct idl_type *base = idl_base_type(param->type);
	const char *len = base->kind == IDL_T_STRING ? idl_printf(g->prog, "idl_len_%s", param->name)
						     : idl_printf(g->prog, "%s_len", param->name);
	fprintf(g->out, "\tidl_off_%s = idl_mr[idl_w++];\n\t%s = idl_mr[idl_w++];\n", param->name, len);
	fprintf(g->out, "\tif (%s > %u)\n\t\tgoto idl_bad;\n", len, gen_bound(base));
	if (param->dir == IDL_OUT)
		fprintf(g->out, "\tuint32_t idl_cap_%s = %s_len;\n", param->name, param->name);
}

/* Once the request is well formed: each bulk range must lie inside the buffer
 * the server holds for this client (idlrt_bulk_at answers -EFAULT otherwise),
 * before any handler runs. Strings are copied out and NUL-terminated, so a
 * client rewriting its buffer meanwhile cannot unterminate them. */
static void emit_bulk_resolve(struct gen *g, const struct idl_decl *op)
{
	int first = 1;
	for (const struct idl_member *param = op->members; param; param = param->next) {
		const struct idl_type *base = idl_base_type(param->type);
		if (!base->bulk)
			continue;
		if (first)
			fprintf(g->out, "\tvoid *idl_at;\n\tint idl_bulk_err;\n");
		first = 0;
		const char *len = base->kind == IDL_T_STRING ? idl_printf(g->prog, "idl_len_%s", param->name)
							     : idl_printf(g->prog, "%s_len", param->name);
		fprintf(g->out, "\tidl_bulk_err = idlrt_bulk_at(idl_rq, idl_off_%s, %s, &idl_at);\n", param->name, len);
		fprintf(g->out, "\tif (idl_bulk_err < 0)\n\t\treturn idlrt_reply_error(idl_rq, idl_bulk_err);\n");
		if (base->kind == IDL_T_BUFFER) {
			fprintf(g->out, "\t%s = idl_at;\n", param->name);
			continue;
		}
		fprintf(g->out, "\tmemcpy(%s, idl_at, %s);\n\t%s[%s] = '\\0';\n", param->name, len, param->name, len);
		fprintf(g->out, "\tif (memchr(%s, '\\0', %s))\n\t\tgoto idl_bad;\n", param->name, len);
	}
}

/* Whether the receive loop runs op's decoder, handler call and encoder
 * inline: its request and reply fit the registers (so its locals are a few
 * words), and the build does not trace (a trace line is a large local). The
 * loop has saved every register the IPC clobbers once, so inline the
 * operation pays for no frame of its own. */
static int op_inline_in_loop(const struct gen *g, const struct idl_decl *op)
{
	return !g->trace && idl_op_words(op, IDL_IN, 1) < IDL_REG_WORDS &&
	       idl_op_words(op, IDL_OUT, 1) < IDL_REG_WORDS;
}

/* The operation's decoder, handler call and encoder: the function the
 * dispatch calls, or (op_inline_in_loop) the inline body the receive loop
 * runs with the message registers' address and the tag it holds anyway. */
static void emit_op_body(struct gen *g, const struct idl_decl *iface, const struct idl_decl *op)
{
	int oneway = op->op_flags & IDL_OP_ONEWAY;
	if (op_inline_in_loop(g, op)) {
		fprintf(g->out, "static inline __attribute__((always_inline)) int %s_run_%s(struct idlrt_request *idl_rq, "
			"uint32_t *idl_mr, uint32_t idl_tag)\n{\n", iface->name, op->name);
		/* A oneway operation without parameters reads no word past the tag. */
		if (oneway && !op_has_in_params(op))
			fprintf(g->out, "\t(void)idl_mr;\n");
	} else {
		/* Not inlined: the dispatch reaches it by a sibling call, so a request
		 * pays for its own operation's frame, not for the largest one's. */
		fprintf(g->out, "static int __attribute__((noinline)) %s_do_%s(struct idlrt_request *idl_rq)\n{\n",
			iface->name, op->name);
		fprintf(g->out, "\tuint32_t *idl_mr = idl_rq->mr, idl_tag = idl_mr[0];\n");
	}
	if (op_has_in_params(op))	/* the decoders advance idl_w */
		fprintf(g->out, "\tunsigned idl_w = 2;\n");
	if (gen_op_needs_temp(op, IDL_IN))
		fprintf(g->out, "\tuint32_t idl_v;\n");
	emit_locals(g, op);
	uint32_t fixed = (uint32_t)idl_op_words(op, IDL_IN, 0);
	for (const struct idl_member *param = op->members; param; param = param->next)
		if (param->optional)
			fixed -= idl_type_words(param->type);
	fixed -= optional_field_words(op);
	int exact = gen_op_fixed_length(op, IDL_IN);
	if (exact) {
		fprintf(g->out, "\tif (L4_TAG_WORDS(idl_tag) != %u)\n\t\tgoto idl_bad;\n", fixed);
	} else {
		fprintf(g->out, "\tif (L4_TAG_WORDS(idl_tag) < %u)\n\t\tgoto idl_bad;\n", fixed);
		fprintf(g->out, "\tunsigned idl_need = %u;\n", fixed);
	}
	for (const struct idl_member *param = op->members; param; param = param->next) {
		if (idl_is_bulk(param->type))
			emit_bulk_decode(g, param);
		else if (idl_is_extensible(param->type))
			emit_extensible_decode(g, param, fixed);
		else if ((param->dir & IDL_IN) && !idl_is_variable(param->type) && !param->optional)
			gen_decode(g, "\t", param->name, param->type, "idl_bad");
	}
	emit_optional_decode(g, op, fixed);
	emit_in_lengths(g, op);
	if (!exact)
		fprintf(g->out, "\tif (L4_TAG_WORDS(idl_tag) != idl_need)\n\t\tgoto idl_bad;\n");
	gen_var_data_decode(g, op, IDL_IN, 1, "idl_bad");
	emit_bulk_resolve(g, op);
	if (g->trace) {
		fprintf(g->out, "\tstruct idlrt_tb idl_tb;\n\tif (idl_rq->trace) {\n");
		fprintf(g->out, "\t\tidlrt_tb_begin(&idl_tb, idl_rq->client, \"%s\", \"%s\", 0);\n", iface->name, op->name);
		emit_trace_params(g, op, IDL_IN, 0, "\t\t");
		fprintf(g->out, "\t\tidlrt_tb_close(&idl_tb);\n\t}\n");
	}
	emit_deferred_token(g, op);
	emit_handler_call(g, iface, op);
	for (const struct idl_member *param = op->members; param; param = param->next)
		if ((param->dir & IDL_OUT) && idl_is_bulk(param->type))
			fprintf(g->out, "\tif (idl_result >= 0 && %s_len > idl_cap_%s)\n\t\tidl_result = -EMSGSIZE;\n",
				param->name, param->name);
	if (oneway) {
		if (g->trace)
			fprintf(g->out, "\tif (idl_rq->trace)\n\t\tidlrt_tb_end(&idl_tb);\n");
		fprintf(g->out, "\t(void)idl_result;\n\treturn IDLRT_NO_REPLY;\n%sidl_bad:\n\treturn IDLRT_NO_REPLY;\n}\n\n",
			gen_op_has_sequence(op, IDL_IN) ? "idl_too_long:\n" : "");
		return;
	}
	if (op->op_flags & IDL_OP_DEFERRED) {
		fprintf(g->out, "\tif (idl_result == IDLRT_DEFERRED) {\n");
		if (g->trace)
			fprintf(g->out, "\t\tif (idl_rq->trace) {\n\t\t\tidlrt_tb_result(&idl_tb, idl_result);\n"
				"\t\t\tidlrt_tb_end(&idl_tb);\n\t\t}\n");
		fprintf(g->out, "\t\treturn IDLRT_NO_REPLY;\n\t}\n");
	}
	fprintf(g->out, "\tint idl_disposition = %s_encode_%s(idl_mr, idl_result", iface->name, op->name);
	for (const struct idl_member *param = op->members; param; param = param->next) {
		if (!(param->dir & IDL_OUT))
			continue;
		if (idl_base_type(param->type)->kind == IDL_T_BUFFER)
			fprintf(g->out, ", %s, %s_len", param->name, param->name);
		else if (idl_base_type(param->type)->kind == IDL_T_SEQUENCE)
			fprintf(g->out, ", %s, %s_count", param->name, param->name);
		else
			fprintf(g->out, gen_is_struct(param->type) ? ", &%s" : ", %s", param->name);
	}
	fprintf(g->out, ");\n");
	if (g->trace) {
		/* After encoding: the reply's result, and outs the encoder accepted. */
		fprintf(g->out, "\tif (idl_rq->trace) {\n\t\tidlrt_tb_result(&idl_tb, (int32_t)idl_mr[1]);\n"
			"\t\tif ((int32_t)idl_mr[1] >= 0) {\n");
		emit_trace_params(g, op, IDL_OUT, 0, "\t\t\t");
		fprintf(g->out, "\t\t}\n\t\tidlrt_tb_end(&idl_tb);\n\t}\n");
	}
	fprintf(g->out, "\treturn idl_disposition;\n");
	if (gen_op_has_sequence(op, IDL_IN))
		fprintf(g->out, "idl_too_long:\n\treturn idlrt_reply_error(idl_rq, -EMSGSIZE);\n");
	fprintf(g->out, "idl_bad:\n\treturn idlrt_reply_error(idl_rq, -EBADMSG);\n}\n\n");
}

/* Operation numbers are hashes of the names spread over 16 bits, so a switch
 * on them compiles to a tree of compares (about four instructions a level,
 * six levels for sixty operations). The dispatch switches on a slot instead
 * (the receive loop keeps the tree: its few inline operations, mm0's getpid
 * among them, are found as fast in it as through the slot's multiply),
 * (number * multiplier) >> (32 - bits), which differs for every operation
 * of the interface and is dense enough for a jump table; each case then
 * checks the number itself. A multiplier is searched for from the fewest
 * bits that can hold the operations up to SLOT_EXTRA_BITS more; bits 0
 * (none found, or no operations) keeps the switch on the number. */
#define SLOT_EXTRA_BITS	3u
#define SLOT_TRIES	(1u << 16)
#define SLOT_MAX_BITS	12u

struct op_slots {
	uint32_t multiplier;
	unsigned bits;
};

static uint32_t op_slot(struct op_slots slots, uint32_t opnum)
{
	return (uint32_t)(opnum * slots.multiplier) >> (32u - slots.bits);
}

static bool slots_distinct(const struct idl_decl *iface, struct op_slots slots)
{
	uint8_t taken[1u << SLOT_MAX_BITS] = { 0 };
	for (const struct idl_decl *op = iface->body; op; op = op->next) {
		if (op->kind != IDL_D_OPERATION)
			continue;
		uint32_t slot = op_slot(slots, op->opnum);
		if (taken[slot])
			return false;
		taken[slot] = 1;
	}
	return true;
}

static struct op_slots find_op_slots(const struct idl_decl *iface)
{
	unsigned count = 0, least = 1;
	for (const struct idl_decl *op = iface->body; op; op = op->next)
		count += op->kind == IDL_D_OPERATION;
	while ((1u << least) < count)
		least++;
	for (unsigned bits = least; count > 0 && bits <= least + SLOT_EXTRA_BITS && bits <= SLOT_MAX_BITS;
	     bits++)
		for (uint32_t try = 0; try < SLOT_TRIES; try++) {
			/* Odd multipliers spread by the golden ratio's fraction. */
			struct op_slots slots = { (try * 2654435769u) | 1u, bits };
			if (slots_distinct(iface, slots))
				return slots;
		}
	return (struct op_slots){ 1u, 0 };
}

/* The switch's head: on the slot, or on the number when no slots were found. */
static void emit_op_switch(FILE *out, const char *indent, const char *opnum, struct op_slots slots)
{
	if (slots.bits)
		fprintf(out, "%sswitch ((uint32_t)(%s * 0x%08xu) >> %u) {\n", indent, opnum, slots.multiplier,
			32u - slots.bits);
	else
		fprintf(out, "%sswitch (%s) {\n", indent, opnum);
}

/* One operation's case: its slot and the check of its number (a request of
 * another number in the same slot goes to `other`), or its number. */
static void emit_op_case(FILE *out, const char *indent, const char *opnum, struct op_slots slots,
			 const char *up, const struct idl_decl *op, const char *op_up, const char *other)
{
	if (slots.bits)
		fprintf(out, "%scase %u:\n%s\tif (%s != %s_OP_%s)\n%s\t\tgoto %s;\n", indent,
			op_slot(slots, op->opnum), indent, opnum, up, op_up, indent, other);
	else
		fprintf(out, "%scase %s_OP_%s:\n", indent, up, op_up);
}

/* The receive loop: the tag and header come back from the IPC in registers,
 * so a request of this interface costs one compare and the operation's
 * switch before its decoder, with no indirect call. A word count short of
 * the header with a stale header that matches still fails: every
 * operation's decoder checks the exact count it needs. The timed loop
 * (X_serve_timed, for an interface with deferred replies) is
 * idlrt_serve_timed's: a receive timeout while *timer_armed, and the first
 * deferred reply held for the next receive's send half (idlrt/serve.h). */
static void emit_serve_loop(struct gen *g, const struct idl_decl *iface, int timed)
{
	const char *up = gen_upper(g, iface->name);
	FILE *out = g->out;
	if (timed)
		fprintf(out, "#ifdef __arm__\nvoid %s_serve_timed(idlrt_dispatch_fn idl_others, "
			"uint16_t (*idl_receive_timeout)(void),\n\t\tconst volatile uint32_t *idl_timer_armed, "
			"int idl_trace)\n{\n", iface->name);
	else
		fprintf(out, "#ifdef __arm__\nvoid %s_serve(idlrt_dispatch_fn idl_others, int idl_trace)\n{\n",
			iface->name);
	fprintf(out, "\tuint32_t *idl_mr = idlrt_mr();\n"
		"\tstruct idlrt_request idl_rq = { .mr = idl_mr, .trace = idl_trace };\n"
		"\tl4_tid_t idl_reply_to = L4_NILTHREAD;\n");
	if (timed)
		fprintf(out, "\tidlrt_hold_deferred();\n");
	fprintf(out, "\tfor (;;) {\n\t\tuint32_t idl_tag, idl_header;\n\t\tint idl_disposition;\n");
	if (timed)
		fprintf(out, "\t\tuint32_t idl_timeouts = idlrt_serve_timeouts(idl_receive_timeout, idl_timer_armed);\n"
			"\t\tidl_reply_to = idlrt_serve_held(idl_reply_to);\n"
			"\t\tif (idlrt_reply_wait_timed(idl_reply_to, idl_timeouts, &idl_rq.client, &idl_tag, "
			"&idl_header) < 0) {\n");
	else
		fprintf(out, "\t\tif (idlrt_reply_wait(idl_reply_to, &idl_rq.client, &idl_tag, &idl_header) < 0) {\n");
	fprintf(out, "\t\t\tidl_reply_to = L4_NILTHREAD;\n\t\t\tcontinue;\n\t\t}\n");
	/* The plain loop switches on the number (mm0's getpid measured cheaper
	 * so), the timed one on the slot, as X_dispatch. */
	struct op_slots slots = timed ? find_op_slots(iface) : (struct op_slots){ 0 };
	fprintf(out, "\t\tif (idl_header != IDLRT_HEADER(%s_IFACE_ID, %s_IFACE_VERSION))\n"
		"\t\t\tidl_disposition = idl_others(&idl_rq);\n\t\telse\n", up, up);
	emit_op_switch(out, "\t\t\t", "L4_TAG_LABEL(idl_tag)", slots);
	for (struct idl_decl *op = iface->body; op; op = op->next)
		if (op->kind == IDL_D_OPERATION) {
			emit_op_case(out, "\t\t\t", "L4_TAG_LABEL(idl_tag)", slots, up, op,
				     gen_upper(g, op->name), "idl_unknown");
			fprintf(out, "\t\t\t\tidl_disposition = %s_%s_%s(&idl_rq%s);\n"
				"\t\t\t\tbreak;\n", iface->name,
				op_inline_in_loop(g, op) ? "run" : "do", op->name,
				op_inline_in_loop(g, op) ? ", idl_mr, idl_tag" : "");
		}
	fprintf(out, "\t\t\tdefault:\n%s\t\t\t\tidl_disposition = idl_others(&idl_rq);\n\t\t\t\tbreak;\n"
		"\t\t\t}\n", slots.bits ? "\t\t\tidl_unknown:\n" : "");
	fprintf(out, "\t\tidl_reply_to = idl_disposition == IDLRT_SEND_REPLY ? idl_rq.client : L4_NILTHREAD;\n"
		"\t}\n}\n#endif\n\n");
}

static void emit_op(struct gen *g, const struct idl_decl *iface, const struct idl_decl *op)
{
	emit_op_body(g, iface, op);
	if (op_inline_in_loop(g, op))
		fprintf(g->out, "static int __attribute__((noinline)) %s_do_%s(struct idlrt_request *idl_rq)\n{\n"
			"\treturn %s_run_%s(idl_rq, idl_rq->mr, idl_rq->mr[0]);\n}\n\n", iface->name, op->name, iface->name, op->name);
}

void gen_server(struct gen *g)
{
	gen_banner(g, "Server dispatch");
	fprintf(g->out, "#include <errno.h>\n#include <string.h>\n#include \"%s_server.h\"\n", g->file->base);
	/* The timed loops' inline parts. */
	fprintf(g->out, "#ifdef __arm__\n#include <idlrt/serve.h>\n#endif\n\n");
	for (struct idl_decl *iface = g->file->decls; iface; iface = iface->next) {
		if (iface->kind != IDL_D_INTERFACE)
			continue;
		const char *up = gen_upper(g, iface->name);
		for (struct idl_decl *op = iface->body; op; op = op->next) {
			if (op->kind != IDL_D_OPERATION)
				continue;
			if (!(op->op_flags & IDL_OP_ONEWAY))
				emit_encoder(g, iface, op);
			if (op->op_flags & IDL_OP_DEFERRED)
				emit_deferred_reply(g, iface, op);
			emit_op(g, iface, op);
		}
		fprintf(g->out, "int %s_dispatch(struct idlrt_request *idl_rq)\n{\n", iface->name);
		fprintf(g->out, "\tint idl_err = idlrt_check_header(idl_rq->mr, %s_IFACE_ID, %s_IFACE_VERSION);\n", up, up);
		if (iface->accepts) {
			/* Off the fast path: only a request of another version gets here. */
			fprintf(g->out, "\tif (idl_err == -EPROTONOSUPPORT) {\n"
				"\t\tswitch (IDLRT_HEADER_VERSION(idl_rq->mr[1])) {\n");
			for (const struct idl_member *old = iface->accepts; old; old = old->next)
				fprintf(g->out, "\t\tcase %lld:\n", (long long)old->value.num);
			fprintf(g->out, "\t\t\tidl_err = 0;\n\t\t\tbreak;\n\t\t}\n\t}\n");
		}
		fprintf(g->out, "\tif (idl_err < 0)\n\t\treturn idlrt_reply_error(idl_rq, idl_err);\n");
		struct op_slots slots = find_op_slots(iface);
		emit_op_switch(g->out, "\t", "L4_TAG_LABEL(idl_rq->mr[0])", slots);
		for (struct idl_decl *op = iface->body; op; op = op->next)
			if (op->kind == IDL_D_OPERATION) {
				emit_op_case(g->out, "\t", "L4_TAG_LABEL(idl_rq->mr[0])", slots, up, op,
					     gen_upper(g, op->name), "idl_unknown");
				fprintf(g->out, "\t\treturn %s_do_%s(idl_rq);\n", iface->name, op->name);
			}
		fprintf(g->out, "\tdefault:\n%s\t\treturn idlrt_reply_error(idl_rq, -ENOSYS);\n\t}\n}\n\n",
			slots.bits ? "\tidl_unknown:\n" : "");
		emit_serve_loop(g, iface, 0);
		if (iface_has_deferred(iface))
			emit_serve_loop(g, iface, 1);
	}
}

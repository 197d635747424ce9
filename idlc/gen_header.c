/* gen_header.c - writes BASE.h: types, constants, protocol numbers and client prototypes. */
#include <string.h>
#include "gen.h"

static void emit_decl(struct gen *g, struct idl_decl *decl);

static void emit_type_deps(struct gen *g, const struct idl_type *type)
{
	if (type->kind == IDL_T_ARRAY)
		emit_type_deps(g, type->elem);
	else if (type->kind == IDL_T_NAMED && type->decl->loc.file == g->file)
		emit_decl(g, type->decl);
}

static void emit_enum(struct gen *g, struct idl_decl *decl)
{
	const char *name = gen_decl_name(g, decl);
	const char *prefix = gen_upper(g, gen_prefix(g, decl->scope));
	fprintf(g->out, "%s {\n", name);
	for (struct idl_member *item = decl->members; item; item = item->next) {
		gen_doc(g, "\t", item->doc);
		fprintf(g->out, "\t%s%s = %lld,\n", prefix, item->name, (long long)item->value.num);
	}
	fprintf(g->out, "};\n\n");
	fprintf(g->out, "static inline int %s_valid(int32_t value)\n{\n\tswitch (value) {\n", name + 5);
	for (struct idl_member *item = decl->members; item; item = item->next)
		fprintf(g->out, "\tcase %s%s:\n", prefix, item->name);
	fprintf(g->out, "\t\treturn 1;\n\tdefault:\n\t\treturn 0;\n\t}\n}\n\n");
	fprintf(g->out, "static inline const char *%s_name(int32_t value)\n{\n\tswitch (value) {\n", name + 5);
	for (struct idl_member *item = decl->members; item; item = item->next)
		fprintf(g->out, "\tcase %s%s:\n\t\treturn \"%s\";\n", prefix, item->name, item->name);
	fprintf(g->out, "\tdefault:\n\t\treturn 0;\n\t}\n}\n\n");
}

static void emit_decl(struct gen *g, struct idl_decl *decl)
{
	if (decl->emitted)
		return;
	decl->emitted = 1;
	switch (decl->kind) {
	case IDL_D_CONST:
		gen_doc(g, "", decl->doc);
		fprintf(g->out, "#define %s ((%s)%lld%s)\n\n", gen_decl_name(g, decl), gen_ctype(g, decl->type),
			(long long)decl->value.num, decl->value.num > 0x7fffffff || decl->value.num < -0x7fffffff ? "LL" : "");
		break;
	case IDL_D_ENUM:
		gen_doc(g, "", decl->doc);
		emit_enum(g, decl);
		break;
	case IDL_D_TYPEDEF:
		emit_type_deps(g, decl->type);
		if (gen_is_var(decl->type))
			break;
		gen_doc(g, "", decl->doc);
		fprintf(g->out, "typedef %s;\n\n", gen_cdecl(g, decl->type, gen_decl_name(g, decl), 0));
		break;
	case IDL_D_STRUCT:
		for (struct idl_member *field = decl->members; field; field = field->next)
			emit_type_deps(g, field->type);
		gen_doc(g, "", decl->doc);
		fprintf(g->out, "%s {\n", gen_decl_name(g, decl));
		for (struct idl_member *field = decl->members; field; field = field->next) {
			gen_doc(g, "\t", field->doc);
			fprintf(g->out, "\t%s;\n", gen_cdecl(g, field->type, field->name, 0));
		}
		fprintf(g->out, "};\n\n");
		break;
	default:
		break;
	}
}

static void emit_interface(struct gen *g, struct idl_decl *iface)
{
	const char *up = gen_upper(g, iface->name);
	gen_doc(g, "", iface->doc);
	fprintf(g->out, "#define %s_IFACE_ID 0x%04llxu\n", up, (unsigned long long)iface->iface_id.num);
	fprintf(g->out, "#define %s_IFACE_VERSION %lldu\n", up, (long long)iface->iface_version.num);
	for (struct idl_decl *op = iface->body; op; op = op->next)
		if (op->kind == IDL_D_OPERATION)
			fprintf(g->out, "#define %s_OP_%s 0x%04xu\n", up, gen_upper(g, op->name), op->opnum);
	fprintf(g->out, "\n");
	for (struct idl_decl *decl = iface->body; decl; decl = decl->next)
		emit_decl(g, decl);
	for (struct idl_decl *op = iface->body; op; op = op->next) {
		if (op->kind != IDL_D_OPERATION)
			continue;
		gen_doc_open(g, op);
		fprintf(g->out, " * Client stub%s: returns the result (>= 0) or -errno.\n */\n",
			op->op_flags & IDL_OP_ONEWAY ? " (oneway: 0 once sent)" : "");
		fprintf(g->out, "int %s_%s(%s);\n\n", iface->name, op->name, gen_params(g, op, 0));
	}
}

void gen_header(struct gen *g)
{
	const char *guard = gen_upper(g, g->file->base);
	gen_banner(g, "Types and client stubs");
	fprintf(g->out, "#ifndef IDL_%s_H\n#define IDL_%s_H\n\n", guard, guard);
	fprintf(g->out, "#include <stdbool.h>\n#include <stdint.h>\n#include <idlrt/idlrt.h>\n");
	for (struct idl_decl *decl = g->file->decls; decl; decl = decl->next)
		if (decl->kind == IDL_D_IMPORT && decl->imported)
			fprintf(g->out, "#include \"%s.h\"\n", decl->imported->base);
	fprintf(g->out, "\n");
	for (struct idl_decl *decl = g->file->decls; decl; decl = decl->next) {
		if (decl->kind == IDL_D_INTERFACE)
			emit_interface(g, decl);
		else
			emit_decl(g, decl);
	}
	fprintf(g->out, "#endif\n");
}

/* gen_header.c - writes BASE.h: types, constants, flag sets with their decoders,
 * protocol numbers and client prototypes. */
#include <string.h>
#include "gen_header.h"
#include "arena.h"
#include "wire.h"

static void emit_decl(struct gen *g, struct idl_decl *decl);

static void emit_type_deps(struct gen *g, const struct idl_type *type)
{
	if (type->kind == IDL_T_ARRAY || type->kind == IDL_T_SEQUENCE)
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
		fprintf(g->out, "\t%s%s = %s,\n", prefix, item->name,
			item->has_value ? gen_value(g, &item->value) : idl_printf(g->prog, "%lld", (long long)item->value.num));
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

/* The C of a constant's value: in its type, LL past 32 bits, and the
 * expression it came from when it was not a plain number. */
static char *const_value(struct gen *g, const char *ctype, const struct idl_value *value)
{
	int64_t num = value->num;
	char *text = idl_printf(g->prog, "((%s)%s%s)", ctype, gen_value(g, value),
				num > 0x7fffffff || num < -0x7fffffff ? "LL" : "");
	if (value->ref || value->op == '-' ? value->ref || value->lhs->op || value->lhs->ref : value->op)
		text = idl_printf(g->prog, "%s /* %s */", text, gen_value_source(g, value));
	return text;
}

/* Once per header with flag sets: the name table entry and the decoder they share. */
static void emit_flags_support(struct gen *g)
{
	fprintf(g->out,
		"#ifndef IDL_FLAGS_FORMAT_DEFINED\n"
		"#define IDL_FLAGS_FORMAT_DEFINED\n"
		"/* One named value of a flag set. */\n"
		"struct idl_flag_name {\n\tconst char *name;\n\tuint64_t value;\n};\n\n"
		"static inline void idl_flags_put(char *buf, unsigned size, unsigned *len, const char *text)\n{\n"
		"\tfor (; *text; text++, (*len)++)\n\t\tif (*len + 1 < size)\n\t\t\tbuf[*len] = *text;\n}\n\n"
		"/* Writes value as its names joined by '|' (a zero-valued name only for 0),\n"
		" * then any bits no name covers as 0x...; NUL-terminated within size bytes.\n"
		" * Returns the length of the whole text, as snprintf does. */\n"
		"static inline unsigned idl_flags_format(const struct idl_flag_name *names, unsigned count,\n"
		"\t\t\t\t\tuint64_t value, char *buf, unsigned size)\n{\n"
		"\tunsigned len = 0;\n\tuint64_t rest = value;\n"
		"\tfor (unsigned i = 0; i < count; i++) {\n"
		"\t\tuint64_t bits = names[i].value;\n"
		"\t\tif (bits == 0 ? value != 0 : (rest & bits) != bits)\n\t\t\tcontinue;\n"
		"\t\tif (len)\n\t\t\tidl_flags_put(buf, size, &len, \"|\");\n"
		"\t\tidl_flags_put(buf, size, &len, names[i].name);\n"
		"\t\trest &= ~bits;\n\t}\n"
		"\tif (rest != 0 || len == 0) {\n"
		"\t\tchar digits[17];\n\t\tunsigned n = 0;\n"
		"\t\tdo {\n\t\t\tdigits[n++] = \"0123456789abcdef\"[rest & 0xf];\n\t\t\trest >>= 4;\n\t\t} while (rest);\n"
		"\t\tidl_flags_put(buf, size, &len, len ? \"|0x\" : \"0x\");\n"
		"\t\tfor (char one[2] = { 0, 0 }; n > 0; n--) {\n"
		"\t\t\tone[0] = digits[n - 1];\n\t\t\tidl_flags_put(buf, size, &len, one);\n\t\t}\n\t}\n"
		"\tif (size)\n\t\tbuf[len < size ? len : size - 1] = '\\0';\n"
		"\treturn len;\n}\n#endif\n\n");
}

static void emit_flags(struct gen *g, struct idl_decl *decl)
{
	const char *name = gen_decl_name(g, decl);
	const char *prefix = gen_upper(g, gen_prefix(g, decl->scope));
	const char *ctype = gen_ctype(g, decl->type);
	fprintf(g->out, "typedef %s %s;\n", ctype, name);
	for (struct idl_member *flag = decl->members; flag; flag = flag->next) {
		gen_doc(g, "", flag->doc);
		fprintf(g->out, "#define %s%s %s\n", prefix, flag->name, const_value(g, ctype, &flag->value));
	}
	fprintf(g->out, "\n/* Writes value as \"A|B\" (see idl_flags_format); returns the length needed. */\n");
	fprintf(g->out, "static inline unsigned %s_format(uint64_t value, char *buf, unsigned size)\n{\n", name);
	fprintf(g->out, "\tstatic const struct idl_flag_name names[] = {\n");
	for (struct idl_member *flag = decl->members; flag; flag = flag->next)
		fprintf(g->out, "\t\t{ \"%s\", %s%s },\n", flag->name, prefix, flag->name);
	fprintf(g->out, "\t};\n\treturn idl_flags_format(names, sizeof(names) / sizeof(names[0]), value, buf, size);\n}\n\n");
}

static void emit_decl(struct gen *g, struct idl_decl *decl)
{
	if (decl->emitted)
		return;
	decl->emitted = 1;
	switch (decl->kind) {
	case IDL_D_CONST:
		gen_doc(g, "", decl->doc);
		fprintf(g->out, "#define %s %s\n\n", gen_decl_name(g, decl),
			const_value(g, gen_ctype(g, decl->type), &decl->value));
		break;
	case IDL_D_FLAGS:
		gen_doc(g, "", decl->doc);
		emit_flags(g, decl);
		break;
	case IDL_D_ENUM:
		gen_doc(g, "", decl->doc);
		emit_enum(g, decl);
		break;
	case IDL_D_TYPEDEF:
		emit_type_deps(g, decl->type);
		if (idl_is_variable(decl->type))
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

static int has_flags(const struct idl_decl *list)
{
	for (const struct idl_decl *decl = list; decl; decl = decl->next)
		if (decl->kind == IDL_D_FLAGS || (decl->kind == IDL_D_INTERFACE && has_flags(decl->body)))
			return 1;
	return 0;
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
	if (has_flags(g->file->decls))
		emit_flags_support(g);
	for (struct idl_decl *decl = g->file->decls; decl; decl = decl->next) {
		if (decl->kind == IDL_D_INTERFACE)
			emit_interface(g, decl);
		else
			emit_decl(g, decl);
	}
	fprintf(g->out, "#endif\n");
}

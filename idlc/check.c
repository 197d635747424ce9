/* check.c - semantic checks: names, types, bounds, operation numbers, directions, uses cycles. */
#include <string.h>
#include "ast.h"

#define MSG_WORDS	63	/* words after the tag (L4_MSG_MAX_WORDS) */
#define MAX_BOUND	4096
#define MAX_NESTING	64
#define OP_MAX		0xefff
#define OP_DERIVED_BASE	0x1000

struct checker {
	struct idl_program *prog;
	int depth;
};

static void check_decl(struct checker *ck, struct idl_decl *decl);

static const char *const c_keywords[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
	"enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
	"restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch",
	"typedef", "union", "unsigned", "void", "volatile", "while", "bool", "true", "false",
};

/* Names become C identifiers: no C keywords, and idl_ is the generator's own prefix. */
static void check_name(struct checker *ck, const char *name, struct idl_loc loc)
{
	if (strncmp(name, "idl_", 4) == 0 || strncmp(name, "IDL_", 4) == 0) {
		idl_error(ck->prog, loc, "name '%s' is reserved (the idl_ prefix belongs to generated code)", name);
		return;
	}
	for (size_t i = 0; i < sizeof(c_keywords) / sizeof(c_keywords[0]); i++)
		if (strcmp(name, c_keywords[i]) == 0)
			idl_error(ck->prog, loc, "name '%s' is a C keyword", name);
}

static struct idl_decl *find_in(struct idl_decl *list, const char *name)
{
	for (struct idl_decl *decl = list; decl; decl = decl->next)
		if (decl->kind != IDL_D_IMPORT && decl->kind != IDL_D_USES && strcmp(decl->name, name) == 0)
			return decl;
	return NULL;
}

/* Looks a name up in the interface first, then in every loaded file. */
static struct idl_decl *lookup(struct checker *ck, struct idl_decl *scope, const char *name)
{
	if (scope) {
		struct idl_decl *found = find_in(scope->body, name);
		if (found)
			return found;
	}
	for (struct idl_file *file = ck->prog->files; file; file = file->next) {
		struct idl_decl *found = find_in(file->decls, name);
		if (found)
			return found;
	}
	return NULL;
}

static int enter(struct checker *ck, struct idl_loc loc)
{
	if (ck->depth >= MAX_NESTING) {
		idl_error(ck->prog, loc, "declarations nested more than %d deep", MAX_NESTING);
		return 0;
	}
	ck->depth++;
	return 1;
}

static int resolve_value(struct checker *ck, struct idl_decl *scope, struct idl_value *value)
{
	if (!value->ref)
		return 1;
	struct idl_decl *decl = lookup(ck, scope, value->ref);
	if (!decl) {
		idl_error(ck->prog, value->loc, "unknown constant '%s'", value->ref);
		return 0;
	}
	if (decl->kind != IDL_D_CONST) {
		idl_error(ck->prog, value->loc, "'%s' is not a constant", value->ref);
		return 0;
	}
	if (decl->check_state == 1) {
		idl_error(ck->prog, value->loc, "constant '%s' is defined in terms of itself", value->ref);
		return 0;
	}
	check_decl(ck, decl);
	value->num = decl->value.num;
	return 1;
}

static int check_bound(struct checker *ck, struct idl_decl *scope, struct idl_value *bound,
		       const char *what)
{
	if (!resolve_value(ck, scope, bound))
		return 0;
	if (bound->num < 1 || bound->num > MAX_BOUND) {
		idl_error(ck->prog, bound->loc, "bad bound %lld for %s (must be 1..%d)",
			  (long long)bound->num, what, MAX_BOUND);
		return 0;
	}
	return 1;
}

const struct idl_type *idl_base_type(const struct idl_type *type)
{
	while (type->kind == IDL_T_NAMED && type->decl && type->decl->kind == IDL_D_TYPEDEF)
		type = type->decl->type;
	return type;
}

static int is_buffer(const struct idl_type *type)
{
	return idl_base_type(type)->kind == IDL_T_BUFFER;
}

static int is_variable(const struct idl_type *type)
{
	type = idl_base_type(type);
	return type->kind == IDL_T_STRING || type->kind == IDL_T_BUFFER;
}

static int packed_bytes(const struct idl_type *elem)
{
	elem = idl_base_type(elem);
	return elem->kind == IDL_T_INT && elem->bits <= 16 ? elem->bits / 8 : 0;
}

/* Most words a checked type takes on the wire (saturating). */
uint32_t idl_type_words(const struct idl_type *type)
{
	type = idl_base_type(type);
	uint64_t words;
	switch (type->kind) {
	case IDL_T_INT:
		return type->bits == 64 ? 2 : 1;
	case IDL_T_STRING:
	case IDL_T_BUFFER:
		return 1 + (uint32_t)(type->bound.num + 3) / 4;
	case IDL_T_ARRAY:
		if (packed_bytes(type->elem))
			words = ((uint64_t)type->bound.num * (uint64_t)packed_bytes(type->elem) + 3) / 4;
		else
			words = (uint64_t)type->bound.num * idl_type_words(type->elem);
		return words > 0xffff ? 0xffff : (uint32_t)words;
	case IDL_T_NAMED:
		return type->decl ? type->decl->words : 1;
	default:
		return 1;
	}
}

static int resolve_type(struct checker *ck, struct idl_decl *scope, struct idl_type *type,
			int param)
{
	switch (type->kind) {
	case IDL_T_STRING:
	case IDL_T_BUFFER:
		if (!param) {
			idl_error(ck->prog, type->loc, "%s is allowed only as an operation parameter",
				  type->kind == IDL_T_STRING ? "string" : "buffer");
			return 0;
		}
		return check_bound(ck, scope, &type->bound, type->kind == IDL_T_STRING ? "string" : "buffer");
	case IDL_T_ARRAY:
		if (!resolve_type(ck, scope, type->elem, 0))
			return 0;
		return check_bound(ck, scope, &type->bound, "array");
	case IDL_T_NAMED:
		break;
	default:
		return 1;
	}
	struct idl_decl *decl = lookup(ck, scope, type->name);
	if (!decl) {
		idl_error(ck->prog, type->loc, "unknown type '%s'", type->name);
		return 0;
	}
	if (decl->kind != IDL_D_ENUM && decl->kind != IDL_D_STRUCT && decl->kind != IDL_D_TYPEDEF) {
		idl_error(ck->prog, type->loc, "'%s' is not a type", type->name);
		return 0;
	}
	if (decl->check_state == 1) {
		idl_error(ck->prog, type->loc, "type '%s' contains itself", type->name);
		return 0;
	}
	check_decl(ck, decl);
	if (decl->check_state != 2)
		return 0;
	type->decl = decl;
	if (decl->kind == IDL_D_TYPEDEF && is_variable(decl->type) && !param) {
		idl_error(ck->prog, type->loc, "'%s' is a string or buffer, allowed only as an operation parameter",
			  type->name);
		return 0;
	}
	return 1;
}

static int fits(const struct idl_type *type, int64_t num)
{
	type = idl_base_type(type);
	switch (type->kind) {
	case IDL_T_BOOL:
		return num == 0 || num == 1;
	case IDL_T_UINTPTR:
		return num >= 0 && num <= 0xffffffffLL;
	case IDL_T_INT:
		if (type->bits == 64)
			return type->is_signed || num >= 0;
		if (type->is_signed)
			return num >= -(1LL << (type->bits - 1)) && num < (1LL << (type->bits - 1));
		return num >= 0 && num < (1LL << type->bits);
	default:
		return 0;
	}
}

static void check_const(struct checker *ck, struct idl_decl *decl)
{
	if (!resolve_type(ck, decl->scope, decl->type, 0) || !resolve_value(ck, decl->scope, &decl->value))
		return;
	const struct idl_type *base = idl_base_type(decl->type);
	if (base->kind != IDL_T_INT && base->kind != IDL_T_BOOL && base->kind != IDL_T_UINTPTR) {
		idl_error(ck->prog, decl->loc, "constant '%s' must have an integer or bool type", decl->name);
		return;
	}
	if (!fits(decl->type, decl->value.num))
		idl_error(ck->prog, decl->value.loc, "value %lld does not fit the type of constant '%s'",
			  (long long)decl->value.num, decl->name);
}

static void check_enum(struct checker *ck, struct idl_decl *decl)
{
	int64_t next = 0;
	for (struct idl_member *item = decl->members; item; item = item->next) {
		if (item->has_value) {
			if (!resolve_value(ck, decl->scope, &item->value))
				continue;
		} else {
			item->value.num = next;
		}
		if (item->value.num < INT32_MIN || item->value.num > INT32_MAX) {
			idl_error(ck->prog, item->loc, "enumerator '%s' = %lld does not fit in int32",
				  item->name, (long long)item->value.num);
			continue;
		}
		for (struct idl_member *prev = decl->members; prev != item; prev = prev->next) {
			if (strcmp(prev->name, item->name) == 0)
				idl_error(ck->prog, item->loc, "duplicate enumerator '%s'", item->name);
			else if (prev->value.num == item->value.num)
				idl_error(ck->prog, item->loc, "enumerator '%s' repeats the value %lld of '%s'",
					  item->name, (long long)item->value.num, prev->name);
		}
		next = item->value.num + 1;
	}
}

static void check_struct(struct checker *ck, struct idl_decl *decl)
{
	uint64_t words = 0;
	for (struct idl_member *field = decl->members; field; field = field->next) {
		for (struct idl_member *prev = decl->members; prev != field; prev = prev->next)
			if (strcmp(prev->name, field->name) == 0)
				idl_error(ck->prog, field->loc, "duplicate field '%s'", field->name);
		if (resolve_type(ck, decl->scope, field->type, 0))
			words += idl_type_words(field->type);
	}
	decl->words = words > 0xffff ? 0xffff : (uint32_t)words;
}

static void check_operation(struct checker *ck, struct idl_decl *op)
{
	struct idl_decl *iface = op->scope;
	if (op->has_value) {
		if (resolve_value(ck, iface, &op->value)) {
			if (op->value.num < 0 || op->value.num > OP_MAX)
				idl_error(ck->prog, op->value.loc, "operation number %lld is out of range (0..0x%x)",
					  (long long)op->value.num, OP_MAX);
			op->opnum = (uint32_t)op->value.num;
		}
	} else {
		char *key = idl_printf(ck->prog, "%s.%s", iface->name, op->name);
		op->opnum = OP_DERIVED_BASE + idl_fnv1a(key) % (OP_MAX + 1 - OP_DERIVED_BASE);
	}
	uint64_t request = 1, reply = 1;
	for (struct idl_member *param = op->members; param; param = param->next) {
		for (struct idl_member *prev = op->members; prev != param; prev = prev->next)
			if (strcmp(prev->name, param->name) == 0)
				idl_error(ck->prog, param->loc, "duplicate parameter '%s'", param->name);
		if ((op->op_flags & IDL_OP_ONEWAY) && (param->dir & IDL_OUT))
			idl_error(ck->prog, param->loc, "oneway operation '%s' cannot have %s parameter '%s'",
				  op->name, param->dir == IDL_OUT ? "out" : "inout", param->name);
		if (!resolve_type(ck, iface, param->type, 1))
			continue;
		if (param->dir & IDL_IN)
			request += idl_type_words(param->type);
		if (param->dir & IDL_OUT)
			reply += idl_type_words(param->type);
	}
	for (struct idl_member *param = op->members; param; param = param->next) {
		for (struct idl_member *other = op->members; other; other = other->next) {
			size_t len = strlen(other->name);
			if (other != param && strncmp(param->name, other->name, len) == 0 &&
			    strcmp(param->name + len, "_len") == 0 && is_buffer(other->type))
				idl_error(ck->prog, param->loc, "parameter '%s' clashes with the length of buffer '%s'",
					  param->name, other->name);
		}
	}
	if (request > MSG_WORDS)
		idl_error(ck->prog, op->loc, "request of '%s' needs up to %llu words, more than the %d message registers",
			  op->name, (unsigned long long)request, MSG_WORDS);
	if (reply > MSG_WORDS)
		idl_error(ck->prog, op->loc, "reply of '%s' needs up to %llu words, more than the %d message registers",
			  op->name, (unsigned long long)reply, MSG_WORDS);
}

static void check_uses(struct checker *ck, struct idl_decl *uses)
{
	for (struct idl_member *name = uses->members; name; name = name->next) {
		struct idl_decl *target = lookup(ck, NULL, name->name);
		if (target && target->kind != IDL_D_INTERFACE)
			idl_error(ck->prog, name->loc, "'%s' in uses is not an interface", name->name);
		else
			name->target = target;
	}
}

/* Names in one scope share one C namespace: declarations and enumerators. */
static void check_unique_names(struct checker *ck, struct idl_decl *list, int check_decls)
{
	for (struct idl_decl *decl = list; decl; decl = decl->next) {
		if (decl->kind == IDL_D_IMPORT || decl->kind == IDL_D_USES)
			continue;
		struct idl_decl *first = find_in(list, decl->name);
		if (check_decls && first != decl)
			idl_error(ck->prog, decl->loc, "duplicate name '%s' (first declared at %s:%d:%d)",
				  decl->name, first->loc.file->path, first->loc.line, first->loc.col);
		if (decl->kind != IDL_D_ENUM)
			continue;
		for (struct idl_member *item = decl->members; item; item = item->next) {
			struct idl_decl *clash = find_in(list, item->name);
			if (clash)
				idl_error(ck->prog, item->loc, "enumerator '%s' clashes with '%s' declared at %s:%d:%d",
					  item->name, clash->name, clash->loc.file->path, clash->loc.line, clash->loc.col);
			for (struct idl_decl *other = list; other != decl; other = other->next) {
				if (other->kind != IDL_D_ENUM)
					continue;
				for (struct idl_member *seen = other->members; seen; seen = seen->next)
					if (strcmp(seen->name, item->name) == 0)
						idl_error(ck->prog, item->loc, "enumerator '%s' is also in enum '%s'",
							  item->name, other->name);
			}
		}
	}
}

static void check_interface(struct checker *ck, struct idl_decl *iface)
{
	if (resolve_value(ck, NULL, &iface->iface_id) &&
	    (iface->iface_id.num < 1 || iface->iface_id.num > 0xffff))
		idl_error(ck->prog, iface->iface_id.loc, "interface id %lld is out of range (1..0xffff)",
			  (long long)iface->iface_id.num);
	if (resolve_value(ck, NULL, &iface->iface_version) &&
	    (iface->iface_version.num < 0 || iface->iface_version.num > 0xffff))
		idl_error(ck->prog, iface->iface_version.loc, "interface version %lld is out of range (0..0xffff)",
			  (long long)iface->iface_version.num);
	check_unique_names(ck, iface->body, 1);
	for (struct idl_decl *decl = iface->body; decl; decl = decl->next)
		check_decl(ck, decl);
	for (struct idl_decl *op = iface->body; op; op = op->next) {
		if (op->kind != IDL_D_OPERATION)
			continue;
		for (struct idl_decl *prev = iface->body; prev != op; prev = prev->next)
			if (prev->kind == IDL_D_OPERATION && prev->opnum == op->opnum)
				idl_error(ck->prog, op->loc, "duplicate operation number 0x%x ('%s' and '%s')",
					  op->opnum, prev->name, op->name);
	}
}

static void check_decl(struct checker *ck, struct idl_decl *decl)
{
	if (decl->check_state != 0)
		return;
	if (!enter(ck, decl->loc))
		return;
	decl->check_state = 1;
	if (decl->kind != IDL_D_IMPORT && decl->kind != IDL_D_USES)
		check_name(ck, decl->name, decl->loc);
	if (decl->kind == IDL_D_ENUM || decl->kind == IDL_D_STRUCT || decl->kind == IDL_D_OPERATION)
		for (struct idl_member *member = decl->members; member; member = member->next)
			check_name(ck, member->name, member->loc);
	switch (decl->kind) {
	case IDL_D_CONST:
		check_const(ck, decl);
		break;
	case IDL_D_ENUM:
		check_enum(ck, decl);
		decl->words = 1;
		break;
	case IDL_D_TYPEDEF:
		if (resolve_type(ck, decl->scope, decl->type, 1))
			decl->words = idl_type_words(decl->type);
		break;
	case IDL_D_STRUCT:
		check_struct(ck, decl);
		break;
	case IDL_D_OPERATION:
		check_operation(ck, decl);
		break;
	case IDL_D_USES:
		check_uses(ck, decl);
		break;
	case IDL_D_INTERFACE:
		check_interface(ck, decl);
		break;
	case IDL_D_IMPORT:
		break;
	}
	decl->check_state = 2;
	ck->depth--;
}

/* Depth-first walk of the uses graph; path holds the interfaces on the stack. */
static int find_cycle(struct checker *ck, struct idl_decl *iface, struct idl_decl **path, int depth)
{
	if (depth >= MAX_NESTING) {
		idl_error(ck->prog, iface->loc, "uses chain longer than %d interfaces", MAX_NESTING);
		return 1;
	}
	iface->visit = 1;
	path[depth] = iface;
	for (struct idl_decl *decl = iface->body; decl; decl = decl->next) {
		if (decl->kind != IDL_D_USES)
			continue;
		for (struct idl_member *name = decl->members; name; name = name->next) {
			struct idl_decl *next = name->target;
			if (!next || next->visit == 2)
				continue;
			if (next->visit == 1) {
				char *chain = idl_printf(ck->prog, "%s", next->name);
				int start = depth;
				while (path[start] != next)
					start--;
				for (int i = start + 1; i <= depth; i++)
					chain = idl_printf(ck->prog, "%s -> %s", chain, path[i]->name);
				idl_error(ck->prog, name->loc, "uses cycle: %s -> %s", chain, next->name);
				return 1;
			}
			if (find_cycle(ck, next, path, depth + 1))
				return 1;
		}
	}
	iface->visit = 2;
	return 0;
}

/* Reports an interface whose id an interface loaded before it already has. */
static void check_iface_id_unique(struct idl_program *prog, struct idl_decl *iface)
{
	for (struct idl_file *file = prog->files; file; file = file->next) {
		for (struct idl_decl *prev = file->decls; prev; prev = prev->next) {
			if (prev == iface)
				return;
			if (prev->kind == IDL_D_INTERFACE && prev->iface_id.num == iface->iface_id.num)
				idl_error(prog, iface->iface_id.loc, "interface id 0x%llx of '%s' is also used by '%s'",
					  (unsigned long long)iface->iface_id.num, iface->name, prev->name);
		}
	}
}

int idl_check(struct idl_program *prog)
{
	struct checker ck = { .prog = prog };
	int errors_before = prog->errors;
	for (struct idl_file *file = prog->files; file; file = file->next) {
		for (struct idl_decl *decl = file->decls; decl; decl = decl->next) {
			if (decl->kind == IDL_D_IMPORT || decl->kind == IDL_D_USES)
				continue;
			struct idl_decl *first = NULL;
			for (struct idl_file *other = prog->files; other && !first; other = other->next)
				first = find_in(other->decls, decl->name);
			if (first != decl)
				idl_error(prog, decl->loc, "duplicate name '%s' (first declared at %s:%d:%d)",
					  decl->name, first->loc.file->path, first->loc.line, first->loc.col);
		}
		check_unique_names(&ck, file->decls, 0);
	}
	for (struct idl_file *file = prog->files; file; file = file->next)
		for (struct idl_decl *decl = file->decls; decl; decl = decl->next)
			check_decl(&ck, decl);
	for (struct idl_file *file = prog->files; file; file = file->next)
		for (struct idl_decl *decl = file->decls; decl; decl = decl->next)
			if (decl->kind == IDL_D_INTERFACE)
				check_iface_id_unique(prog, decl);
	if (prog->errors != errors_before)
		return prog->errors - errors_before;
	struct idl_decl **path = idl_alloc(prog, sizeof(*path) * (MAX_NESTING + 1));
	for (struct idl_file *file = prog->files; file; file = file->next)
		for (struct idl_decl *decl = file->decls; decl; decl = decl->next)
			if (decl->kind == IDL_D_INTERFACE && decl->visit == 0 && find_cycle(&ck, decl, path, 0))
				return prog->errors - errors_before;
	return prog->errors - errors_before;
}

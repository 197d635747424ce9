/* checker.c - semantic checks: names, types, bounds, constant expressions, flag sets,
 * operation numbers, directions, uses cycles. */
#include <string.h>
#include "arena.h"
#include "checker.h"
#include "diag.h"
#include "wire.h"

#define MAX_BOUND	4096
#define MAX_NESTING	64

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

/* The enum or flag set in list with a member called name; *member gets it. */
static struct idl_decl *find_member_in(struct idl_decl *list, const char *name, struct idl_member **member)
{
	for (struct idl_decl *decl = list; decl; decl = decl->next) {
		if (decl->kind != IDL_D_ENUM && decl->kind != IDL_D_FLAGS)
			continue;
		for (struct idl_member *item = decl->members; item; item = item->next) {
			if (strcmp(item->name, name) == 0) {
				*member = item;
				return decl;
			}
		}
	}
	return NULL;
}

/* An enumerator or flag a constant expression names: the interface first, then every file. */
static struct idl_decl *lookup_member(struct checker *ck, struct idl_decl *scope, const char *name,
				      struct idl_member **member)
{
	struct idl_decl *found = scope ? find_member_in(scope->body, name, member) : NULL;
	for (struct idl_file *file = ck->prog->files; file && !found; file = file->next)
		found = find_member_in(file->decls, name, member);
	return found;
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

/* The value of a name in a constant expression: a constant, an enumerator or a flag. */
static int resolve_ref(struct checker *ck, struct idl_decl *scope, struct idl_value *value)
{
	struct idl_decl *decl = lookup(ck, scope, value->ref);
	struct idl_member *member = NULL;
	struct idl_decl *owner = decl ? NULL : lookup_member(ck, scope, value->ref, &member);
	if (owner) {
		if (owner->check_state == 1 && !member->checked) {
			idl_error(ck->prog, value->loc, "'%s' is used before its value is known", value->ref);
			return 0;
		}
		check_decl(ck, owner);
		if (!member->checked)
			return 0;
		value->num = member->value.num;
		value->radix = member->value.radix;
		return 1;
	}
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
	value->radix = decl->value.radix;
	return 1;
}

static int is_bitwise(int op)
{
	return op == '|' || op == '&' || op == '^' || op == '~' || op == IDL_OP_SHL || op == IDL_OP_SHR;
}

/* Computes lhs op rhs in int64, refusing what C could not compute the same way. */
static int apply_binary(struct checker *ck, struct idl_value *value, int64_t lhs, int64_t rhs)
{
	int64_t result = 0;
	int overflow = 0;
	switch (value->op) {
	case '|': result = lhs | rhs; break;
	case '&': result = lhs & rhs; break;
	case '^': result = lhs ^ rhs; break;
	case '+': overflow = __builtin_add_overflow(lhs, rhs, &result); break;
	case '-': overflow = __builtin_sub_overflow(lhs, rhs, &result); break;
	case '*': overflow = __builtin_mul_overflow(lhs, rhs, &result); break;
	case '/':
	case '%':
		if (rhs == 0) {
			idl_error(ck->prog, value->loc, "division by zero in a constant expression");
			return 0;
		}
		overflow = lhs == INT64_MIN && rhs == -1;
		if (!overflow)
			result = value->op == '/' ? lhs / rhs : lhs % rhs;
		break;
	case IDL_OP_SHL:
	case IDL_OP_SHR:
		if (rhs < 0 || rhs > 62) {
			idl_error(ck->prog, value->loc, "shift by %lld is out of range (0..62)", (long long)rhs);
			return 0;
		}
		if (value->op == IDL_OP_SHR) {
			result = lhs >= 0 ? lhs >> rhs : ~(~lhs >> rhs);
			break;
		}
		overflow = lhs < 0 || lhs > (INT64_MAX >> rhs);
		result = overflow ? 0 : lhs << rhs;
		break;
	}
	if (overflow) {
		idl_error(ck->prog, value->loc, "constant expression overflows int64");
		return 0;
	}
	value->num = result;
	return 1;
}

/* Evaluates a constant expression into value->num, and picks the radix that C
 * gets it in: as written for a number, the operands' for an operator, hex for
 * bit operations over decimal operands. */
static int resolve_value(struct checker *ck, struct idl_decl *scope, struct idl_value *value)
{
	if (value->ref)
		return resolve_ref(ck, scope, value);
	if (!value->op) {
		value->radix = value->text && value->text[0] == '0' && (value->text[1] == 'x' || value->text[1] == 'X')
				       ? 16 : value->text && value->text[0] == '0' && value->text[1] ? 8 : 10;
		return 1;
	}
	if (!enter(ck, value->loc))
		return 0;
	int ok = resolve_value(ck, scope, value->lhs);
	if (value->rhs)
		ok = resolve_value(ck, scope, value->rhs) && ok;
	ck->depth--;
	if (!ok)
		return 0;
	value->radix = value->lhs->radix;
	if (value->radix == 10 && value->rhs)
		value->radix = value->rhs->radix;
	if (value->radix == 10 && is_bitwise(value->op))
		value->radix = 16;
	if (value->rhs)
		return apply_binary(ck, value, value->lhs->num, value->rhs->num);
	if (value->op == '~') {
		value->num = ~value->lhs->num;
	} else if (value->lhs->num == INT64_MIN) {
		idl_error(ck->prog, value->loc, "constant expression overflows int64");
		return 0;
	} else {
		value->num = -value->lhs->num;
	}
	return 1;
}

static int check_bound(struct checker *ck, struct idl_decl *scope, struct idl_value *bound,
		       const char *what, int64_t max)
{
	if (!resolve_value(ck, scope, bound))
		return 0;
	if (bound->num < 1 || bound->num > max) {
		idl_error(ck->prog, bound->loc, "bad bound %lld for %s (must be 1..%lld)",
			  (long long)bound->num, what, (long long)max);
		return 0;
	}
	return 1;
}

static int is_buffer(const struct idl_type *type)
{
	return idl_base_type(type)->kind == IDL_T_BUFFER;
}

/* Where a type is written, for what it may be: strings, buffers and
 * sequences are parameters or struct fields (bulk ones parameters only). */
enum type_place { PLACE_INNER, PLACE_PARAM, PLACE_FIELD };

static int resolve_type(struct checker *ck, struct idl_decl *scope, struct idl_type *type,
			enum type_place param)
{
	switch (type->kind) {
	case IDL_T_STRING:
		if (param == PLACE_INNER) {
			idl_error(ck->prog, type->loc,
				  "string is allowed only as an operation parameter or a struct field");
			return 0;
		}
		if (type->bulk && param != PLACE_PARAM) {
			idl_error(ck->prog, type->loc, "bulk is allowed only on an operation parameter");
			return 0;
		}
		if (type->bulk)
			return check_bound(ck, scope, &type->bound, "bulk string", IDL_BULK_MAX_BOUND);
		return check_bound(ck, scope, &type->bound, "string", MAX_BOUND);
	case IDL_T_BUFFER:
		if (param == PLACE_INNER) {
			idl_error(ck->prog, type->loc,
				  "buffer is allowed only as an operation parameter or a struct field");
			return 0;
		}
		if (type->bulk && param != PLACE_PARAM) {
			idl_error(ck->prog, type->loc, "bulk is allowed only on an operation parameter");
			return 0;
		}
		if (type->bulk)
			return check_bound(ck, scope, &type->bound, "bulk buffer", IDL_BULK_MAX_BOUND);
		return check_bound(ck, scope, &type->bound, "buffer", MAX_BOUND);
	case IDL_T_ARRAY:
		if (!resolve_type(ck, scope, type->elem, PLACE_INNER))
			return 0;
		return check_bound(ck, scope, &type->bound, "array", MAX_BOUND);
	case IDL_T_SEQUENCE:
		if (param == PLACE_INNER) {
			idl_error(ck->prog, type->loc,
				  "sequence is allowed only as an operation parameter or a struct field");
			return 0;
		}
		if (!resolve_type(ck, scope, type->elem, PLACE_INNER))
			return 0;
		if (idl_has_sequence(type->elem)) {
			idl_error(ck->prog, type->elem->loc, "a sequence's elements must have a fixed size "
				  "(no sequence inside)");
			return 0;
		}
		return check_bound(ck, scope, &type->bound, "sequence", MAX_BOUND);
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
	if (decl->kind != IDL_D_ENUM && decl->kind != IDL_D_FLAGS && decl->kind != IDL_D_STRUCT &&
	    decl->kind != IDL_D_TYPEDEF) {
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
	if (decl->kind == IDL_D_TYPEDEF && idl_is_variable(decl->type) && param != PLACE_PARAM) {
		idl_error(ck->prog, type->loc, "'%s' is a string or buffer, allowed only as an operation parameter",
			  type->name);
		return 0;
	}
	if (param != PLACE_PARAM && idl_is_extensible(type)) {
		/* Only the end of a request can be shorter than the server expects. */
		idl_error(ck->prog, type->loc, "struct '%s' has optional fields, allowed only as an operation's "
			  "last in parameter", type->name);
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
	if (!resolve_type(ck, decl->scope, decl->type, PLACE_INNER) || !resolve_value(ck, decl->scope, &decl->value))
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
			item->value.radix = 10;
		}
		item->checked = 1;
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

static void check_flags(struct checker *ck, struct idl_decl *decl)
{
	if (!resolve_type(ck, decl->scope, decl->type, PLACE_INNER))
		return;
	const struct idl_type *base = idl_base_type(decl->type);
	if (base->kind != IDL_T_INT || base->is_signed) {
		idl_error(ck->prog, decl->type->loc, "flag set '%s' needs an unsigned integer type", decl->name);
		return;
	}
	for (struct idl_member *flag = decl->members; flag; flag = flag->next) {
		if (!flag->has_value) {
			idl_error(ck->prog, flag->loc, "flag '%s' needs a value (as in %s = 0x4)", flag->name, flag->name);
			continue;
		}
		if (!resolve_value(ck, decl->scope, &flag->value))
			continue;
		flag->checked = 1;
		if (!fits(decl->type, flag->value.num)) {
			idl_error(ck->prog, flag->value.loc, "flag '%s' = %lld does not fit the type of flag set '%s'",
				  flag->name, (long long)flag->value.num, decl->name);
			continue;
		}
		for (struct idl_member *prev = decl->members; prev != flag; prev = prev->next) {
			if (strcmp(prev->name, flag->name) == 0)
				idl_error(ck->prog, flag->loc, "duplicate flag '%s'", flag->name);
			else if (prev->checked && prev->value.num == flag->value.num)
				idl_error(ck->prog, flag->loc, "flag '%s' repeats the value %lld of '%s'",
					  flag->name, (long long)flag->value.num, prev->name);
		}
	}
}

/* A sequence's count and a buffer's length are C names of their own,
 * NAME_count and NAME_len: nothing beside them may take them. */
static void check_count_clash(struct checker *ck, const struct idl_member *all, const struct idl_member *member,
			      const char *what)
{
	for (const struct idl_member *other = all; other; other = other->next) {
		size_t len = strlen(other->name);
		if (other == member || !other->type || strncmp(member->name, other->name, len) != 0)
			continue;
		if (idl_base_type(other->type)->kind == IDL_T_SEQUENCE && strcmp(member->name + len, "_count") == 0)
			idl_error(ck->prog, member->loc, "%s '%s' clashes with the count of sequence '%s'", what,
				  member->name, other->name);
		if (is_buffer(other->type) && strcmp(member->name + len, "_len") == 0)
			idl_error(ck->prog, member->loc, "%s '%s' clashes with the length of buffer '%s'", what,
				  member->name, other->name);
	}
}

/* Optional fields are the ones a newer version added at the end of the
 * struct: an old client's request stops before them, which works only while
 * every field lies at a fixed word. */
static void check_optional_field(struct checker *ck, const struct idl_decl *decl, const struct idl_member *field)
{
	for (const struct idl_member *prev = decl->members; prev != field; prev = prev->next)
		if (prev->optional && !field->optional) {
			idl_error(ck->prog, field->loc, "field '%s' follows optional field '%s' and must be "
				  "optional too", field->name, prev->name);
			return;
		}
	for (const struct idl_member *other = decl->members; field->optional && other; other = other->next)
		if (other->type && idl_has_sequence(other->type)) {
			idl_error(ck->prog, field->loc, "optional field '%s' cannot be in a struct with a "
				  "sequence ('%s')", field->name, other->name);
			return;
		}
}

static void check_struct(struct checker *ck, struct idl_decl *decl)
{
	uint64_t words = 0;
	for (struct idl_member *field = decl->members; field; field = field->next) {
		for (struct idl_member *prev = decl->members; prev != field; prev = prev->next)
			if (strcmp(prev->name, field->name) == 0)
				idl_error(ck->prog, field->loc, "duplicate field '%s'", field->name);
		if (resolve_type(ck, decl->scope, field->type, PLACE_FIELD))
			words += idl_type_words(field->type);
		check_count_clash(ck, decl->members, field, "field");
	}
	for (const struct idl_member *field = decl->members; field; field = field->next)
		check_optional_field(ck, decl, field);
	decl->words = words > 0xffff ? 0xffff : (uint32_t)words;
}

/* Whether a request may end early, before param: only when no size before
 * it varies. what names param in the errors. */
static int request_can_end_at(struct checker *ck, const struct idl_decl *op, const struct idl_member *param,
			      const char *what)
{
	for (const struct idl_member *other = op->members; other; other = other->next) {
		if (idl_is_bulk(other->type)) {
			/* Even an out bulk parameter puts its offset and capacity in the request. */
			idl_error(ck->prog, param->loc, "%s '%s' cannot be in an operation with "
				  "a bulk parameter ('%s')", what, param->name, other->name);
			return 0;
		}
		if ((other->dir & IDL_IN) && idl_is_variable(other->type)) {
			idl_error(ck->prog, param->loc, "%s '%s' cannot be in an operation with "
				  "a string or buffer in parameter ('%s')", what, param->name, other->name);
			return 0;
		}
		if ((other->dir & IDL_IN) && other->type && idl_has_sequence(other->type)) {
			idl_error(ck->prog, param->loc, "%s '%s' cannot be in an operation with "
				  "a sequence in parameter ('%s')", what, param->name, other->name);
			return 0;
		}
	}
	return 1;
}

/* An optional parameter is one that a newer server added at the end of the
 * request: old clients stop before it, so it and those after it must be fixed
 * in-only parameters, with no string or buffer whose bytes would follow them. */
static void check_optional(struct checker *ck, const struct idl_decl *op, const struct idl_member *param)
{
	if (param->dir != IDL_IN) {
		idl_error(ck->prog, param->loc, "optional parameter '%s' must be 'in'", param->name);
		return;
	}
	if (!request_can_end_at(ck, op, param, "optional parameter"))
		return;
	for (const struct idl_member *later = param->next; later; later = later->next) {
		if ((later->dir & IDL_IN) && !later->optional) {
			idl_error(ck->prog, later->loc, "parameter '%s' follows optional parameter '%s' and must "
				  "be optional too", later->name, param->name);
			return;
		}
	}
}

/* A struct with optional fields grows at its end, so it must end the request:
 * an in parameter, the last one, with no optional parameter beside it. */
static void check_extensible(struct checker *ck, const struct idl_decl *op, const struct idl_member *param)
{
	if (param->dir != IDL_IN) {
		idl_error(ck->prog, param->loc, "parameter '%s' (a struct with optional fields) must be 'in'",
			  param->name);
		return;
	}
	if (!request_can_end_at(ck, op, param, "parameter"))
		return;
	for (const struct idl_member *other = op->members; other; other = other->next) {
		if (other->optional) {
			idl_error(ck->prog, other->loc, "optional parameter '%s' cannot be in an operation with "
				  "a struct with optional fields ('%s')", other->name, param->name);
			return;
		}
	}
	for (const struct idl_member *later = param->next; later; later = later->next) {
		if (later->dir & IDL_IN) {
			idl_error(ck->prog, later->loc, "parameter '%s' follows '%s', a struct with optional "
				  "fields, which must be the last in parameter", later->name, param->name);
			return;
		}
	}
}

/* A bulk parameter's bytes sit in the caller's shared buffer while the caller
 * waits for the reply, so the operation is not oneway. A deferred operation
 * may take them: its reply token records where the dispatch resolved its one
 * out bulk buffer, so the later reply writes there. Strings go in (the server
 * copies them out of the shared buffer to NUL-terminate them); buffers go in
 * or out. */
static void check_bulk(struct checker *ck, const struct idl_decl *op, const struct idl_member *param)
{
	if (op->op_flags & IDL_OP_ONEWAY)
		idl_error(ck->prog, param->loc, "bulk parameter '%s' cannot be in a oneway operation", param->name);
	else if (param->dir == IDL_INOUT)
		idl_error(ck->prog, param->loc, "bulk parameter '%s' must be 'in' or 'out', not 'inout'", param->name);
	else if (param->dir == IDL_OUT && idl_base_type(param->type)->kind == IDL_T_STRING)
		idl_error(ck->prog, param->loc, "bulk string '%s' must be 'in' (return text as an out bulk buffer)",
			  param->name);
	else if (param->dir == IDL_OUT && (op->op_flags & IDL_OP_DEFERRED))
		for (const struct idl_member *prev = op->members; prev != param; prev = prev->next)
			if (prev->dir == IDL_OUT && idl_is_bulk(prev->type))
				idl_error(ck->prog, param->loc, "deferred operation '%s' can have only one out bulk "
					  "buffer ('%s' and '%s')", op->name, prev->name, param->name);
}

static void check_operation(struct checker *ck, struct idl_decl *op)
{
	struct idl_decl *iface = op->scope;
	if (op->has_value) {
		if (resolve_value(ck, iface, &op->value)) {
			if (op->value.num < 0 || op->value.num > IDL_OP_MAX)
				idl_error(ck->prog, op->value.loc, "operation number %lld is out of range (0..0x%x)",
					  (long long)op->value.num, IDL_OP_MAX);
			op->opnum = (uint32_t)op->value.num;
		}
	} else {
		op->opnum = idl_derived_opnum(idl_printf(ck->prog, "%s.%s", iface->name, op->name));
	}
	int resolved = 1;
	for (struct idl_member *param = op->members; param; param = param->next) {
		for (struct idl_member *prev = op->members; prev != param; prev = prev->next)
			if (strcmp(prev->name, param->name) == 0)
				idl_error(ck->prog, param->loc, "duplicate parameter '%s'", param->name);
		if ((op->op_flags & IDL_OP_ONEWAY) && (param->dir & IDL_OUT))
			idl_error(ck->prog, param->loc, "oneway operation '%s' cannot have %s parameter '%s'",
				  op->name, param->dir == IDL_OUT ? "out" : "inout", param->name);
		if (!resolve_type(ck, iface, param->type, PLACE_PARAM))
			resolved = 0;
		else if (param->type->kind == IDL_T_SEQUENCE && param->dir == IDL_INOUT)
			idl_error(ck->prog, param->loc, "sequence '%s' must be 'in' or 'out', not 'inout'", param->name);
		else if (idl_is_extensible(param->type))
			check_extensible(ck, op, param);
		else if (param->optional)
			check_optional(ck, op, param);
		else if (idl_is_bulk(param->type))
			check_bulk(ck, op, param);
	}
	for (struct idl_member *param = op->members; param; param = param->next) {
		check_count_clash(ck, op->members, param, "parameter");
	}
	uint64_t request = resolved ? idl_op_words(op, IDL_IN, 1) : 0;
	uint64_t reply = resolved ? idl_op_words(op, IDL_OUT, 1) : 0;
	if (request > IDL_MSG_WORDS)
		idl_error(ck->prog, op->loc, "request of '%s' needs up to %llu words, more than the %d message registers",
			  op->name, (unsigned long long)request, IDL_MSG_WORDS);
	if (reply > IDL_MSG_WORDS)
		idl_error(ck->prog, op->loc, "reply of '%s' needs up to %llu words, more than the %d message registers",
			  op->name, (unsigned long long)reply, IDL_MSG_WORDS);
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
		if (decl->kind != IDL_D_ENUM && decl->kind != IDL_D_FLAGS)
			continue;
		for (struct idl_member *item = decl->members; item; item = item->next) {
			struct idl_decl *clash = find_in(list, item->name);
			if (clash)
				idl_error(ck->prog, item->loc, "enumerator '%s' clashes with '%s' declared at %s:%d:%d",
					  item->name, clash->name, clash->loc.file->path, clash->loc.line, clash->loc.col);
			for (struct idl_decl *other = list; other != decl; other = other->next) {
				if (other->kind != IDL_D_ENUM && other->kind != IDL_D_FLAGS)
					continue;
				for (struct idl_member *seen = other->members; seen; seen = seen->next)
					if (strcmp(seen->name, item->name) == 0)
						idl_error(ck->prog, item->loc, "%s '%s' is also in %s '%s'",
							  decl->kind == IDL_D_ENUM ? "enumerator" : "flag", item->name,
							  other->kind == IDL_D_ENUM ? "enum" : "flag set", other->name);
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
	for (struct idl_member *old = iface->accepts; old; old = old->next) {
		if (!resolve_value(ck, NULL, &old->value))
			continue;
		if (old->value.num < 0 || old->value.num >= iface->iface_version.num)
			idl_error(ck->prog, old->value.loc, "accepted version %lld is not older than version %lld",
				  (long long)old->value.num, (long long)iface->iface_version.num);
		for (struct idl_member *prev = iface->accepts; prev != old; prev = prev->next)
			if (prev->value.num == old->value.num)
				idl_error(ck->prog, old->value.loc, "version %lld is accepted twice",
					  (long long)old->value.num);
	}
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
	if (decl->kind == IDL_D_ENUM || decl->kind == IDL_D_FLAGS || decl->kind == IDL_D_STRUCT ||
	    decl->kind == IDL_D_OPERATION)
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
	case IDL_D_FLAGS:
		check_flags(ck, decl);
		decl->words = idl_type_words(decl->type);
		break;
	case IDL_D_TYPEDEF:
		if (decl->type->kind == IDL_T_SEQUENCE)
			idl_error(ck->prog, decl->type->loc, "a sequence cannot be named by a typedef (its count "
				  "is a C name of its own): write it where it is used");
		else if (resolve_type(ck, decl->scope, decl->type, PLACE_PARAM))
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

/* compat.c - idlc --compat: whether servers built from a new version of the
 * interfaces still serve clients built from an old one, rule by rule. */
#include <string.h>
#include "compat.h"
#include "diag.h"
#include "wire.h"

struct compat {
	struct idl_program *report;	/* errors are counted here */
	struct idl_program *new_prog;
};

static struct idl_decl *find_named(struct idl_decl *list, enum idl_decl_kind kind, const char *name)
{
	for (struct idl_decl *decl = list; decl; decl = decl->next)
		if (decl->kind == kind && strcmp(decl->name, name) == 0)
			return decl;
	return NULL;
}

/* The new program's declaration matching old's kind, name and scope. */
static struct idl_decl *counterpart(struct compat *cp, const struct idl_decl *old)
{
	if (old->scope) {
		struct idl_decl *iface = counterpart(cp, old->scope);
		return iface ? find_named(iface->body, old->kind, old->name) : NULL;
	}
	for (struct idl_file *file = cp->new_prog->files; file; file = file->next) {
		struct idl_decl *found = find_named(file->decls, old->kind, old->name);
		if (found)
			return found;
	}
	return NULL;
}

static struct idl_member *find_member(struct idl_member *list, const char *name)
{
	for (struct idl_member *member = list; member; member = member->next)
		if (member->name && strcmp(member->name, name) == 0)
			return member;
	return NULL;
}

static int member_index(const struct idl_member *list, const struct idl_member *member)
{
	int index = 1;
	for (; list && list != member; list = list->next)
		index++;
	return index;
}

/* Whether two checked types have the same wire form and meaning. */
static int same_type(const struct idl_type *old, const struct idl_type *new)
{
	old = idl_base_type(old);
	new = idl_base_type(new);
	if (old->kind != new->kind)
		return 0;
	switch (old->kind) {
	case IDL_T_INT:
		return old->bits == new->bits && old->is_signed == new->is_signed;
	case IDL_T_STRING:
	case IDL_T_BUFFER:
		return old->bound.num == new->bound.num && old->bulk == new->bulk;
	case IDL_T_ARRAY:
	case IDL_T_SEQUENCE:
		return old->bound.num == new->bound.num && same_type(old->elem, new->elem);
	case IDL_T_NAMED:
		break;
	default:
		return 1;
	}
	const struct idl_decl *a = old->decl, *b = new->decl;
	if (a->kind != b->kind)
		return 0;
	const struct idl_member *x = a->members, *y = b->members;
	if (a->kind == IDL_D_ENUM) {
		/* Every value an old peer knows must mean the same. */
		for (; x; x = x->next) {
			const struct idl_member *match = find_member(b->members, x->name);
			if (!match || match->value.num != x->value.num)
				return 0;
		}
		return 1;
	}
	for (; x && y; x = x->next, y = y->next)
		if (strcmp(x->name, y->name) != 0 || !same_type(x->type, y->type))
			return 0;
	/* Optional fields added at the end: old requests stop before them. */
	while (y && y->optional)
		y = y->next;
	return !x && !y;
}

static const char *dir_name(enum idl_dir dir)
{
	return dir == IDL_IN ? "in" : dir == IDL_OUT ? "out" : "inout";
}

static void compare_struct(struct compat *cp, const struct idl_decl *old, const struct idl_decl *new)
{
	const struct idl_member *x = old->members, *y = new->members;
	for (; x; x = x->next, y = y ? y->next : NULL) {
		struct idl_member *moved = find_member(new->members, x->name);
		if (!moved)
			idl_error(cp->report, x->loc, "field '%s' of struct '%s' was removed", x->name, old->name);
		else if (moved != y)
			idl_error(cp->report, moved->loc, "field '%s' of struct '%s' moved from position %d to %d",
				  x->name, old->name, member_index(old->members, x), member_index(new->members, moved));
		else if (!same_type(x->type, y->type))
			idl_error(cp->report, y->loc, "field '%s' of struct '%s' changed its type", x->name, old->name);
		else if (x->optional && !y->optional)
			idl_error(cp->report, y->loc, "field '%s' of struct '%s' is no longer optional", x->name,
				  old->name);
	}
	for (; y; y = y->next)
		if (!find_member(old->members, y->name) && !y->optional)
			idl_error(cp->report, y->loc, "field '%s' was added to struct '%s' without 'optional': "
				  "its wire layout changed", y->name, old->name);
}

static void compare_values(struct compat *cp, const struct idl_decl *old, const struct idl_decl *new)
{
	for (const struct idl_member *x = old->members; x; x = x->next) {
		const struct idl_member *y = find_member(new->members, x->name);
		if (!y)
			idl_error(cp->report, x->loc, "'%s' was removed from '%s'", x->name, old->name);
		else if (y->value.num != x->value.num)
			idl_error(cp->report, y->loc, "'%s' changed its value from %lld to %lld", x->name,
				  (long long)x->value.num, (long long)y->value.num);
	}
}

static void compare_operation(struct compat *cp, const struct idl_decl *old, const struct idl_decl *new)
{
	if (old->opnum != new->opnum)
		idl_error(cp->report, new->loc, "operation '%s' changed its number from 0x%x to 0x%x",
			  old->name, old->opnum, new->opnum);
	if ((old->op_flags & IDL_OP_ONEWAY) != (new->op_flags & IDL_OP_ONEWAY))
		idl_error(cp->report, new->loc, "operation '%s' %s oneway", old->name,
			  new->op_flags & IDL_OP_ONEWAY ? "became" : "is no longer");
	const struct idl_member *x = old->members, *y = new->members;
	for (; x && y; x = x->next, y = y->next) {
		if (x->dir != y->dir)
			idl_error(cp->report, y->loc, "parameter %d of '%s' changed its direction from %s to %s",
				  member_index(old->members, x), old->name, dir_name(x->dir), dir_name(y->dir));
		else if (!same_type(x->type, y->type))
			idl_error(cp->report, y->type->loc, "parameter %d of '%s' ('%s') changed its type",
				  member_index(old->members, x), old->name, y->name);
		else if (x->optional && !y->optional)
			idl_error(cp->report, y->loc, "parameter '%s' of '%s' is no longer optional", y->name,
				  old->name);
	}
	for (; x; x = x->next)
		idl_error(cp->report, x->loc, "parameter '%s' of '%s' was removed", x->name, old->name);
	for (; y; y = y->next)
		if (!y->optional)
			idl_error(cp->report, y->loc, "parameter '%s' was added to '%s' without 'optional'",
				  y->name, old->name);
}

static int accepts_version(const struct idl_decl *iface, int64_t version)
{
	if (iface->iface_version.num == version)
		return 1;
	for (const struct idl_member *old = iface->accepts; old; old = old->next)
		if (old->value.num == version)
			return 1;
	return 0;
}

static void compare_decl(struct compat *cp, const struct idl_decl *old);

static void compare_interface(struct compat *cp, const struct idl_decl *old, const struct idl_decl *new)
{
	if (old->iface_id.num != new->iface_id.num)
		idl_error(cp->report, new->iface_id.loc, "interface '%s' changed its id from 0x%llx to 0x%llx",
			  old->name, (unsigned long long)old->iface_id.num, (unsigned long long)new->iface_id.num);
	if (!accepts_version(new, old->iface_version.num))
		idl_error(cp->report, new->iface_version.loc, "interface '%s' went from version %lld to %lld "
			  "without 'accepts %lld': old clients would get EPROTONOSUPPORT", old->name,
			  (long long)old->iface_version.num, (long long)new->iface_version.num,
			  (long long)old->iface_version.num);
	for (const struct idl_decl *decl = old->body; decl; decl = decl->next)
		compare_decl(cp, decl);
}

static const char *kind_name(enum idl_decl_kind kind)
{
	switch (kind) {
	case IDL_D_CONST:
		return "constant";
	case IDL_D_ENUM:
		return "enum";
	case IDL_D_FLAGS:
		return "flag set";
	case IDL_D_TYPEDEF:
		return "typedef";
	case IDL_D_STRUCT:
		return "struct";
	case IDL_D_OPERATION:
		return "operation";
	default:
		return "interface";
	}
}

static void compare_decl(struct compat *cp, const struct idl_decl *old)
{
	if (old->kind == IDL_D_IMPORT || old->kind == IDL_D_USES)
		return;
	const struct idl_decl *new = counterpart(cp, old);
	if (!new) {
		idl_error(cp->report, old->loc, "%s '%s' was removed", kind_name(old->kind), old->name);
		return;
	}
	switch (old->kind) {
	case IDL_D_CONST:
		if (old->value.num != new->value.num)
			idl_error(cp->report, new->value.loc, "constant '%s' changed its value from %lld to %lld",
				  old->name, (long long)old->value.num, (long long)new->value.num);
		break;
	case IDL_D_ENUM:
		compare_values(cp, old, new);
		break;
	case IDL_D_FLAGS:
		if (!same_type(old->type, new->type))
			idl_error(cp->report, new->type->loc, "flag set '%s' changed its type", old->name);
		compare_values(cp, old, new);
		break;
	case IDL_D_TYPEDEF:
		if (!same_type(old->type, new->type))
			idl_error(cp->report, new->loc, "typedef '%s' changed its type", old->name);
		break;
	case IDL_D_STRUCT:
		compare_struct(cp, old, new);
		break;
	case IDL_D_OPERATION:
		compare_operation(cp, old, new);
		break;
	case IDL_D_INTERFACE:
		compare_interface(cp, old, new);
		break;
	default:
		break;
	}
}

int idl_compat(struct idl_program *old_prog, struct idl_program *new_prog)
{
	struct compat cp = { .report = new_prog, .new_prog = new_prog };
	int errors_before = new_prog->errors;
	for (struct idl_file *file = old_prog->files; file; file = file->next)
		for (struct idl_decl *decl = file->decls; decl; decl = decl->next)
			compare_decl(&cp, decl);
	return new_prog->errors - errors_before;
}

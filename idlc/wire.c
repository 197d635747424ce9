/* wire.c - the wire layout rules, written once: what a type is underneath, how many
 * words it takes, how small integers pack in arrays, and derived operation numbers. */
#include "wire.h"

const struct idl_type *idl_base_type(const struct idl_type *type)
{
	while (type->kind == IDL_T_NAMED && type->decl &&
	       (type->decl->kind == IDL_D_TYPEDEF || type->decl->kind == IDL_D_FLAGS))
		type = type->decl->type;
	return type;
}

/* Arrays of 8- and 16-bit integers travel packed, several to a word. */
int idl_packed_bytes(const struct idl_type *elem)
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
		if (type->bulk)
			return 2;
		return 1 + (uint32_t)(type->bound.num + 3) / 4;
	case IDL_T_ARRAY:
		if (idl_packed_bytes(type->elem))
			words = ((uint64_t)type->bound.num * (uint64_t)idl_packed_bytes(type->elem) + 3) / 4;
		else
			words = (uint64_t)type->bound.num * idl_type_words(type->elem);
		return words > 0xffff ? 0xffff : (uint32_t)words;
	case IDL_T_NAMED:
		return type->decl ? type->decl->words : 1;
	case IDL_T_SEQUENCE:
		words = 1 + (uint64_t)type->bound.num * idl_type_words(type->elem);
		return words > 0xffff ? 0xffff : (uint32_t)words;
	default:
		return 1;
	}
}

/* Fewest words a checked fixed-position type takes: every sequence in it empty. */
uint32_t idl_type_min_words(const struct idl_type *type)
{
	type = idl_base_type(type);
	uint64_t words = 0;
	switch (type->kind) {
	case IDL_T_SEQUENCE:
		return 1;
	case IDL_T_ARRAY:
		if (!idl_has_sequence(type->elem))
			return idl_type_words(type);
		words = (uint64_t)type->bound.num * idl_type_min_words(type->elem);
		break;
	case IDL_T_NAMED:
		if (!type->decl || type->decl->kind != IDL_D_STRUCT)
			return idl_type_words(type);
		for (const struct idl_member *field = type->decl->members; field; field = field->next)
			words += idl_type_min_words(field->type);
		break;
	default:
		return idl_type_words(type);
	}
	return words > 0xffff ? 0xffff : (uint32_t)words;
}

int idl_has_sequence(const struct idl_type *type)
{
	type = idl_base_type(type);
	if (type->kind == IDL_T_SEQUENCE)
		return 1;
	if (type->kind == IDL_T_ARRAY)
		return idl_has_sequence(type->elem);
	if (type->kind == IDL_T_NAMED && type->decl && type->decl->kind == IDL_D_STRUCT)
		for (const struct idl_member *field = type->decl->members; field; field = field->next)
			if (idl_has_sequence(field->type))
				return 1;
	return 0;
}

/* A struct with optional trailing fields: old clients send it shorter. */
int idl_is_extensible(const struct idl_type *type)
{
	type = idl_base_type(type);
	if (type->kind != IDL_T_NAMED || !type->decl || type->decl->kind != IDL_D_STRUCT)
		return 0;
	for (const struct idl_member *field = type->decl->members; field; field = field->next)
		if (field->optional)
			return 1;
	return 0;
}

int idl_is_variable(const struct idl_type *type)
{
	type = idl_base_type(type);
	return type->kind == IDL_T_STRING || type->kind == IDL_T_BUFFER;
}

int idl_is_bulk(const struct idl_type *type)
{
	return idl_is_variable(type) && idl_base_type(type)->bulk;
}

int idl_in_message(const struct idl_type *type)
{
	return idl_is_variable(type) && !idl_base_type(type)->bulk;
}

uint64_t idl_op_words(const struct idl_decl *op, int dir, int at_bound)
{
	uint64_t words = 1;
	for (const struct idl_member *param = op->members; param; param = param->next) {
		if (idl_is_bulk(param->type))
			words += dir == IDL_IN ? 2 : (param->dir & IDL_OUT) ? 1 : 0;
		else if ((param->dir & dir) && at_bound)
			words += idl_type_words(param->type);
		else if (param->dir & dir)
			words += idl_is_variable(param->type) ? 1 : idl_type_min_words(param->type);
	}
	return words;
}

uint32_t idl_fnv1a(const char *text)
{
	uint32_t hash = 2166136261u;
	for (; *text; text++) {
		hash ^= (unsigned char)*text;
		hash *= 16777619u;
	}
	return hash;
}

uint32_t idl_derived_opnum(const char *key)
{
	return IDL_OP_DERIVED_BASE + idl_fnv1a(key) % (IDL_OP_MAX + 1 - IDL_OP_DERIVED_BASE);
}

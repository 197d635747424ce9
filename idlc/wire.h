/* wire.h - the wire layout of checked declarations. */
#ifndef IDLC_WIRE_H
#define IDLC_WIRE_H

#include <stdint.h>
#include "ast.h"

const struct idl_type *idl_base_type(const struct idl_type *type);
int idl_packed_bytes(const struct idl_type *elem);
int idl_is_variable(const struct idl_type *type);
/* A struct with optional (trailing) fields: a request may end inside it. */
int idl_is_extensible(const struct idl_type *type);
/* A bulk string or buffer: two words (offset, length) in the message. */
int idl_is_bulk(const struct idl_type *type);
/* A string or buffer whose bytes travel inside the message. */
int idl_in_message(const struct idl_type *type);
uint32_t idl_type_words(const struct idl_type *type);
/* Fewest words: each sequence inside counted as its count word alone. */
uint32_t idl_type_min_words(const struct idl_type *type);
/* Whether a sequence lies anywhere in type (its size then varies). */
int idl_has_sequence(const struct idl_type *type);
/* Words after the tag in op's request (IDL_IN) or reply (IDL_OUT); strings and
 * buffers count as their length word and sequences as empty, or with at_bound
 * each as the most it takes.
 * A bulk parameter of either direction puts (offset, length) in the request,
 * and an out one its used length in the reply. */
uint64_t idl_op_words(const struct idl_decl *op, int dir, int at_bound);
/* Message words, the tag included, that the kernel passes in registers
 * (L4_MR_IN_REGS, docs/kernel-abi.md); IDLRT_REG_WORDS in generated code. */
#define IDL_REG_WORDS	6
uint32_t idl_fnv1a(const char *text);
uint32_t idl_derived_opnum(const char *key);

#endif

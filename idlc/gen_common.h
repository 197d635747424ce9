/* gen_common.h - what the C back ends share: the output state, names, C types, wire encode/decode. */
#ifndef IDLC_GEN_COMMON_H
#define IDLC_GEN_COMMON_H

#include <stdio.h>
#include "ast.h"

struct gen {
	struct idl_program *prog;
	struct idl_file *file;
	FILE *out;
	int trace;		/* server: emit the tracer */
	int depth;		/* nesting of generated loops */
};

void gen_banner(struct gen *g, const char *what);
char *gen_prefix(struct gen *g, const struct idl_decl *scope);
char *gen_upper(struct gen *g, const char *text);
char *gen_decl_name(struct gen *g, const struct idl_decl *decl);
char *gen_value(struct gen *g, const struct idl_value *value);
char *gen_value_source(struct gen *g, const struct idl_value *value);
char *gen_ctype(struct gen *g, const struct idl_type *type);
char *gen_cdecl(struct gen *g, const struct idl_type *type, const char *name, int is_const);
char *gen_params(struct gen *g, const struct idl_decl *op, int server);
void gen_doc(struct gen *g, const char *indent, const char *doc);
void gen_doc_open(struct gen *g, const struct idl_decl *op);
int gen_is_array(const struct idl_type *type);
int gen_is_struct(const struct idl_type *type);
uint32_t gen_bound(const struct idl_type *type);

/* Encode expr (an lvalue of type) at mr[w++]; decode into expr, jumping to bad. */
void gen_encode(struct gen *g, const char *indent, const char *expr, const struct idl_type *type);
void gen_decode(struct gen *g, const char *indent, const char *expr, const struct idl_type *type,
		const char *bad);
/* A sequence: its elements elems and its count count (C expressions). The
 * encoder sends a count over the bound with no elements (the receiver
 * refuses it); the decoder refuses one with goto idl_too_long and adds the
 * elements' words to idl_need. */
void gen_seq_encode(struct gen *g, const char *indent, const char *elems, const char *count,
		    const struct idl_type *type);
void gen_seq_decode(struct gen *g, const char *indent, const char *elems, const char *count,
		    const struct idl_type *type, const char *bad);
/* Whether op's params with direction dir hold a sequence anywhere (the code then needs idl_too_long). */
int gen_op_has_sequence(const struct idl_decl *op, int dir);
/* Whether every message of op in direction dir has the same length: no
 * sequence, no string or buffer inside the message, nothing optional. Its
 * decode then checks the length once, exactly, before reading a word. */
int gen_op_fixed_length(const struct idl_decl *op, int dir);
/* Whether decoding op's params with direction dir reads through the idl_v temporary. */
int gen_op_needs_temp(const struct idl_decl *op, int dir);

/* Variable parts (strings, buffers) of the params with direction dir. */
/* The length a string or buffer param has on this side, as a C expression. */
char *gen_var_length(struct gen *g, const struct idl_member *param, int dir, int server);
void gen_var_lengths_encode(struct gen *g, const struct idl_decl *op, int dir, int server);
void gen_var_data_encode(struct gen *g, const struct idl_decl *op, int dir, int server);
void gen_var_data_decode(struct gen *g, const struct idl_decl *op, int dir, int server, const char *bad);

#endif

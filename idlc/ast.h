/* ast.h - the parsed IDL declarations shared by the parser, checker and generators,
 * and the functions over them (by the file that holds each). */
#ifndef IDLC_AST_H
#define IDLC_AST_H

#include <stdint.h>
#include <stdio.h>

struct idl_loc {
	const struct idl_file *file;
	int line;
	int col;
};

#define IDL_MSG_WORDS		63	/* words after the tag (L4_MSG_MAX_WORDS) */
#define IDL_OP_MAX		0xefff
#define IDL_OP_DERIVED_BASE	0x1000
#define IDL_BULK_MAX_BOUND	(1 << 20)	/* most bytes one bulk parameter names */

/* Operators of constant expressions that are not one character. */
#define IDL_OP_SHL	256
#define IDL_OP_SHR	257

/* A constant expression: a number as written, the name of a constant, or an
 * operator over one (unary: lhs only) or two operands. */
struct idl_value {
	int op;			/* 0 for a number or a name; else '|', '+', IDL_OP_SHL, ... */
	char *ref;		/* constant name, or NULL */
	char *text;		/* a number as written (NULL for a name or an operator) */
	int64_t num;		/* the number, or the expression's value once checked */
	int radix;		/* 10, 16 or 8: how the value reads best in C (set by the checker) */
	struct idl_value *lhs, *rhs;
	struct idl_loc loc;
};

enum idl_type_kind {
	IDL_T_INT,		/* int8..uint64: bits, is_signed */
	IDL_T_BOOL,
	IDL_T_UINTPTR,
	IDL_T_STRING,		/* string<bound> */
	IDL_T_BUFFER,		/* buffer<bound> */
	IDL_T_ARRAY,		/* elem[bound] */
	IDL_T_NAMED,		/* enum, struct or typedef, resolved into decl */
};

struct idl_decl;

struct idl_type {
	enum idl_type_kind kind;
	int bits;
	int is_signed;
	struct idl_value bound;
	struct idl_type *elem;
	char *name;
	struct idl_decl *decl;
	int bulk;		/* string/buffer: travels in the caller's shared buffer */
	struct idl_loc loc;
};

enum idl_dir { IDL_IN = 1, IDL_OUT = 2, IDL_INOUT = IDL_IN | IDL_OUT };

/* An enumerator or flag, a struct field, an operation parameter or a used interface. */
struct idl_member {
	char *name;
	char *doc;
	struct idl_type *type;
	struct idl_value value;
	int has_value;
	int checked;		/* enumerator or flag: its value is known */
	int optional;		/* parameter: old clients may leave it out (reads as 0) */
	enum idl_dir dir;
	struct idl_decl *target;	/* uses: the interface named, if known */
	struct idl_loc loc;
	struct idl_member *next;
};

enum idl_decl_kind {
	IDL_D_IMPORT,
	IDL_D_CONST,
	IDL_D_ENUM,
	IDL_D_FLAGS,
	IDL_D_TYPEDEF,
	IDL_D_STRUCT,
	IDL_D_OPERATION,
	IDL_D_USES,
	IDL_D_INTERFACE,
};

#define IDL_OP_ONEWAY	1
#define IDL_OP_DEFERRED	2

struct idl_decl {
	enum idl_decl_kind kind;
	char *name;		/* for an import: the quoted path */
	char *doc;
	struct idl_loc loc;
	struct idl_type *type;		/* const's type, typedef's target, flag set's integer type */
	struct idl_value value;		/* const's value, operation number */
	int has_value;
	int op_flags;
	uint32_t opnum;			/* checked operation number */
	struct idl_member *members;
	struct idl_value iface_id;	/* interface */
	struct idl_value iface_version;
	struct idl_member *accepts;	/* interface: older versions it still serves */
	struct idl_decl *body;		/* interface contents */
	struct idl_decl *scope;		/* enclosing interface, or NULL */
	struct idl_file *imported;	/* import: the file it names */
	int check_state;		/* checker: 0 new, 1 in progress, 2 done */
	int emitted;			/* header generator: already written */
	int visit;			/* checker: uses-graph walk */
	uint32_t words;			/* checked wire size of a type, in words */
	struct idl_decl *next;
};

struct idl_file {
	char *path;
	char *base;		/* file name without directory and ".idl" */
	char *text;		/* the source, for diagnostics */
	size_t text_len;
	int on_command_line;
	int reported;		/* driver: already named in an error */
	struct idl_decl *decls;
	struct idl_file *next;
};

/* Everything compiled together; owns all memory through one arena. */
struct idl_program {
	struct idl_file *files;
	FILE *diag;
	int errors;
	const char **include_dirs;
	int num_include_dirs;
	int allow_imports;
	int import_depth;
	struct idl_chunk *arena;
};

/* arena.c */
void idl_program_init(struct idl_program *prog, FILE *diag);
void idl_program_free(struct idl_program *prog);
void *idl_alloc(struct idl_program *prog, size_t size);
char *idl_strdup(struct idl_program *prog, const char *text, size_t len);
char *idl_printf(struct idl_program *prog, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* diag.c: reports "file:line:col: error: ..." with the source line and a caret. */
void idl_error(struct idl_program *prog, struct idl_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* load.c: parses one file's text into prog (and its imports); returns it, or NULL. */
struct idl_file *idl_parse_text(struct idl_program *prog, const char *path,
				const char *text, size_t len, int on_command_line);
struct idl_file *idl_parse_path(struct idl_program *prog, const char *path,
				int on_command_line);

/* check.c: semantic checks over every loaded file; returns the number of errors. */
int idl_check(struct idl_program *prog);

/* compat.c: reports each way in which servers built from new_prog would fail
 * clients built from old_prog (both checked); returns the number of errors. */
int idl_compat(struct idl_program *old_prog, struct idl_program *new_prog);

/* wire.c: the wire layout of checked declarations. */
const struct idl_type *idl_base_type(const struct idl_type *type);
int idl_packed_bytes(const struct idl_type *elem);
int idl_is_variable(const struct idl_type *type);
/* A bulk string or buffer: two words (offset, length) in the message. */
int idl_is_bulk(const struct idl_type *type);
/* A string or buffer whose bytes travel inside the message. */
int idl_in_message(const struct idl_type *type);
uint32_t idl_type_words(const struct idl_type *type);
/* Words after the tag in op's request (IDL_IN) or reply (IDL_OUT); strings and
 * buffers count as their length word, or with at_bound as the most they take.
 * A bulk parameter of either direction puts (offset, length) in the request,
 * and an out one its used length in the reply. */
uint64_t idl_op_words(const struct idl_decl *op, int dir, int at_bound);
uint32_t idl_fnv1a(const char *text);
uint32_t idl_derived_opnum(const char *key);

#endif

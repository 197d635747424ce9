/* ast.h - the parsed IDL declarations shared by the parser, checker and generators
 * (types only: each module's header declares its own functions over them). */
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
	IDL_T_SEQUENCE,		/* sequence<elem, bound>: a count, then that many elements */
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
	int octal;		/* unsigned integer: traced in octal (file modes) */
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
	int optional;		/* parameter or trailing struct field: old clients may leave it out (reads as 0) */
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

#endif

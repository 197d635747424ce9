/* parser.y - the IDL grammar: builds the declarations of one file. */
%define api.pure full
%define parse.error verbose
%locations
%param {void *scanner}
%parse-param {struct idl_parse *ps}

%code requires {
#include "ast.h"
#include "parse.h"
}

%union {
	int64_t num;
	char *text;
	struct idl_type *type;
	struct idl_decl *decl;
	struct idl_member *member;
	struct idl_value value;
	int flags;
}

%code {
#include <string.h>

int yylex(YYSTYPE *lval, YYLTYPE *lloc, void *scanner);

static struct idl_loc at(struct idl_parse *ps, YYLTYPE where)
{
	struct idl_loc loc = { ps->file, where.first_line, where.first_column };
	return loc;
}

static void yyerror(YYLTYPE *where, void *scanner, struct idl_parse *ps, const char *msg)
{
	(void)scanner;
	idl_error(ps->prog, at(ps, *where), "%s", msg);
}

static struct idl_decl *new_decl(struct idl_parse *ps, enum idl_decl_kind kind,
				 char *name, YYLTYPE where)
{
	struct idl_decl *decl = idl_alloc(ps->prog, sizeof(*decl));
	decl->kind = kind;
	decl->name = name;
	decl->loc = at(ps, where);
	return decl;
}

static struct idl_member *new_member(struct idl_parse *ps, char *name, YYLTYPE where)
{
	struct idl_member *member = idl_alloc(ps->prog, sizeof(*member));
	member->name = name;
	member->loc = at(ps, where);
	return member;
}

static struct idl_type *new_type(struct idl_parse *ps, enum idl_type_kind kind, YYLTYPE where)
{
	struct idl_type *type = idl_alloc(ps->prog, sizeof(*type));
	type->kind = kind;
	type->loc = at(ps, where);
	return type;
}

/* Wraps type in an array of the given bound when dims is set. */
static struct idl_type *with_dims(struct idl_parse *ps, struct idl_type *type,
				  const struct idl_value *dims, YYLTYPE where)
{
	if (!dims->loc.file)
		return type;
	struct idl_type *array = new_type(ps, IDL_T_ARRAY, where);
	array->elem = type;
	array->bound = *dims;
	return array;
}

/* Lists are built newest-first (constant time per item) and put in
 * source order once complete. */
static struct idl_member *push_member(struct idl_member *list, struct idl_member *item)
{
	item->next = list;
	return item;
}

static struct idl_member *members_in_order(struct idl_member *list)
{
	struct idl_member *ordered = NULL;
	while (list) {
		struct idl_member *next = list->next;
		list->next = ordered;
		ordered = list;
		list = next;
	}
	return ordered;
}

static struct idl_decl *push_decl(struct idl_decl *list, struct idl_decl *item)
{
	item->next = list;
	return item;
}

static struct idl_decl *decls_in_order(struct idl_decl *list)
{
	struct idl_decl *ordered = NULL;
	while (list) {
		struct idl_decl *next = list->next;
		list->next = ordered;
		ordered = list;
		list = next;
	}
	return ordered;
}
}

%token <text> IDENT "identifier" STRING "string literal" DOC "doc comment"
%token <num> NUMBER "number" INTTYPE "integer type"
%token KW_IMPORT "import" KW_INTERFACE "interface" KW_ID "id" KW_VERSION "version"
%token KW_USES "uses" KW_CONST "const" KW_ENUM "enum" KW_TYPEDEF "typedef"
%token KW_STRUCT "struct" KW_ONEWAY "oneway" KW_DEFERRED "deferred"
%token KW_IN "in" KW_OUT "out" KW_INOUT "inout" KW_INT "int" KW_BOOL "bool"
%token KW_UINTPTR "uintptr" KW_STRING "string" KW_BUFFER "buffer"

%type <text> docs
%type <decl> items item type_decl interface iface_items iface_item operation
%type <member> enumerators enumerator fields field params param_list param names
%type <type> type
%type <value> value dims opnum
%type <flags> op_kind direction

%%

file:
	items			{ ps->file->decls = decls_in_order($1); }
	;

items:
	%empty			{ $$ = NULL; }
	| items item		{ $$ = push_decl($1, $2); }
	;

docs:
	%empty			{ $$ = NULL; }
	| docs DOC		{ $$ = $2; }
	;

item:
	docs KW_IMPORT STRING ';'	{ $$ = new_decl(ps, IDL_D_IMPORT, $3, @3); }
	| docs type_decl		{ $$ = $2; $$->doc = $1; }
	| docs interface		{ $$ = $2; $$->doc = $1; }
	;

value:
	NUMBER			{ $$.ref = NULL; $$.num = $1; $$.loc = at(ps, @1); }
	| '-' NUMBER		{ $$.ref = NULL; $$.num = -$2; $$.loc = at(ps, @1); }
	| IDENT			{ $$.ref = $1; $$.num = 0; $$.loc = at(ps, @1); }
	;

type_decl:
	KW_CONST type IDENT '=' value ';'
		{ $$ = new_decl(ps, IDL_D_CONST, $3, @3); $$->type = $2; $$->value = $5; $$->has_value = 1; }
	| KW_ENUM IDENT '{' enumerators opt_comma '}' ';'
		{ $$ = new_decl(ps, IDL_D_ENUM, $2, @2); $$->members = members_in_order($4); }
	| KW_TYPEDEF type IDENT dims ';'
		{ $$ = new_decl(ps, IDL_D_TYPEDEF, $3, @3); $$->type = with_dims(ps, $2, &$4, @4); }
	| KW_STRUCT IDENT '{' fields '}' ';'
		{ $$ = new_decl(ps, IDL_D_STRUCT, $2, @2); $$->members = members_in_order($4); }
	;

opt_comma:
	%empty | ','
	;

enumerators:
	enumerator			{ $$ = $1; }
	| enumerators ',' enumerator	{ $$ = push_member($1, $3); }
	;

enumerator:
	docs IDENT		{ $$ = new_member(ps, $2, @2); $$->doc = $1; }
	| docs IDENT '=' value	{ $$ = new_member(ps, $2, @2); $$->doc = $1; $$->value = $4; $$->has_value = 1; }
	;

fields:
	field			{ $$ = $1; }
	| fields field		{ $$ = push_member($1, $2); }
	;

field:
	docs type IDENT dims ';'
		{ $$ = new_member(ps, $3, @3); $$->doc = $1; $$->type = with_dims(ps, $2, &$4, @4); }
	;

dims:
	%empty			{ memset(&$$, 0, sizeof($$)); }
	| '[' value ']'		{ $$ = $2; }
	;

type:
	INTTYPE			{ $$ = new_type(ps, IDL_T_INT, @1); $$->bits = (int)($1 < 0 ? -$1 : $1); $$->is_signed = $1 < 0; }
	| KW_BOOL		{ $$ = new_type(ps, IDL_T_BOOL, @1); }
	| KW_UINTPTR		{ $$ = new_type(ps, IDL_T_UINTPTR, @1); }
	| KW_STRING '<' value '>'	{ $$ = new_type(ps, IDL_T_STRING, @1); $$->bound = $3; }
	| KW_BUFFER '<' value '>'	{ $$ = new_type(ps, IDL_T_BUFFER, @1); $$->bound = $3; }
	| IDENT			{ $$ = new_type(ps, IDL_T_NAMED, @1); $$->name = $1; }
	;

interface:
	KW_INTERFACE IDENT KW_ID value KW_VERSION value '{' iface_items '}' ';'
		{
		  $$ = new_decl(ps, IDL_D_INTERFACE, $2, @2);
		  $$->iface_id = $4;
		  $$->iface_version = $6;
		  $$->body = decls_in_order($8);
		  for (struct idl_decl *d = $$->body; d; d = d->next)
			d->scope = $$;
		}
	;

iface_items:
	%empty				{ $$ = NULL; }
	| iface_items iface_item	{ $$ = push_decl($1, $2); }
	;

iface_item:
	docs type_decl		{ $$ = $2; $$->doc = $1; }
	| docs operation	{ $$ = $2; $$->doc = $1; }
	| docs KW_USES names ';'	{ $$ = new_decl(ps, IDL_D_USES, NULL, @2); $$->members = members_in_order($3); }
	;

names:
	IDENT			{ $$ = new_member(ps, $1, @1); }
	| names ',' IDENT	{ $$ = push_member($1, new_member(ps, $3, @3)); }
	;

operation:
	op_kind KW_INT IDENT '(' params ')' opnum ';'
		{
		  $$ = new_decl(ps, IDL_D_OPERATION, $3, @3);
		  $$->op_flags = $1;
		  $$->members = members_in_order($5);
		  $$->value = $7;
		  $$->has_value = $7.loc.file != NULL;
		}
	;

op_kind:
	%empty			{ $$ = 0; }
	| KW_ONEWAY		{ $$ = IDL_OP_ONEWAY; }
	| KW_DEFERRED		{ $$ = IDL_OP_DEFERRED; }
	;

opnum:
	%empty			{ memset(&$$, 0, sizeof($$)); }
	| '=' value		{ $$ = $2; }
	;

params:
	%empty			{ $$ = NULL; }
	| param_list		{ $$ = $1; }
	;

param_list:
	param			{ $$ = $1; }
	| param_list ',' param	{ $$ = push_member($1, $3); }
	;

param:
	docs direction type IDENT dims
		{ $$ = new_member(ps, $4, @4); $$->doc = $1; $$->dir = $2; $$->type = with_dims(ps, $3, &$5, @5); }
	;

direction:
	KW_IN			{ $$ = IDL_IN; }
	| KW_OUT		{ $$ = IDL_OUT; }
	| KW_INOUT		{ $$ = IDL_INOUT; }
	;

%%

/* parser.y - the IDL grammar: builds the declarations of one file, and after a syntax
 * error reports it in the IDL's words and goes on to the next declaration. */
%define api.pure full
%define parse.error custom
/* Lookahead correction: the tokens an error message lists are exactly those the
 * grammar takes there, not those of a default reduction. */
%define parse.lac full
%locations
%param {void *scanner}
%parse-param {struct idl_parse *ps}

%code requires {
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
#include "arena.h"
#include "diag.h"

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

static struct idl_value *value_copy(struct idl_parse *ps, const struct idl_value *value)
{
	struct idl_value *copy = idl_alloc(ps->prog, sizeof(*copy));
	*copy = *value;
	return copy;
}

/* An operator node: op over lhs (and rhs, unless unary), located at the operator. */
static struct idl_value operation(struct idl_parse *ps, int op, const struct idl_value *lhs,
				  const struct idl_value *rhs, YYLTYPE where)
{
	struct idl_value value = { .op = op, .loc = at(ps, where) };
	value.lhs = value_copy(ps, lhs);
	value.rhs = rhs ? value_copy(ps, rhs) : NULL;
	return value;
}

/* Checks a word the grammar takes as a name where only one word fits. */
static void expect_word(struct idl_parse *ps, const char *got, const char *want, YYLTYPE where,
			const char *context)
{
	if (strcmp(got, want) != 0)
		idl_error(ps->prog, at(ps, where), "unknown word '%s' %s (expected '%s')", got, context, want);
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

/* `octal uint32`: an unsigned integer the tracer prints in octal (a file mode). */
static struct idl_type *octal_type(struct idl_parse *ps, const char *word, YYLTYPE where, int64_t inttype)
{
	expect_word(ps, word, "octal", where, "before an integer type");
	struct idl_type *type = new_type(ps, IDL_T_INT, where);
	type->bits = (int)(inttype < 0 ? -inttype : inttype);
	type->octal = 1;
	if (inttype < 0)
		idl_error(ps->prog, type->loc, "'octal' needs an unsigned integer type");
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
	if (!item)
		return list;
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

/* A NULL item is a declaration the parser skipped after a syntax error. */
static struct idl_decl *push_decl(struct idl_decl *list, struct idl_decl *item)
{
	if (!item)
		return list;
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

%token <text> IDENT "a name" STRING "a quoted file name" DOC "a doc comment"
%token <value> NUMBER "a number"
%token <num> INTTYPE "an integer type"
%token SHL "'<<'" SHR "'>>'"
/* The reserved words, from KW_IMPORT to YYSYMBOL_KW_LAST (after the grammar). */
%token KW_IMPORT "import" KW_INTERFACE "interface" KW_ID "id" KW_VERSION "version"
%token KW_USES "uses" KW_CONST "const" KW_ENUM "enum" KW_TYPEDEF "typedef"
%token KW_STRUCT "struct" KW_ONEWAY "oneway" KW_DEFERRED "deferred"
%token KW_IN "in" KW_OUT "out" KW_INOUT "inout" KW_INT "int" KW_BOOL "bool"
%token KW_UINTPTR "uintptr" KW_STRING "string" KW_BUFFER "buffer" KW_BULK "bulk" KW_OPTIONAL "optional"
%token KW_SEQUENCE "sequence"

%type <text> docs
%type <decl> items item type_decl interface iface_items iface_item operation
%type <member> enumerators enumerator fields field params param_list param names accepts versions
%type <type> type
%type <value> value expr dims opnum

%left '|'
%left '^'
%left '&'
%left SHL SHR
%left '+' '-'
%left '*' '/' '%'
%precedence UNARY
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
	| docs type_decl		{ $$ = $2; if ($$) $$->doc = $1; }
	| docs interface		{ $$ = $2; if ($$) $$->doc = $1; }
	| error ';'			{ $$ = NULL; }
	;

value:
	expr
	;

expr:
	NUMBER			{ $$ = $1; $$.loc = at(ps, @1); }
	| IDENT			{ memset(&$$, 0, sizeof($$)); $$.ref = $1; $$.loc = at(ps, @1); }
	| '(' expr ')'		{ $$ = $2; }
	| '-' expr %prec UNARY	{ $$ = operation(ps, '-', &$2, NULL, @1); }
	| '~' expr %prec UNARY	{ $$ = operation(ps, '~', &$2, NULL, @1); }
	| expr '|' expr		{ $$ = operation(ps, '|', &$1, &$3, @2); }
	| expr '^' expr		{ $$ = operation(ps, '^', &$1, &$3, @2); }
	| expr '&' expr		{ $$ = operation(ps, '&', &$1, &$3, @2); }
	| expr SHL expr		{ $$ = operation(ps, IDL_OP_SHL, &$1, &$3, @2); }
	| expr SHR expr		{ $$ = operation(ps, IDL_OP_SHR, &$1, &$3, @2); }
	| expr '+' expr		{ $$ = operation(ps, '+', &$1, &$3, @2); }
	| expr '-' expr		{ $$ = operation(ps, '-', &$1, &$3, @2); }
	| expr '*' expr		{ $$ = operation(ps, '*', &$1, &$3, @2); }
	| expr '/' expr		{ $$ = operation(ps, '/', &$1, &$3, @2); }
	| expr '%' expr		{ $$ = operation(ps, '%', &$1, &$3, @2); }
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
	| KW_STRUCT IDENT '{' error '}' ';'	{ $$ = NULL; }
	| KW_STRUCT IDENT '{' fields error '}' ';'	{ $$ = NULL; }
	| IDENT IDENT ':' type '{' enumerators opt_comma '}' ';'
		{
		  expect_word(ps, $1, "flags", @1, "at the start of a declaration");
		  $$ = new_decl(ps, IDL_D_FLAGS, $2, @2);
		  $$->type = $4;
		  $$->members = members_in_order($6);
		}
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
	| docs KW_OPTIONAL type IDENT dims ';'
		{
		  $$ = new_member(ps, $4, @4);
		  $$->doc = $1;
		  $$->type = with_dims(ps, $3, &$5, @5);
		  $$->optional = 1;
		}
	| error ';'		{ $$ = NULL; }
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
	| KW_BULK KW_STRING '<' value '>'	{ $$ = new_type(ps, IDL_T_STRING, @1); $$->bound = $4; $$->bulk = 1; }
	| KW_BULK KW_BUFFER '<' value '>'	{ $$ = new_type(ps, IDL_T_BUFFER, @1); $$->bound = $4; $$->bulk = 1; }
	| KW_SEQUENCE '<' type ',' value '>'	{ $$ = new_type(ps, IDL_T_SEQUENCE, @1); $$->elem = $3; $$->bound = $5; }
	| IDENT			{ $$ = new_type(ps, IDL_T_NAMED, @1); $$->name = $1; }
	| IDENT INTTYPE		{ $$ = octal_type(ps, $1, @1, $2); }
	;

interface:
	KW_INTERFACE IDENT KW_ID value KW_VERSION value accepts '{' iface_items '}' ';'
		{
		  $$ = new_decl(ps, IDL_D_INTERFACE, $2, @2);
		  $$->iface_id = $4;
		  $$->iface_version = $6;
		  $$->accepts = members_in_order($7);
		  $$->body = decls_in_order($9);
		  for (struct idl_decl *d = $$->body; d; d = d->next)
			d->scope = $$;
		}
	| KW_INTERFACE IDENT KW_ID value KW_VERSION value accepts '{' iface_items error '}' ';'
		{ $$ = NULL; }
	;

accepts:
	%empty			{ $$ = NULL; }
	| IDENT versions	{ expect_word(ps, $1, "accepts", @1, "after the version"); $$ = $2; }
	;

versions:
	value			{ $$ = new_member(ps, NULL, @1); $$->value = $1; }
	| versions ',' value	{ $$ = push_member($1, new_member(ps, NULL, @3)); $$->value = $3; }
	;

iface_items:
	%empty				{ $$ = NULL; }
	| iface_items iface_item	{ $$ = push_decl($1, $2); }
	;

iface_item:
	docs type_decl		{ $$ = $2; if ($$) $$->doc = $1; }
	| docs operation	{ $$ = $2; if ($$) $$->doc = $1; }
	| docs KW_USES names ';'	{ $$ = new_decl(ps, IDL_D_USES, NULL, @2); $$->members = members_in_order($3); }
	| docs KW_USES ';'		{ $$ = new_decl(ps, IDL_D_USES, NULL, @2); }
	| error ';'		{ $$ = NULL; }
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
	| docs KW_OPTIONAL direction type IDENT dims
		{
		  $$ = new_member(ps, $5, @5);
		  $$->doc = $1;
		  $$->dir = $3;
		  $$->type = with_dims(ps, $4, &$6, @6);
		  $$->optional = 1;
		}
	;

direction:
	KW_IN			{ $$ = IDL_IN; }
	| KW_OUT		{ $$ = IDL_OUT; }
	| KW_INOUT		{ $$ = IDL_INOUT; }
	;

%%

/* The reserved words are the tokens from KW_IMPORT to the last one declared. */
#define YYSYMBOL_KW_LAST YYSYMBOL_KW_SEQUENCE

/* A token as the IDL calls it: keywords quoted, the rest by their aliases. */
static const char *token_words(struct idl_parse *ps, yysymbol_kind_t sym)
{
	if (sym == YYSYMBOL_YYEOF)
		return "the end of the file";
	if (sym >= YYSYMBOL_KW_IMPORT && sym <= YYSYMBOL_KW_LAST)
		return idl_printf(ps->prog, "'%s'", yysymbol_name(sym));
	return yysymbol_name(sym);
}

static int is_keyword(yysymbol_kind_t sym)
{
	return (sym >= YYSYMBOL_KW_IMPORT && sym <= YYSYMBOL_KW_LAST) || sym == YYSYMBOL_INTTYPE;
}

/* Whether sym starts a constant expression: all of them are said as "a value". */
static int starts_value(yysymbol_kind_t sym)
{
	const char *name = yysymbol_name(sym);
	return sym == YYSYMBOL_IDENT || sym == YYSYMBOL_NUMBER || strcmp(name, "'('") == 0 ||
	       strcmp(name, "'-'") == 0 || strcmp(name, "'~'") == 0;
}

/* Says what was found where, and what the grammar would have taken instead,
 * in the IDL's words rather than bison's. */
static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner, struct idl_parse *ps)
{
	(void)scanner;
	enum { MAX_LISTED = 6 };
	yysymbol_kind_t expected[YYNTOKENS];
	int count = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);
	yysymbol_kind_t found = yypcontext_token(ctx);
	struct idl_loc loc = at(ps, *yypcontext_location(ctx));
	const char *text = ps->token_text ? ps->token_text : "";
	const char *what;
	if (found == YYSYMBOL_YYEOF)
		what = "the end of the file";
	else if (found == YYSYMBOL_IDENT)
		what = idl_printf(ps->prog, "the name '%s'", text);
	else if (found == YYSYMBOL_NUMBER)
		what = idl_printf(ps->prog, "the number %s", text);
	else if (found == YYSYMBOL_INTTYPE)
		what = idl_printf(ps->prog, "the type '%s'", text);
	else if (is_keyword(found))
		what = idl_printf(ps->prog, "the reserved word '%s'", text);
	else
		what = token_words(ps, found);
	for (int i = 0; i < count && is_keyword(found); i++) {
		if (expected[i] == YYSYMBOL_IDENT) {
			idl_error(ps->prog, loc, "'%s' is a reserved word and cannot be used as a name", text);
			return 0;
		}
	}
	/* Whatever starts a value is said once, as "a value". */
	const char *words[YYNTOKENS + 1];
	int listed = 0, takes_value = 0;
	for (int i = 0; i < count; i++)
		if (expected[i] == YYSYMBOL_NUMBER)
			takes_value = 1;
	if (takes_value)
		words[listed++] = "a value";
	for (int i = 0; i < count; i++)
		if (!takes_value || !starts_value(expected[i]))
			words[listed++] = token_words(ps, expected[i]);
	if (listed == 0 || listed > MAX_LISTED) {
		idl_error(ps->prog, loc, "%s is not expected here", what);
		return 0;
	}
	char *list = idl_printf(ps->prog, "%s", words[0]);
	for (int i = 1; i < listed; i++)
		list = idl_printf(ps->prog, "%s%s%s", list, i == listed - 1 ? " or " : ", ", words[i]);
	idl_error(ps->prog, loc, "expected %s before %s", list, what);
	return 0;
}

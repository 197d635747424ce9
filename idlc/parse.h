/* parse.h - state shared by the flex lexer and the bison parser for one file. */
#ifndef IDLC_PARSE_H
#define IDLC_PARSE_H

#include "ast.h"

struct idl_parse {
	struct idl_program *prog;
	struct idl_file *file;
	struct idl_loc comment_loc;	/* where an open comment started */
	const char *token_text;		/* the token just read, for syntax errors */
};

/* Lexes and parses text into ps->file; errors go through idl_error. Returns
 * 0, or -1 if the lexer could not start. */
int idl_lex_parse(struct idl_parse *ps, const char *text, size_t len);

#endif

/* diag.h - error messages like a C compiler's: file:line:col, the source line and a caret. */
#ifndef IDLC_DIAG_H
#define IDLC_DIAG_H

#include "ast.h"

/* Reports "file:line:col: error: ..." (the first few) and counts every one in prog->errors. */
void idl_error(struct idl_program *prog, struct idl_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif

/* checker.h - the semantic checks over every loaded file. */
#ifndef IDLC_CHECKER_H
#define IDLC_CHECKER_H

#include "ast.h"

/* Returns the number of errors (also counted in prog->errors). */
int idl_check(struct idl_program *prog);

#endif

/* compat.h - idlc --compat: whether servers built from new interfaces still serve old clients. */
#ifndef IDLC_COMPAT_H
#define IDLC_COMPAT_H

#include "ast.h"

/* Reports each way in which servers built from new_prog would fail clients
 * built from old_prog (both checked); returns the number of errors. */
int idl_compat(struct idl_program *old_prog, struct idl_program *new_prog);

#endif

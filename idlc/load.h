/* load.h - reading IDL files into the program: the source text, the parse, and its imports. */
#ifndef IDLC_LOAD_H
#define IDLC_LOAD_H

#include <stddef.h>
#include "ast.h"

/* Parse one file's text into prog (and its imports); return it, or NULL. */
struct idl_file *idl_parse_text(struct idl_program *prog, const char *path,
				const char *text, size_t len, int on_command_line);
struct idl_file *idl_parse_path(struct idl_program *prog, const char *path,
				int on_command_line);

#endif

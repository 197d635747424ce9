/* arena.h - the program's memory: one arena freed at once, and the string helpers built on it. */
#ifndef IDLC_ARENA_H
#define IDLC_ARENA_H

#include <stddef.h>
#include <stdio.h>
#include "ast.h"

void idl_program_init(struct idl_program *prog, FILE *diag);
void idl_program_free(struct idl_program *prog);
void *idl_alloc(struct idl_program *prog, size_t size);
char *idl_strdup(struct idl_program *prog, const char *text, size_t len);
char *idl_printf(struct idl_program *prog, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif

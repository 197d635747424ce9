/* arena.c - the program's memory: one arena freed at once, and the string helpers built on it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"

struct idl_chunk {
	struct idl_chunk *next;
	max_align_t data[];
};

void idl_program_init(struct idl_program *prog, FILE *diag)
{
	memset(prog, 0, sizeof(*prog));
	prog->diag = diag;
	prog->allow_imports = 1;
}

void idl_program_free(struct idl_program *prog)
{
	struct idl_chunk *chunk = prog->arena;
	while (chunk) {
		struct idl_chunk *next = chunk->next;
		free(chunk);
		chunk = next;
	}
	prog->arena = NULL;
	prog->files = NULL;
}

/* Zeroed memory that lives until idl_program_free; exits on exhaustion. */
void *idl_alloc(struct idl_program *prog, size_t size)
{
	struct idl_chunk *chunk = calloc(1, sizeof(*chunk) + size);
	if (!chunk) {
		fputs("idlc: out of memory\n", stderr);
		exit(1);
	}
	chunk->next = prog->arena;
	prog->arena = chunk;
	return chunk->data;
}

char *idl_strdup(struct idl_program *prog, const char *text, size_t len)
{
	char *copy = idl_alloc(prog, len + 1);
	memcpy(copy, text, len);
	return copy;
}

char *idl_printf(struct idl_program *prog, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	int len = vsnprintf(NULL, 0, fmt, args);
	va_end(args);
	char *text = idl_alloc(prog, (size_t)len + 1);
	va_start(args, fmt);
	vsnprintf(text, (size_t)len + 1, fmt, args);
	va_end(args);
	return text;
}


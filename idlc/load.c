/* load.c - reading IDL files into the program: the source text, the parse, and the imports it names. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "diag.h"
#include "load.h"
#include "parse.h"

/* Larger inputs are refused rather than parsed: no interface is this big. */
#define IDL_MAX_SOURCE (1u << 20)
#define IDL_MAX_IMPORT_DEPTH 32

static char *idl_base_name(struct idl_program *prog, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	size_t len = strlen(name);
	if (len > 4 && strcmp(name + len - 4, ".idl") == 0)
		len -= 4;
	return idl_strdup(prog, name, len);
}

static struct idl_file *idl_find_file(struct idl_program *prog, const char *path)
{
	for (struct idl_file *file = prog->files; file; file = file->next)
		if (strcmp(file->path, path) == 0)
			return file;
	return NULL;
}

/* Loads the file an import names: beside the importing file, then in -I dirs. */
static void idl_load_import(struct idl_program *prog, struct idl_file *from, struct idl_decl *imp)
{
	const char *slash = strrchr(from->path, '/');
	int dir_len = slash ? (int)(slash - from->path) + 1 : 0;
	char *path = idl_printf(prog, "%.*s%s", dir_len, from->path, imp->name);
	for (int i = 0; i <= prog->num_include_dirs; i++) {
		if (i > 0)
			path = idl_printf(prog, "%s/%s", prog->include_dirs[i - 1], imp->name);
		struct idl_file *known = idl_find_file(prog, path);
		if (known) {
			imp->imported = known;
			return;
		}
		FILE *probe = fopen(path, "rb");
		if (probe) {
			fclose(probe);
			if (prog->import_depth >= IDL_MAX_IMPORT_DEPTH) {
				idl_error(prog, imp->loc, "imports nested more than %d deep", IDL_MAX_IMPORT_DEPTH);
				return;
			}
			prog->import_depth++;
			imp->imported = idl_parse_path(prog, path, 0);
			prog->import_depth--;
			return;
		}
	}
	idl_error(prog, imp->loc, "cannot find imported file '%s'", imp->name);
}

struct idl_file *idl_parse_text(struct idl_program *prog, const char *path,
				const char *text, size_t len, int on_command_line)
{
	struct idl_file *file = idl_alloc(prog, sizeof(*file));
	file->path = idl_strdup(prog, path, strlen(path));
	file->base = idl_base_name(prog, path);
	file->text = idl_strdup(prog, text, len);
	file->text_len = len;
	file->on_command_line = on_command_line;
	file->next = prog->files;
	prog->files = file;

	int errors_before = prog->errors;
	if (memchr(text, '\0', len)) {
		struct idl_loc loc = { file, 1, 1 };
		idl_error(prog, loc, "file contains a NUL byte");
		return NULL;
	}
	struct idl_parse ps = { .prog = prog, .file = file };
	if (idl_lex_parse(&ps, file->text, len) != 0)
		idl_error(prog, (struct idl_loc){ 0 }, "cannot start the lexer");
	if (prog->errors != errors_before)
		return NULL;

	for (struct idl_decl *decl = file->decls; decl; decl = decl->next) {
		if (decl->kind != IDL_D_IMPORT)
			continue;
		if (!prog->allow_imports)
			idl_error(prog, decl->loc, "imports are disabled");
		else
			idl_load_import(prog, file, decl);
	}
	return prog->errors == errors_before ? file : NULL;
}

struct idl_file *idl_parse_path(struct idl_program *prog, const char *path, int on_command_line)
{
	FILE *in = fopen(path, "rb");
	if (!in) {
		idl_error(prog, (struct idl_loc){ 0 }, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	char *text = malloc(IDL_MAX_SOURCE + 1);
	if (!text) {
		fclose(in);
		idl_error(prog, (struct idl_loc){ 0 }, "out of memory reading '%s'", path);
		return NULL;
	}
	size_t len = fread(text, 1, IDL_MAX_SOURCE + 1, in);
	int failed = ferror(in);
	fclose(in);
	struct idl_file *file = NULL;
	if (failed)
		idl_error(prog, (struct idl_loc){ 0 }, "cannot read '%s'", path);
	else if (len > IDL_MAX_SOURCE)
		idl_error(prog, (struct idl_loc){ 0 }, "'%s' is larger than %u bytes", path, IDL_MAX_SOURCE);
	else
		file = idl_parse_text(prog, path, text, len, on_command_line);
	free(text);
	return file;
}

/* driver.c - the idlc command line: options, parsing, checking and writing outputs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "driver.h"
#include "arena.h"
#include "checker.h"
#include "compat.h"
#include "diag.h"
#include "load.h"
#include "gen_client.h"
#include "gen_header.h"
#include "gen_server.h"

#define OUT_HEADER	1
#define OUT_CLIENT	2
#define OUT_SERVER	4

static const char usage[] =
	"Usage: idlc [OPTION]... FILE.idl...\n"
	"Compile IDL interfaces into C client stubs, server dispatch code and headers.\n"
	"\n"
	"  -o, --output-dir=DIR  write generated files into DIR (default: .)\n"
	"  -I DIR                also look for imported files in DIR\n"
	"      --header          write BASE.h (types, constants, client prototypes)\n"
	"      --client          write BASE_client.c (client stubs), and BASE.h\n"
	"      --server          write BASE_server.h and BASE_server.c (dispatch), and BASE.h\n"
	"      --trace           put the request tracer into the server dispatch\n"
	"      --check           only check the input; write nothing\n"
	"      --compat OLD NEW  check that servers built from NEW still serve clients\n"
	"                        built from OLD; write nothing\n"
	"  -h, --help            show this help and exit\n"
	"  -V, --version         show the version and exit\n"
	"\n"
	"Without --header, --client or --server all three are written. The output\n"
	"directory is created when missing. A file that an input imports must be an\n"
	"input too (its header is included by the importer's).\n"
	"Exit status: 0 on success, 1 on any error in the input, 2 on bad usage.\n";

static int write_one(struct idl_program *prog, struct idl_file *file, const char *dir,
		     const char *suffix, void (*emit)(struct gen *), int trace)
{
	char *path = idl_printf(prog, "%s/%s%s", dir, file->base, suffix);
	char *tmp = idl_printf(prog, "%s.tmp", path);
	FILE *out = fopen(tmp, "w");
	if (!out) {
		fprintf(prog->diag, "idlc: error: cannot write '%s': %s\n", tmp, strerror(errno));
		return 1;
	}
	struct gen g = { .prog = prog, .file = file, .out = out, .trace = trace };
	emit(&g);
	int failed = ferror(out);
	if (fclose(out) != 0 || failed || rename(tmp, path) != 0) {
		fprintf(prog->diag, "idlc: error: cannot write '%s': %s\n", path, strerror(errno));
		remove(tmp);
		return 1;
	}
	return 0;
}

static int has_interface(const struct idl_file *file)
{
	for (const struct idl_decl *decl = file->decls; decl; decl = decl->next)
		if (decl->kind == IDL_D_INTERFACE)
			return 1;
	return 0;
}

static int write_outputs(struct idl_program *prog, const char *dir, int outputs, int trace)
{
	int failed = 0;
	for (struct idl_file *file = prog->files; file; file = file->next) {
		if (!file->on_command_line)
			continue;
		/* The stubs and the dispatch include BASE.h: it is always rewritten
		 * with them, so that it cannot be older than they are. */
		failed |= write_one(prog, file, dir, ".h", gen_header, 0);
		if (!has_interface(file))
			continue;
		if (outputs & OUT_CLIENT)
			failed |= write_one(prog, file, dir, "_client.c", gen_client, 0);
		if (outputs & OUT_SERVER) {
			failed |= write_one(prog, file, dir, "_server.h", gen_server_header, 0);
			failed |= write_one(prog, file, dir, "_server.c", gen_server, trace);
		}
	}
	return failed;
}

/* Creates dir and the folders above it that are missing, as mkdir -p does. */
static int make_dirs(FILE *diag, const char *dir)
{
	if (!*dir) {
		fputs("idlc: error: the output folder name is empty\n", diag);
		return 1;
	}
	char *path = strdup(dir);
	if (!path) {
		fputs("idlc: out of memory\n", diag);
		return 1;
	}
	int failed = 0;
	for (char *slash = path + 1; !failed; slash++) {
		if (*slash != '/' && *slash != '\0')
			continue;
		char saved = *slash;
		*slash = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			fprintf(diag, "idlc: error: cannot create '%s': %s\n", path, strerror(errno));
			failed = 1;
		}
		*slash = saved;
		if (saved == '\0')
			break;
	}
	free(path);
	return failed;
}

/* A file's generated header includes the headers of the files it imports:
 * each of them must be generated too, so it must be on the command line. */
static void check_imports_listed(struct idl_program *prog)
{
	for (struct idl_file *file = prog->files; file; file = file->next) {
		for (struct idl_decl *decl = file->decls; decl; decl = decl->next) {
			struct idl_file *imported = decl->kind == IDL_D_IMPORT ? decl->imported : NULL;
			if (!imported || imported->on_command_line || imported->reported)
				continue;
			imported->reported = 1;
			idl_error(prog, decl->loc, "'%s' is imported but not on the command line "
				  "(its header %s.h would be missing); add it", imported->path, imported->base);
		}
	}
}

/* Loads and checks one side of --compat in a program of its own. */
static int load_checked(struct idl_program *prog, FILE *diag, const char **includes, int num_includes,
			const char *path)
{
	idl_program_init(prog, diag);
	prog->include_dirs = includes;
	prog->num_include_dirs = num_includes;
	if (idl_parse_path(prog, path, 1))
		idl_check(prog);
	return prog->errors;
}

static int run_compat(FILE *diag, const char **includes, int num_includes, const char *old_path,
		      const char *new_path)
{
	struct idl_program old_prog, new_prog;
	int errors = load_checked(&old_prog, diag, includes, num_includes, old_path);
	errors += load_checked(&new_prog, diag, includes, num_includes, new_path);
	if (errors == 0)
		errors = idl_compat(&old_prog, &new_prog);
	idl_program_free(&old_prog);
	idl_program_free(&new_prog);
	return errors ? 1 : 0;
}

static const char *option_value(int argc, char **argv, int *i, const char *arg, const char *name)
{
	size_t len = strlen(name);
	if (strncmp(arg, name, len) == 0 && arg[len] == '=')
		return arg + len + 1;
	if (*i + 1 < argc)
		return argv[++*i];
	return NULL;
}

int idlc_main(int argc, char **argv, FILE *out, FILE *diag)
{
	const char *dir = ".";
	const char **includes = calloc((size_t)argc, sizeof(*includes));
	const char **inputs = calloc((size_t)argc, sizeof(*inputs));
	int num_includes = 0, num_inputs = 0, outputs = 0, trace = 0, check_only = 0, compat = 0, status = 0;
	if (!includes || !inputs) {
		fputs("idlc: out of memory\n", diag);
		status = 1;
		goto done;
	}
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(usage, out);
			goto done;
		} else if (strcmp(arg, "-V") == 0 || strcmp(arg, "--version") == 0) {
			fprintf(out, "idlc (%s) %s\n", IDLC_PACKAGE, IDLC_VERSION);
			goto done;
		} else if (strcmp(arg, "-o") == 0 || strncmp(arg, "--output-dir", 12) == 0) {
			dir = option_value(argc, argv, &i, arg, "--output-dir");
		} else if (strncmp(arg, "-I", 2) == 0) {
			includes[num_includes] = arg[2] ? arg + 2 : option_value(argc, argv, &i, arg, "-I");
			if (!includes[num_includes++])
				dir = NULL;
		} else if (strcmp(arg, "--header") == 0) {
			outputs |= OUT_HEADER;
		} else if (strcmp(arg, "--client") == 0) {
			outputs |= OUT_CLIENT;
		} else if (strcmp(arg, "--server") == 0) {
			outputs |= OUT_SERVER;
		} else if (strcmp(arg, "--trace") == 0) {
			trace = 1;
		} else if (strcmp(arg, "--check") == 0) {
			check_only = 1;
		} else if (strcmp(arg, "--compat") == 0) {
			compat = 1;
		} else if (arg[0] == '-' && arg[1] != '\0') {
			fprintf(diag, "idlc: unknown option '%s'\nTry 'idlc --help'.\n", arg);
			status = 2;
			goto done;
		} else {
			inputs[num_inputs++] = arg;
		}
		if (!dir) {
			fprintf(diag, "idlc: option '%s' needs a value\nTry 'idlc --help'.\n", arg);
			status = 2;
			goto done;
		}
	}
	if (num_inputs == 0) {
		fputs("idlc: no input files\nTry 'idlc --help'.\n", diag);
		status = 2;
		goto done;
	}
	if (compat) {
		if (num_inputs != 2) {
			fputs("idlc: --compat takes two files: OLD.idl NEW.idl\nTry 'idlc --help'.\n", diag);
			status = 2;
		} else {
			status = run_compat(diag, includes, num_includes, inputs[0], inputs[1]);
		}
		goto done;
	}
	struct idl_program prog;
	idl_program_init(&prog, diag);
	prog.include_dirs = includes;
	prog.num_include_dirs = num_includes;
	for (int i = 0; i < num_inputs; i++) {
		struct idl_file *seen = NULL;
		for (struct idl_file *file = prog.files; file && !seen; file = file->next)
			if (strcmp(file->path, inputs[i]) == 0)
				seen = file;
		if (seen)
			seen->on_command_line = 1;
		else
			idl_parse_path(&prog, inputs[i], 1);
	}
	if (prog.errors == 0)
		idl_check(&prog);
	if (prog.errors == 0 && !check_only)
		check_imports_listed(&prog);
	if (prog.errors == 0 && !check_only)
		status = make_dirs(diag, dir);
	if (prog.errors == 0 && !check_only && status == 0)
		status = write_outputs(&prog, dir, outputs ? outputs : OUT_HEADER | OUT_CLIENT | OUT_SERVER, trace);
	if (prog.errors)
		status = 1;
	idl_program_free(&prog);
done:
	free(includes);
	free(inputs);
	return status;
}

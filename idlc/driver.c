/* driver.c - the idlc command line: options, parsing, checking and writing outputs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "driver.h"
#include "gen.h"

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
	"      --client          write BASE_client.c (client stubs)\n"
	"      --server          write BASE_server.h and BASE_server.c (dispatch)\n"
	"      --trace           put the request tracer into the server dispatch\n"
	"      --check           only check the input; write nothing\n"
	"  -h, --help            show this help and exit\n"
	"  -V, --version         show the version and exit\n"
	"\n"
	"Without --header, --client or --server all three are written.\n"
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
		if (outputs & OUT_HEADER)
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
	int num_includes = 0, num_inputs = 0, outputs = 0, trace = 0, check_only = 0, status = 0;
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
		status = write_outputs(&prog, dir, outputs ? outputs : OUT_HEADER | OUT_CLIENT | OUT_SERVER, trace);
	if (prog.errors)
		status = 1;
	idl_program_free(&prog);
done:
	free(includes);
	free(inputs);
	return status;
}

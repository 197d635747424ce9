/* fuzz_front.c - libFuzzer harness: any bytes through idlc's lexer, parser, checker and generators. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "arena.h"
#include "checker.h"
#include "load.h"
#include "gen_client.h"
#include "gen_header.h"
#include "gen_server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

static void generate(struct idl_program *prog, struct idl_file *file)
{
	void (*emitters[])(struct gen *) = { gen_header, gen_client, gen_server_header, gen_server };
	for (size_t i = 0; i < sizeof(emitters) / sizeof(emitters[0]); i++) {
		struct gen g = { .prog = prog, .file = file, .out = sink, .trace = 1 };
		emitters[i](&g);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!sink)
		sink = fopen("/dev/null", "w");
	struct idl_program prog;
	idl_program_init(&prog, sink);
	prog.allow_imports = 0;
	struct idl_file *file = idl_parse_text(&prog, "fuzz.idl", (const char *)data, size, 1);
	if (file && idl_check(&prog) == 0)
		generate(&prog, file);
	idl_program_free(&prog);
	return 0;
}

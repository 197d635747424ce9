/* check_front.c - idlc's lexer, parser and semantic checks: valid inputs, and invalid
 * ones with their exact messages (location, source line and caret). */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "checker.h"
#include "load.h"
#include "wire.h"

static struct idl_program prog;
static char *diag_text;
static size_t diag_size;
static FILE *diag;

static void setup(void)
{
	diag = open_memstream(&diag_text, &diag_size);
	ck_assert_ptr_nonnull(diag);
	idl_program_init(&prog, diag);
	prog.allow_imports = 0;
}

static void teardown(void)
{
	idl_program_free(&prog);
	fclose(diag);
	free(diag_text);
	diag_text = NULL;
}

/* Parses and checks text as t.idl; returns the diagnostics printed. */
static const char *compile(const char *text)
{
	struct idl_file *file = idl_parse_text(&prog, "t.idl", text, strlen(text), 1);
	if (file)
		idl_check(&prog);
	fflush(diag);
	return diag_text ? diag_text : "";
}

static struct idl_decl *find_decl(struct idl_decl *list, const char *name)
{
	for (; list; list = list->next)
		if (list->name && strcmp(list->name, name) == 0)
			return list;
	return NULL;
}

static const char valid[] =
	"/* leading comment */\n"
	"const uint32 MAX = 8;\n"
	"struct pair { int32 a; int32 b; };\n"
	"/** The calculator. */\n"
	"interface calc id 0x42 version 3 {\n"
	"\tenum mode { FAST, SLOW = 4 };\n"
	"\ttypedef pair pairs[MAX];\n"
	"\t/** Adds. */\n"
	"\tint add(/** left */ in int32 a, in int32 b, out int64 sum) = 7;\n"
	"\toneway int tick(in uint32 n);\n"
	"\tdeferred int wait(in mode m, inout string<MAX> s, out buffer<16> b);\n"
	"};\n";

START_TEST(valid_file_parses_and_checks)
{
	ck_assert_str_eq(compile(valid), "");
	ck_assert_int_eq(prog.errors, 0);
	struct idl_decl *calc = find_decl(prog.files->decls, "calc");
	ck_assert_ptr_nonnull(calc);
	ck_assert_int_eq(calc->kind, IDL_D_INTERFACE);
	ck_assert_int_eq(calc->iface_id.num, 0x42);
	ck_assert_int_eq(calc->iface_version.num, 3);
	ck_assert_str_eq(calc->doc, "The calculator.");
	struct idl_decl *add = find_decl(calc->body, "add");
	ck_assert_uint_eq(add->opnum, 7);
	ck_assert_str_eq(add->doc, "Adds.");
	ck_assert_str_eq(add->members->doc, "left");
	ck_assert_int_eq(add->members->next->next->dir, IDL_OUT);
	struct idl_decl *mode = find_decl(calc->body, "mode");
	ck_assert_int_eq(mode->members->next->value.num, 4);
	struct idl_decl *wait = find_decl(calc->body, "wait");
	ck_assert_int_eq(wait->op_flags, IDL_OP_DEFERRED);
	ck_assert_int_eq(find_decl(calc->body, "tick")->op_flags, IDL_OP_ONEWAY);
	ck_assert_int_eq(find_decl(calc->body, "pairs")->words, 16);
}
END_TEST

START_TEST(derived_opnums_are_stable_and_order_free)
{
	ck_assert_str_eq(compile("interface i id 1 version 1 { int a(); int b(); };"), "");
	struct idl_decl *iface = prog.files->decls;
	uint32_t a = find_decl(iface->body, "a")->opnum, b = find_decl(iface->body, "b")->opnum;
	ck_assert_uint_ne(a, b);
	ck_assert(a >= 0x1000 && a <= 0xefff);
	ck_assert_str_eq(compile("interface j id 2 version 1 { int b(); int x(); int a(); };"), "");
	iface = prog.files->decls;
	ck_assert_uint_ne(find_decl(iface->body, "a")->opnum, a);	/* the interface name is part of it */
	teardown();
	setup();
	ck_assert_str_eq(compile("interface i id 1 version 1 { int z(); int b(); int a(); };"), "");
	iface = prog.files->decls;
	ck_assert_uint_eq(find_decl(iface->body, "a")->opnum, a);
	ck_assert_uint_eq(find_decl(iface->body, "b")->opnum, b);
}
END_TEST

START_TEST(syntax_error_points_at_the_token)
{
	ck_assert_str_eq(compile("interface x id 1 version 1 {\n\tint f(in int32 a)\n};\n"),
			 "t.idl:3:1: error: expected ';' or '=' before '}'\n"
			 " };\n"
			 " ^\n");
	ck_assert_int_eq(prog.errors, 1);
}
END_TEST

START_TEST(syntax_error_missing_direction)
{
	ck_assert_str_eq(compile("interface x id 1 version 1 { int f(int32 a); };"),
			 "t.idl:1:36: error: expected a doc comment, 'in', 'out', 'inout', 'optional' or ')' before the type 'int32'\n"
			 " interface x id 1 version 1 { int f(int32 a); };\n"
			 "                                    ^\n");
}
END_TEST

START_TEST(syntax_error_keeps_tabs_under_the_caret)
{
	ck_assert_str_eq(compile("\tinterface 5"),
			 "t.idl:1:12: error: expected a name before the number 5\n"
			 " \tinterface 5\n"
			 " \t          ^\n");
}
END_TEST

START_TEST(lexer_errors)
{
	ck_assert_str_eq(compile("const uint8 a = 1;\n  @"),
			 "t.idl:2:3: error: stray '@' in input\n   @\n   ^\n");
	teardown();
	setup();
	ck_assert_str_eq(compile("/* never closed"),
			 "t.idl:1:1: error: unterminated comment\n /* never closed\n ^\n");
	teardown();
	setup();
	ck_assert_str_eq(compile("import \"a.idl"),
			 "t.idl:1:8: error: unterminated string (escapes are not allowed)\n import \"a.idl\n        ^\n"
			 "t.idl:1:8: error: expected ';' before the end of the file\n import \"a.idl\n        ^\n");
	teardown();
	setup();
	ck_assert_str_eq(compile("const uint64 a = 99999999999999999999;"),
			 "t.idl:1:18: error: number '99999999999999999999' is out of range\n"
			 " const uint64 a = 99999999999999999999;\n"
			 "                  ^\n");
	teardown();
	setup();
	ck_assert_str_eq(compile("const uint8 a = 019;"),
			 "t.idl:1:17: error: bad octal number '019' (a leading 0 means octal)\n"
			 " const uint8 a = 019;\n"
			 "                 ^\n");
	teardown();
	setup();
	ck_assert_str_eq(compile("const uint8 a = 0x;"),
			 "t.idl:1:17: error: bad number '0x'\n"
			 " const uint8 a = 0x;\n"
			 "                 ^\n");
}
END_TEST

START_TEST(nul_byte_is_refused)
{
	struct idl_file *file = idl_parse_text(&prog, "t.idl", "const\0", 6, 1);
	ck_assert_ptr_null(file);
	fflush(diag);
	ck_assert_str_eq(diag_text, "t.idl:1:1: error: file contains a NUL byte\n const \n ^\n");
}
END_TEST

/* One semantic error: the whole message, with the line and caret. */
#define CHECK_ERROR(source, message, line, caret)	\
	ck_assert_str_eq(compile(source), "t.idl:" message "\n " line "\n " caret "\n")

START_TEST(unknown_names)
{
	CHECK_ERROR("struct s { nosuch x; };",
		    "1:12: error: unknown type 'nosuch'",
		    "struct s { nosuch x; };", "           ^");
	teardown();
	setup();
	CHECK_ERROR("const int32 a = B;", "1:17: error: unknown constant 'B'",
		    "const int32 a = B;", "                ^");
	teardown();
	setup();
	CHECK_ERROR("const int32 c = 1;\nstruct s { c x; };", "2:12: error: 'c' is not a type",
		    "struct s { c x; };", "           ^");
}
END_TEST

START_TEST(duplicate_names)
{
	CHECK_ERROR("struct p { int32 x; };\nenum p { A };", "2:6: error: duplicate name 'p' (first declared at t.idl:1:8)",
		    "enum p { A };", "     ^");
	teardown();
	setup();
	CHECK_ERROR("struct p { int32 x; int8 x; };", "1:26: error: duplicate field 'x'",
		    "struct p { int32 x; int8 x; };", "                         ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f(in int32 a, out int32 a); };",
		    "1:58: error: duplicate parameter 'a'",
		    "interface i id 1 version 1 { int f(in int32 a, out int32 a); };",
		    "                                                         ^");
	teardown();
	setup();
	CHECK_ERROR("enum e { A, B = 0 };", "1:13: error: enumerator 'B' repeats the value 0 of 'A'",
		    "enum e { A, B = 0 };", "            ^");
}
END_TEST

START_TEST(duplicate_operation_numbers)
{
	CHECK_ERROR("interface i id 1 version 1 {\n int f() = 5;\n int g() = 5;\n};",
		    "3:6: error: duplicate operation number 0x5 ('f' and 'g')", " int g() = 5;", "     ^");
}
END_TEST

START_TEST(bad_bounds)
{
	CHECK_ERROR("interface i id 1 version 1 { int f(in string<0> s); };",
		    "1:46: error: bad bound 0 for string (must be 1..4096)",
		    "interface i id 1 version 1 { int f(in string<0> s); };",
		    "                                             ^");
	teardown();
	setup();
	CHECK_ERROR("struct s { uint8 a[5000]; };", "1:20: error: bad bound 5000 for array (must be 1..4096)",
		    "struct s { uint8 a[5000]; };", "                   ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f(in buffer<300> b); };",
		    "1:34: error: request of 'f' needs up to 77 words, more than the 63 message registers",
		    "interface i id 1 version 1 { int f(in buffer<300> b); };",
		    "                                 ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 0 version 1 { };", "1:16: error: interface id 0 is out of range (1..0xffff)",
		    "interface i id 0 version 1 { };", "               ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f() = 0xf000; };",
		    "1:40: error: operation number 61440 is out of range (0..0xefff)",
		    "interface i id 1 version 1 { int f() = 0xf000; };", "                                       ^");
	teardown();
	setup();
	CHECK_ERROR("const uint8 c = 256;", "1:17: error: value 256 does not fit the type of constant 'c'",
		    "const uint8 c = 256;", "                ^");
}
END_TEST

START_TEST(direction_misuse)
{
	CHECK_ERROR("interface i id 1 version 1 { oneway int f(out int32 r); };",
		    "1:53: error: oneway operation 'f' cannot have out parameter 'r'",
		    "interface i id 1 version 1 { oneway int f(out int32 r); };",
		    "                                                    ^");
}
END_TEST

START_TEST(buffers_only_as_parameters_or_fields)
{
	CHECK_ERROR("typedef buffer<4> blobs[2];",
		    "1:9: error: buffer is allowed only as an operation parameter or a struct field",
		    "typedef buffer<4> blobs[2];", "        ^");
	teardown();
	setup();
	CHECK_ERROR("struct s { buffer<4> data; uint32 data_len; };",
		    "1:35: error: field 'data_len' clashes with the length of buffer 'data'",
		    "struct s { buffer<4> data; uint32 data_len; };",
		    "                                  ^");
	teardown();
	setup();
	CHECK_ERROR("struct s { bulk buffer<4> data; };", "1:12: error: bulk is allowed only on an operation parameter",
		    "struct s { bulk buffer<4> data; };", "           ^");
}
END_TEST

START_TEST(no_arrays_of_strings)
{
	CHECK_ERROR("typedef string<4> names[2];",
		    "1:9: error: string is allowed only as an operation parameter or a struct field",
		    "typedef string<4> names[2];", "        ^");
}
END_TEST

START_TEST(recursive_types)
{
	CHECK_ERROR("struct a { b x; };\nstruct b { a y; };", "2:12: error: type 'a' contains itself",
		    "struct b { a y; };", "           ^");
	teardown();
	setup();
	CHECK_ERROR("const int32 a = a;", "1:17: error: constant 'a' is defined in terms of itself",
		    "const int32 a = a;", "                ^");
}
END_TEST

START_TEST(uses_cycle_is_named)
{
	CHECK_ERROR("interface a id 1 version 1 { uses b; };\n"
		    "interface b id 2 version 1 { uses c; };\n"
		    "interface c id 3 version 1 { uses a; };",
		    "3:35: error: uses cycle: a -> b -> c -> a",
		    "interface c id 3 version 1 { uses a; };", "                                  ^");
	teardown();
	setup();
	CHECK_ERROR("interface a id 1 version 1 { uses a; };", "1:35: error: uses cycle: a -> a",
		    "interface a id 1 version 1 { uses a; };", "                                  ^");
}
END_TEST

START_TEST(uses_without_a_cycle_and_unknown_interfaces)
{
	ck_assert_str_eq(compile("interface a id 1 version 1 { uses b, elsewhere; };\n"
				 "interface b id 2 version 1 { uses c; };\n"
				 "interface c id 3 version 1 { };\n"
				 "interface d id 4 version 1 { uses b, c; };"), "");
}
END_TEST

START_TEST(duplicate_interface_ids)
{
	CHECK_ERROR("interface a id 7 version 1 { };\ninterface b id 7 version 1 { };",
		    "2:16: error: interface id 0x7 of 'b' is also used by 'a'",
		    "interface b id 7 version 1 { };", "               ^");
}
END_TEST

START_TEST(imports_can_be_disabled)
{
	CHECK_ERROR("import \"x.idl\";", "1:8: error: imports are disabled", "import \"x.idl\";", "       ^");
}
END_TEST

START_TEST(names_that_would_break_the_c)
{
	CHECK_ERROR("struct s { int32 static; };", "1:18: error: name 'static' is a C keyword",
		    "struct s { int32 static; };", "                 ^");
	teardown();
	setup();
	CHECK_ERROR("enum idl_e { A };", "1:6: error: name 'idl_e' is reserved (the idl_ prefix belongs to generated code)",
		    "enum idl_e { A };", "     ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f(in buffer<4> b, in uint32 b_len); };",
		    "1:62: error: parameter 'b_len' clashes with the length of buffer 'b'",
		    "interface i id 1 version 1 { int f(in buffer<4> b, in uint32 b_len); };",
		    "                                                             ^");
}
END_TEST

static int64_t const_value(const char *name)
{
	for (struct idl_file *file = prog.files; file; file = file->next) {
		struct idl_decl *decl = find_decl(file->decls, name);
		if (decl)
			return decl->value.num;
	}
	ck_abort_msg("no constant %s", name);
	return 0;
}

START_TEST(constants_in_every_radix_and_expressions)
{
	ck_assert_str_eq(compile("const uint8 DEC = 100;\n"
				 "const uint16 OCT = 0100;\n"
				 "const uint32 HEX = 0x50000000;\n"
				 "const uint64 WIDE = 0x7fffffffffffffff;\n"
				 "const int8 NEG = -128;\n"
				 "const int16 NEG_HEX = -0x10;\n"
				 "const int32 ZERO = 0;\n"
				 "const int64 MIXED = (HEX >> 4) + 2 * -3 - 7 % 4;\n"
				 "const uint32 MS_ASYNC = 1;\n"
				 "const uint32 MS_INVALIDATE = 2;\n"
				 "const uint32 MS_SYNC = 4;\n"
				 "const uint32 MS_KNOWN = MS_ASYNC | MS_INVALIDATE | MS_SYNC;\n"
				 "const uint32 MASKED = ~0xf & 0xff ^ 1;\n"
				 "const bool YES = 1;\n"
				 "enum e { A = 1 << 3, B };\n"
				 "const uint32 FROM_ENUM = B - A;\n"
				 "interface i id HEX >> 20 version OCT / 32 { const uint32 INNER = HEX | OCT; };\n"), "");
	ck_assert_int_eq(const_value("DEC"), 100);
	ck_assert_int_eq(const_value("OCT"), 64);
	ck_assert_int_eq(const_value("HEX"), 0x50000000);
	ck_assert_int_eq(const_value("WIDE"), INT64_MAX);
	ck_assert_int_eq(const_value("NEG"), -128);
	ck_assert_int_eq(const_value("NEG_HEX"), -16);
	ck_assert_int_eq(const_value("MIXED"), 0x5000000 - 6 - 3);
	ck_assert_int_eq(const_value("MS_KNOWN"), 7);
	ck_assert_int_eq(const_value("MASKED"), (~0xf & 0xff) ^ 1);
	ck_assert_int_eq(const_value("FROM_ENUM"), 1);
	struct idl_decl *iface = find_decl(prog.files->decls, "i");
	ck_assert_int_eq(iface->iface_id.num, 0x500);
	ck_assert_int_eq(iface->iface_version.num, 2);
	ck_assert_int_eq(find_decl(iface->body, "INNER")->value.num, 0x50000040);
	/* The radix C gets: as written, hex for bit operations, the operands' otherwise. */
	ck_assert_int_eq(find_decl(prog.files->decls, "OCT")->value.radix, 8);
	ck_assert_int_eq(find_decl(prog.files->decls, "HEX")->value.radix, 16);
	ck_assert_int_eq(find_decl(prog.files->decls, "DEC")->value.radix, 10);
	ck_assert_int_eq(find_decl(prog.files->decls, "MS_KNOWN")->value.radix, 16);
	ck_assert_int_eq(find_decl(prog.files->decls, "MIXED")->value.radix, 16);
	ck_assert_int_eq(find_decl(iface->body, "INNER")->value.radix, 16);
}
END_TEST

START_TEST(constant_expression_errors)
{
	CHECK_ERROR("const int32 a = 1 / (2 - 2);", "1:19: error: division by zero in a constant expression",
		    "const int32 a = 1 / (2 - 2);", "                  ^");
	teardown();
	setup();
	CHECK_ERROR("const int64 a = 1 << 63;", "1:19: error: shift by 63 is out of range (0..62)",
		    "const int64 a = 1 << 63;", "                  ^");
	teardown();
	setup();
	CHECK_ERROR("const int64 a = 0x7fffffffffffffff + 1;", "1:36: error: constant expression overflows int64",
		    "const int64 a = 0x7fffffffffffffff + 1;", "                                   ^");
	teardown();
	setup();
	CHECK_ERROR("const int64 a = 3 << 62;", "1:19: error: constant expression overflows int64",
		    "const int64 a = 3 << 62;", "                  ^");
	teardown();
	setup();
	CHECK_ERROR("const uint8 a = 1 << 8;", "1:19: error: value 256 does not fit the type of constant 'a'",
		    "const uint8 a = 1 << 8;", "                  ^");
	teardown();
	setup();
	CHECK_ERROR("const uint32 a = -1;", "1:18: error: value -1 does not fit the type of constant 'a'",
		    "const uint32 a = -1;", "                 ^");
	teardown();
	setup();
	CHECK_ERROR("const int32 a = b + 1;\nconst int32 b = a;",
		    "2:17: error: constant 'a' is defined in terms of itself", "const int32 b = a;", "                ^");
	teardown();
	setup();
	CHECK_ERROR("struct s { int32 x; };\nconst int32 a = s | 1;", "2:17: error: 's' is not a constant",
		    "const int32 a = s | 1;", "                ^");
}
END_TEST

START_TEST(flag_sets)
{
	ck_assert_str_eq(compile("flags open_flags : uint32 { RDONLY = 0, WRONLY = 01, RDWR = 02,\n"
				 "\tCREAT = 0100, EXCL = CREAT << 1, ACCMODE = WRONLY | RDWR, };\n"
				 "interface i id 1 version 1 {\n"
				 "\tflags prot : uint8 { READ = 1, WRITE = 2 };\n"
				 "\tconst uint32 WRITE_CREATE = WRONLY | CREAT;\n"
				 "\tint open(in open_flags how, in prot p);\n"
				 "};\n"), "");
	struct idl_decl *flags = find_decl(prog.files->decls, "open_flags");
	ck_assert_int_eq(flags->kind, IDL_D_FLAGS);
	ck_assert_int_eq(flags->members->next->next->next->next->value.num, 0200);
	ck_assert_int_eq(flags->members->next->next->next->next->next->value.num, 3);
	struct idl_decl *iface = find_decl(prog.files->decls, "i");
	ck_assert_int_eq(find_decl(iface->body, "WRITE_CREATE")->value.num, 0101);
	/* On the wire a flag set is its integer type. */
	struct idl_decl *open = find_decl(iface->body, "open");
	ck_assert_int_eq(idl_base_type(open->members->type)->bits, 32);
	ck_assert_int_eq(idl_base_type(open->members->next->type)->bits, 8);
	ck_assert_uint_eq(open->members->next->type->decl->words, 1);
}
END_TEST

START_TEST(octal_integers)
{
	ck_assert_str_eq(compile("typedef octal uint16 mode_bits;\n"
				 "interface i id 1 version 1 { int f(in octal uint32 mode, in mode_bits m, "
				 "in uint32 octal); };"), "");
	struct idl_decl *f = find_decl(find_decl(prog.files->decls, "i")->body, "f");
	ck_assert_int_eq(f->members->type->octal, 1);
	ck_assert_int_eq(idl_base_type(f->members->next->type)->octal, 1);
	ck_assert_int_eq(idl_base_type(f->members->next->type)->bits, 16);
	ck_assert_int_eq(f->members->next->next->type->octal, 0);
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f(in octal int32 m); };",
		    "1:39: error: 'octal' needs an unsigned integer type",
		    "interface i id 1 version 1 { int f(in octal int32 m); };",
		    "                                      ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f(in octl uint32 m); };",
		    "1:39: error: unknown word 'octl' before an integer type (expected 'octal')",
		    "interface i id 1 version 1 { int f(in octl uint32 m); };",
		    "                                      ^");
}
END_TEST

START_TEST(flag_set_errors)
{
	CHECK_ERROR("flags f : int32 { A = 1 };", "1:11: error: flag set 'f' needs an unsigned integer type",
		    "flags f : int32 { A = 1 };", "          ^");
	teardown();
	setup();
	CHECK_ERROR("flags f : uint8 { A = 1, B };", "1:26: error: flag 'B' needs a value (as in B = 0x4)",
		    "flags f : uint8 { A = 1, B };", "                         ^");
	teardown();
	setup();
	CHECK_ERROR("flags f : uint8 { A = 1, B = 0x100 };", "1:30: error: flag 'B' = 256 does not fit the type of flag set 'f'",
		    "flags f : uint8 { A = 1, B = 0x100 };", "                             ^");
	teardown();
	setup();
	CHECK_ERROR("flags f : uint8 { A = 1, B = 01 };", "1:26: error: flag 'B' repeats the value 1 of 'A'",
		    "flags f : uint8 { A = 1, B = 01 };", "                         ^");
	teardown();
	setup();
	CHECK_ERROR("flags f : uint8 { A = B, B = 1 };", "1:23: error: 'B' is used before its value is known",
		    "flags f : uint8 { A = B, B = 1 };", "                      ^");
	teardown();
	setup();
	CHECK_ERROR("enum e { A };\nflags f : uint8 { A = 1 };", "2:19: error: flag 'A' is also in enum 'e'",
		    "flags f : uint8 { A = 1 };", "                  ^");
	teardown();
	setup();
	CHECK_ERROR("flag f : uint8 { A = 1 };",
		    "1:1: error: unknown word 'flag' at the start of a declaration (expected 'flags')",
		    "flag f : uint8 { A = 1 };", "^");
}
END_TEST

START_TEST(accepted_versions)
{
	ck_assert_str_eq(compile("interface i id 1 version 4 accepts 2, 3 { };"), "");
	struct idl_decl *iface = prog.files->decls;
	ck_assert_int_eq(iface->accepts->value.num, 2);
	ck_assert_int_eq(iface->accepts->next->value.num, 3);
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 4 accepts 4 { };",
		    "1:36: error: accepted version 4 is not older than version 4",
		    "interface i id 1 version 4 accepts 4 { };", "                                   ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 4 accepts 1, 1 { };", "1:39: error: version 1 is accepted twice",
		    "interface i id 1 version 4 accepts 1, 1 { };", "                                      ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 4 accept 1 { };",
		    "1:28: error: unknown word 'accept' after the version (expected 'accepts')",
		    "interface i id 1 version 4 accept 1 { };", "                           ^");
}
END_TEST

START_TEST(optional_parameters)
{
	ck_assert_str_eq(compile("interface i id 1 version 2 {\n"
				 "\tint f(in int32 a, out int32 r, optional in int32 b, optional in int64 c);\n"
				 "};"), "");
	struct idl_decl *f = find_decl(prog.files->decls->body, "f");
	ck_assert_int_eq(f->members->optional, 0);
	ck_assert_int_eq(f->members->next->next->optional, 1);
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 2 { int f(optional out int32 r); };",
		    "1:55: error: optional parameter 'r' must be 'in'",
		    "interface i id 1 version 2 { int f(optional out int32 r); };",
		    "                                                      ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 2 { int f(optional in int32 a, in int32 b); };",
		    "1:66: error: parameter 'b' follows optional parameter 'a' and must be optional too",
		    "interface i id 1 version 2 { int f(optional in int32 a, in int32 b); };",
		    "                                                                 ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 2 { int f(in string<4> s, optional in int32 a); };",
		    "1:70: error: optional parameter 'a' cannot be in an operation with a string or buffer in parameter ('s')",
		    "interface i id 1 version 2 { int f(in string<4> s, optional in int32 a); };",
		    "                                                                     ^");
}
END_TEST

/* Optional fields end a struct, whose requests may then end early: it is an
 * operation's last in parameter and nothing else. */
START_TEST(optional_fields)
{
	ck_assert_str_eq(compile("interface i id 1 version 2 {\n"
				 "\tstruct s { int32 a; optional int32 b; optional uint64 c; };\n"
				 "\tint f(in int32 x, in s v, out int32 r);\n"
				 "};"), "");
	struct idl_decl *st = find_decl(prog.files->decls->body, "s");
	ck_assert_int_eq(st->members->optional, 0);
	ck_assert_int_eq(st->members->next->optional, 1);
	ck_assert_uint_eq(st->words, 4);
	teardown();
	setup();
	CHECK_ERROR("struct s { int32 a; optional int32 b; int32 c; };",
		    "1:45: error: field 'c' follows optional field 'b' and must be optional too",
		    "struct s { int32 a; optional int32 b; int32 c; };",
		    "                                            ^");
	teardown();
	setup();
	CHECK_ERROR("struct s { sequence<int32, 2> q; optional int32 b; };",
		    "1:49: error: optional field 'b' cannot be in a struct with a sequence ('q')",
		    "struct s { sequence<int32, 2> q; optional int32 b; };",
		    "                                                ^");
	teardown();
	setup();
	CHECK_ERROR("struct s { int32 a; optional int32 b; }; struct o { s inner; };",
		    "1:53: error: struct 's' has optional fields, allowed only as an operation's last in parameter",
		    "struct s { int32 a; optional int32 b; }; struct o { s inner; };",
		    "                                                    ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 2 { struct s { int32 a; optional int32 b; }; int f(out s r); };",
		    "1:83: error: parameter 'r' (a struct with optional fields) must be 'in'",
		    "interface i id 1 version 2 { struct s { int32 a; optional int32 b; }; int f(out s r); };",
		    "                                                                                  ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 2 { struct s { int32 a; optional int32 b; }; int f(in s v, in int32 c); };",
		    "1:94: error: parameter 'c' follows 'v', a struct with optional fields, which must be the last in parameter",
		    "interface i id 1 version 2 { struct s { int32 a; optional int32 b; }; int f(in s v, in int32 c); };",
		    "                                                                                             ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 2 { struct s { int32 a; optional int32 b; }; "
		    "int f(in s v, optional in int32 c); };",
		    "1:103: error: optional parameter 'c' cannot be in an operation with a struct with optional fields ('v')",
		    "interface i id 1 version 2 { struct s { int32 a; optional int32 b; }; "
		    "int f(in s v, optional in int32 c); };",
		    "                                                                                                      ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 2 { struct s { int32 a; optional int32 b; }; int f(in string<4> n, in s v); };",
		    "1:98: error: parameter 'v' cannot be in an operation with a string or buffer in parameter ('n')",
		    "interface i id 1 version 2 { struct s { int32 a; optional int32 b; }; int f(in string<4> n, in s v); };",
		    "                                                                                                 ^");
}
END_TEST

START_TEST(bulk_parameters)
{
	ck_assert_str_eq(compile("interface i id 1 version 1 {\n"
				 "\tint f(in bulk string<4096> p, out bulk buffer<65536> d, out uint32 n);\n"
				 "};"), "");
	struct idl_decl *f = find_decl(prog.files->decls->body, "f");
	/* (offset, length) for each in the request; the out one's used length in the reply. */
	ck_assert_uint_eq(idl_op_words(f, IDL_IN, 1), 5);
	ck_assert_uint_eq(idl_op_words(f, IDL_OUT, 1), 3);
	ck_assert_int_eq(idl_is_bulk(f->members->type), 1);
	ck_assert_int_eq(idl_in_message(f->members->type), 0);
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f(in bulk buffer<1048577> b); };",
		    "1:51: error: bad bound 1048577 for bulk buffer (must be 1..1048576)",
		    "interface i id 1 version 1 { int f(in bulk buffer<1048577> b); };",
		    "                                                  ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { oneway int f(in bulk buffer<8> b); };",
		    "1:61: error: bulk parameter 'b' cannot be in a oneway operation",
		    "interface i id 1 version 1 { oneway int f(in bulk buffer<8> b); };",
		    "                                                            ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f(inout bulk buffer<8> b); };",
		    "1:57: error: bulk parameter 'b' must be 'in' or 'out', not 'inout'",
		    "interface i id 1 version 1 { int f(inout bulk buffer<8> b); };",
		    "                                                        ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f(out bulk string<8> s); };",
		    "1:55: error: bulk string 's' must be 'in' (return text as an out bulk buffer)",
		    "interface i id 1 version 1 { int f(out bulk string<8> s); };",
		    "                                                      ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 2 { int f(out bulk buffer<8> b, optional in int32 a); };",
		    "1:76: error: optional parameter 'a' cannot be in an operation with a bulk parameter ('b')",
		    "interface i id 1 version 2 { int f(out bulk buffer<8> b, optional in int32 a); };",
		    "                                                                           ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { deferred int f(out bulk buffer<8> a, out bulk buffer<8> b); };",
		    "1:86: error: deferred operation 'f' can have only one out bulk buffer ('a' and 'b')",
		    "interface i id 1 version 1 { deferred int f(out bulk buffer<8> a, out bulk buffer<8> b); };",
		    "                                                                                     ^");
	teardown();
	setup();
	ck_assert_str_eq(compile("interface i id 1 version 1 { deferred int f(in bulk string<8> p, "
				 "in bulk buffer<8> a, out bulk buffer<8> b); };"), "");
}
END_TEST

START_TEST(sequence_errors)
{
	CHECK_ERROR("interface i id 1 version 1 { int f(in sequence<int32, 4097> s); };",
		    "1:55: error: bad bound 4097 for sequence (must be 1..4096)",
		    "interface i id 1 version 1 { int f(in sequence<int32, 4097> s); };",
		    "                                                      ^");
	teardown();
	setup();
	CHECK_ERROR("typedef sequence<int32, 4> ids;",
		    "1:9: error: a sequence cannot be named by a typedef (its count is a C name of its own): write it where it is used",
		    "typedef sequence<int32, 4> ids;",
		    "        ^");
	teardown();
	setup();
	CHECK_ERROR("struct s { sequence<int32, 2> a[3]; };",
		    "1:12: error: sequence is allowed only as an operation parameter or a struct field",
		    "struct s { sequence<int32, 2> a[3]; };",
		    "           ^");
	teardown();
	setup();
	CHECK_ERROR("struct p { sequence<int32, 2> a; }; struct q { sequence<p, 2> b; };",
		    "1:57: error: a sequence's elements must have a fixed size (no sequence inside)",
		    "struct p { sequence<int32, 2> a; }; struct q { sequence<p, 2> b; };",
		    "                                                        ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f(inout sequence<int32, 2> s); };",
		    "1:61: error: sequence 's' must be 'in' or 'out', not 'inout'",
		    "interface i id 1 version 1 { int f(inout sequence<int32, 2> s); };",
		    "                                                            ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 2 { int f(in sequence<int32, 2> s, optional in int32 a); };",
		    "1:79: error: optional parameter 'a' cannot be in an operation with a sequence in parameter ('s')",
		    "interface i id 1 version 2 { int f(in sequence<int32, 2> s, optional in int32 a); };",
		    "                                                                              ^");
	teardown();
	setup();
	CHECK_ERROR("struct s { sequence<int32, 2> a; uint32 a_count; };",
		    "1:41: error: field 'a_count' clashes with the count of sequence 'a'",
		    "struct s { sequence<int32, 2> a; uint32 a_count; };",
		    "                                        ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f(in sequence<int32, 64> s); };",
		    "1:34: error: request of 'f' needs up to 66 words, more than the 63 message registers",
		    "interface i id 1 version 1 { int f(in sequence<int32, 64> s); };",
		    "                                 ^");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f(in sequence<int32 2> s); };",
		    "1:54: error: expected ',' before the number 2",
		    "interface i id 1 version 1 { int f(in sequence<int32 2> s); };",
		    "                                                     ^");
	teardown();
	setup();
	/* Fine: only the used count travels, so the bound's words count once. */
	ck_assert_str_eq(compile("struct pt { int32 x; int32 y; };\n"
				 "struct shape { sequence<pt, 6> corners; uint16 tag; };\n"
				 "interface i id 1 version 1 { int f(in sequence<uint8, 8> b, in shape s, "
				 "out sequence<pt, 2> o); };"), "");
}
END_TEST

START_TEST(every_syntax_error_is_reported)
{
	compile("interface x id 1 version 1 {\n"
		"\tint f(in string s);\n"
		"\tint g(in int32 a) = ;\n"
		"\tstruct q { int32 a; int32 };\n"
		"\tint h(in int32 a);\n"
		"};\n"
		"const uint8 z = 1 +;\n"
		"struct ok { int32 a; };\n"
		"enum e { A B };\n");
	ck_assert_str_eq(diag_text,
		"t.idl:2:18: error: expected '<' before the name 's'\n"
		" \tint f(in string s);\n"
		" \t                ^\n"
		"t.idl:3:22: error: expected a value before ';'\n"
		" \tint g(in int32 a) = ;\n"
		" \t                    ^\n"
		"t.idl:4:28: error: expected a name before '}'\n"
		" \tstruct q { int32 a; int32 };\n"
		" \t                          ^\n"
		"t.idl:7:20: error: expected a value before ';'\n"
		" const uint8 z = 1 +;\n"
		"                    ^\n"
		"t.idl:9:12: error: expected '=', '}' or ',' before the name 'B'\n"
		" enum e { A B };\n"
		"            ^\n");
	ck_assert_int_eq(prog.errors, 5);
}
END_TEST

START_TEST(reserved_words_are_named)
{
	CHECK_ERROR("struct s { int32 in; };", "1:18: error: 'in' is a reserved word and cannot be used as a name",
		    "struct s { int32 in; };", "                 ^");
	teardown();
	setup();
	CHECK_ERROR("const uint32 optional = 1;",
		    "1:14: error: 'optional' is a reserved word and cannot be used as a name",
		    "const uint32 optional = 1;", "             ^");
	teardown();
	setup();
	/* flags and accepts are words only where they start a flag set or follow a version. */
	ck_assert_str_eq(compile("interface i id 1 version 1 { int f(in uint32 flags, in uint32 accepts); };"), "");
	teardown();
	setup();
	CHECK_ERROR("interface i id 1 version 1 { int f(in int32 a) }",
		    "1:48: error: expected ';' or '=' before '}'",
		    "interface i id 1 version 1 { int f(in int32 a) }", "                                               ^");
}
END_TEST

START_TEST(deep_nesting_is_refused)
{
	char text[8192] = "";
	for (int i = 0; i < 80; i++) {
		char line[64];
		snprintf(line, sizeof(line), "typedef t%d t%d;\n", i + 1, i);
		strcat(text, line);
	}
	strcat(text, "typedef uint8 t80;\n");
	compile(text);
	ck_assert_ptr_nonnull(strstr(diag_text, "error: declarations nested more than 64 deep"));
}
END_TEST

static Suite *front_suite(void)
{
	Suite *suite = suite_create("idlc front end");
	TCase *ok = tcase_create("valid");
	tcase_add_checked_fixture(ok, setup, teardown);
	tcase_add_test(ok, valid_file_parses_and_checks);
	tcase_add_test(ok, derived_opnums_are_stable_and_order_free);
	tcase_add_test(ok, uses_without_a_cycle_and_unknown_interfaces);
	tcase_add_test(ok, constants_in_every_radix_and_expressions);
	tcase_add_test(ok, flag_sets);
	tcase_add_test(ok, octal_integers);
	tcase_add_test(ok, accepted_versions);
	tcase_add_test(ok, optional_parameters);
	tcase_add_test(ok, optional_fields);
	tcase_add_test(ok, bulk_parameters);
	tcase_add_test(ok, sequence_errors);
	suite_add_tcase(suite, ok);
	TCase *syntax = tcase_create("lexer and parser errors");
	tcase_add_checked_fixture(syntax, setup, teardown);
	tcase_add_test(syntax, syntax_error_points_at_the_token);
	tcase_add_test(syntax, syntax_error_missing_direction);
	tcase_add_test(syntax, syntax_error_keeps_tabs_under_the_caret);
	tcase_add_test(syntax, lexer_errors);
	tcase_add_test(syntax, nul_byte_is_refused);
	tcase_add_test(syntax, every_syntax_error_is_reported);
	tcase_add_test(syntax, reserved_words_are_named);
	suite_add_tcase(suite, syntax);
	TCase *sema = tcase_create("semantic errors");
	tcase_add_checked_fixture(sema, setup, teardown);
	tcase_add_test(sema, unknown_names);
	tcase_add_test(sema, duplicate_names);
	tcase_add_test(sema, duplicate_operation_numbers);
	tcase_add_test(sema, bad_bounds);
	tcase_add_test(sema, direction_misuse);
	tcase_add_test(sema, buffers_only_as_parameters_or_fields);
	tcase_add_test(sema, no_arrays_of_strings);
	tcase_add_test(sema, recursive_types);
	tcase_add_test(sema, uses_cycle_is_named);
	tcase_add_test(sema, duplicate_interface_ids);
	tcase_add_test(sema, imports_can_be_disabled);
	tcase_add_test(sema, names_that_would_break_the_c);
	tcase_add_test(sema, deep_nesting_is_refused);
	tcase_add_test(sema, constant_expression_errors);
	tcase_add_test(sema, flag_set_errors);
	suite_add_tcase(suite, sema);
	return suite;
}

int main(void)
{
	SRunner *runner = srunner_create(front_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

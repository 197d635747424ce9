/* check_compat.c - idlc as a user runs it: --compat's rules one by one, and the
 * command line's handling of output folders, partial outputs and imports. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "driver.h"

static char dir[] = "compat-run.XXXXXX";
static char *diag_text;

static void setup(void)
{
	strcpy(dir, "compat-run.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	diag_text = NULL;
}

static void teardown(void)
{
	free(diag_text);
	char command[64];
	snprintf(command, sizeof(command), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(command), 0);
}

static char *path_in(const char *name)
{
	static char paths[4][256];
	static int next;
	char *path = paths[next++ % 4];
	snprintf(path, sizeof(paths[0]), "%s/%s", dir, name);
	return path;
}

static void write_file(const char *name, const char *text)
{
	FILE *out = fopen(path_in(name), "w");
	ck_assert_ptr_nonnull(out);
	fputs(text, out);
	ck_assert_int_eq(fclose(out), 0);
}

/* Runs idlc with the given arguments; the diagnostics land in diag_text. */
static int run(int argc, char **argv)
{
	size_t size;
	free(diag_text);
	FILE *diag = open_memstream(&diag_text, &size);
	FILE *out = fopen("/dev/null", "w");
	int status = idlc_main(argc, argv, out, diag);
	fclose(out);
	fclose(diag);
	return status;
}

static int compat(const char *old_text, const char *new_text)
{
	write_file("old.idl", old_text);
	write_file("new.idl", new_text);
	char *argv[] = { "idlc", "--compat", path_in("old.idl"), path_in("new.idl"), NULL };
	return run(4, argv);
}

/* The diagnostics with the temporary folder taken out of every path. */
static const char *without_dir(void)
{
	static char text[4096];
	size_t prefix = strlen(dir) + 1, len = 0;
	for (const char *in = diag_text ? diag_text : ""; *in && len + 1 < sizeof(text);) {
		if (strncmp(in, dir, prefix - 1) == 0 && in[prefix - 1] == '/')
			in += prefix;
		else
			text[len++] = *in++;
	}
	text[len] = '\0';
	return text;
}

/* The first line of the diagnostics, without the folder. */
static const char *first_error(void)
{
	static char line[512];
	const char *start = diag_text ? diag_text : "";
	const char *slash = strchr(start, '/');
	start = slash ? slash + 1 : start;
	size_t len = strcspn(start, "\n");
	snprintf(line, sizeof(line), "%.*s", (int)len, start);
	return line;
}

static const char base[] =
	"const uint32 LIMIT = 8;\n"
	"struct pt { int32 x; int32 y; };\n"
	"enum color { RED, GREEN };\n"
	"interface svc id 0x20 version 1 {\n"
	"\tint get(in int32 a, out int32 b) = 1;\n"
	"\tint put(in pt p) = 2;\n"
	"\toneway int note(in color c) = 3;\n"
	"};\n";

/* base with one piece of text replaced. */
static char *changed(const char *from, const char *to)
{
	static char text[2048];
	const char *at = strstr(base, from);
	ck_assert_ptr_nonnull(at);
	snprintf(text, sizeof(text), "%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
	return text;
}

START_TEST(identical_files_are_compatible)
{
	ck_assert_int_eq(compat(base, base), 0);
	ck_assert_str_eq(diag_text, "");
}
END_TEST

START_TEST(added_operation_passes)
{
	ck_assert_int_eq(compat(base, changed("= 3;\n", "= 3;\n\tint more(in int32 x) = 4;\n")), 0);
	ck_assert_str_eq(diag_text, "");
}
END_TEST

START_TEST(new_trailing_optional_parameter_passes)
{
	ck_assert_int_eq(compat(base, changed("in pt p)", "in pt p, optional in int32 extra)")), 0);
	ck_assert_str_eq(diag_text, "");
}
END_TEST

START_TEST(new_required_parameter_fails)
{
	ck_assert_int_eq(compat(base, changed("in pt p)", "in pt p, in int32 extra)")), 1);
	ck_assert_str_eq(first_error(), "new.idl:6:28: error: parameter 'extra' was added to 'put' without 'optional'");
}
END_TEST

START_TEST(removed_operation_fails)
{
	ck_assert_int_eq(compat(base, changed("\tint put(in pt p) = 2;\n", "")), 1);
	ck_assert_str_eq(first_error(), "old.idl:6:6: error: operation 'put' was removed");
}
END_TEST

START_TEST(removed_parameter_fails)
{
	ck_assert_int_eq(compat(base, changed("in int32 a, out int32 b", "in int32 a")), 1);
	ck_assert_str_eq(first_error(), "old.idl:5:32: error: parameter 'b' of 'get' was removed");
}
END_TEST

START_TEST(changed_parameter_type_fails)
{
	ck_assert_int_eq(compat(base, changed("in int32 a", "in int64 a")), 1);
	ck_assert_str_eq(first_error(), "new.idl:5:13: error: parameter 1 of 'get' ('a') changed its type");
}
END_TEST

START_TEST(bulk_added_to_a_parameter_fails)
{
	char *old = strdup(changed("in int32 a", "in buffer<8> a"));
	ck_assert_int_eq(compat(old, changed("in int32 a", "in bulk buffer<8> a")), 1);
	free(old);
	ck_assert_str_eq(first_error(), "new.idl:5:13: error: parameter 1 of 'get' ('a') changed its type");
}
END_TEST

/* A sequence's bound and element type are its wire form; the same one passes. */
START_TEST(changed_sequence_fails)
{
	char *old = strdup(changed("in int32 a", "in sequence<pt, 4> a"));
	ck_assert_int_eq(compat(old, old), 0);
	ck_assert_int_eq(compat(old, changed("in int32 a", "in sequence<pt, 5> a")), 1);
	ck_assert_str_eq(first_error(), "new.idl:5:13: error: parameter 1 of 'get' ('a') changed its type");
	ck_assert_int_eq(compat(old, changed("in int32 a", "in sequence<int32, 4> a")), 1);
	ck_assert_str_eq(first_error(), "new.idl:5:13: error: parameter 1 of 'get' ('a') changed its type");
	free(old);
}
END_TEST

START_TEST(changed_parameter_direction_fails)
{
	ck_assert_int_eq(compat(base, changed("in int32 a", "inout int32 a")), 1);
	ck_assert_str_eq(first_error(),
			 "new.idl:5:22: error: parameter 1 of 'get' changed its direction from in to inout");
}
END_TEST

START_TEST(reordered_struct_field_fails)
{
	ck_assert_int_eq(compat(base, changed("int32 x; int32 y;", "int32 y; int32 x;")), 1);
	ck_assert_str_eq(first_error(), "new.idl:2:28: error: field 'x' of struct 'pt' moved from position 1 to 2");
}
END_TEST

START_TEST(retyped_struct_field_fails)
{
	ck_assert_int_eq(compat(base, changed("int32 y;", "uint32 y;")), 1);
	ck_assert_str_eq(first_error(), "new.idl:2:29: error: field 'y' of struct 'pt' changed its type");
	/* The operation that carries the struct changed with it. */
	ck_assert_ptr_nonnull(strstr(diag_text, "error: parameter 1 of 'put' ('p') changed its type"));
}
END_TEST

/* A struct's string or buffer member keeps a slot of its bound's size: a new bound moves what follows. */
START_TEST(changed_member_bound_fails)
{
	static const char record[] = "struct rec { string<8> name; buffer<16> blob; };\n"
				     "interface svc id 0x20 version 1 {\n\tint put(in rec r) = 1;\n};\n";
	char wider[sizeof(record) + 1];
	ck_assert_int_eq(compat(record, record), 0);
	snprintf(wider, sizeof(wider), "%.*s32%s", (int)(strstr(record, "16") - record), record,
		 strstr(record, "16") + 2);
	ck_assert_int_eq(compat(record, wider), 1);
	ck_assert_str_eq(first_error(), "new.idl:1:41: error: field 'blob' of struct 'rec' changed its type");
	ck_assert_ptr_nonnull(strstr(diag_text, "error: parameter 1 of 'put' ('r') changed its type"));
	snprintf(wider, sizeof(wider), "%.*s9%s", (int)(strstr(record, "8") - record), record, strstr(record, "8") + 1);
	ck_assert_int_eq(compat(record, wider), 1);
	ck_assert_str_eq(first_error(), "new.idl:1:24: error: field 'name' of struct 'rec' changed its type");
}
END_TEST

START_TEST(added_struct_field_fails)
{
	ck_assert_int_eq(compat(base, changed("int32 y;", "int32 y; int32 z;")), 1);
	ck_assert_str_eq(first_error(), "new.idl:2:37: error: field 'z' was added to struct 'pt' without "
			 "'optional': its wire layout changed");
}
END_TEST

/* put(in pt p) ends its request with pt, so pt may grow optional fields. */
START_TEST(added_optional_field_passes)
{
	static char with_z[2048];
	snprintf(with_z, sizeof(with_z), "%s", changed("int32 y;", "int32 y; optional int32 z;"));
	ck_assert_int_eq(compat(base, with_z), 0);
	/* And again, on top of the first. */
	ck_assert_int_eq(compat(with_z, changed("int32 y;", "int32 y; optional int32 z; optional int64 w;")), 0);
	/* A field that was optional stays so: clients of the version before leave it out. */
	ck_assert_int_eq(compat(with_z, changed("int32 y;", "int32 y; int32 z;")), 1);
	ck_assert_str_eq(first_error(), "new.idl:2:37: error: field 'z' of struct 'pt' is no longer optional");
}
END_TEST

START_TEST(optional_field_moved_fails)
{
	static char with_z[2048];
	snprintf(with_z, sizeof(with_z), "%s", changed("int32 y;", "int32 y; optional int32 z;"));
	ck_assert_int_eq(compat(with_z, changed("int32 x; int32 y;", "optional int32 z; int32 x; int32 y;")), 1);
	ck_assert_str_eq(first_error(),
			 "new.idl:2:37: error: field 'x' follows optional field 'z' and must be optional too");
	/* Optional, but between two fields an old client sends. */
	ck_assert_int_eq(compat(base, changed("int32 x; int32 y;", "int32 x; optional int32 z; optional int32 y;")),
			 1);
	ck_assert_ptr_nonnull(strstr(without_dir(), "new.idl:2:55: error: field 'y' of struct 'pt' moved from "
				     "position 2 to 3"));
}
END_TEST

START_TEST(changed_constant_fails)
{
	ck_assert_int_eq(compat(base, changed("LIMIT = 8", "LIMIT = 010")), 0);
	ck_assert_int_eq(compat(base, changed("LIMIT = 8", "LIMIT = 9")), 1);
	ck_assert_str_eq(first_error(), "new.idl:1:22: error: constant 'LIMIT' changed its value from 8 to 9");
}
END_TEST

START_TEST(changed_enumerator_fails)
{
	ck_assert_int_eq(compat(base, changed("GREEN }", "GREEN, BLUE }")), 0);
	ck_assert_int_eq(compat(base, changed("GREEN }", "GREEN = 4 }")), 1);
	ck_assert_str_eq(first_error(), "new.idl:3:19: error: 'GREEN' changed its value from 1 to 4");
}
END_TEST

START_TEST(changed_interface_id_fails)
{
	ck_assert_int_eq(compat(base, changed("id 0x20", "id 0x21")), 1);
	ck_assert_str_eq(first_error(), "new.idl:4:18: error: interface 'svc' changed its id from 0x20 to 0x21");
}
END_TEST

START_TEST(changed_operation_number_or_kind_fails)
{
	ck_assert_int_eq(compat(base, changed("= 2;", "= 5;")), 1);
	ck_assert_str_eq(first_error(), "new.idl:6:6: error: operation 'put' changed its number from 0x2 to 0x5");
	ck_assert_int_eq(compat(base, changed("oneway int note", "int note")), 1);
	ck_assert_str_eq(first_error(), "new.idl:7:6: error: operation 'note' is no longer oneway");
}
END_TEST

START_TEST(new_version_must_accept_the_old_one)
{
	ck_assert_int_eq(compat(base, changed("version 1", "version 2")), 1);
	ck_assert_str_eq(first_error(), "new.idl:4:31: error: interface 'svc' went from version 1 to 2 "
			 "without 'accepts 1': old clients would get EPROTONOSUPPORT");
	ck_assert_int_eq(compat(base, changed("version 1", "version 3 accepts 1, 2")), 0);
}
END_TEST

START_TEST(removed_interface_fails)
{
	ck_assert_int_eq(compat(base, changed("interface svc", "interface other")), 1);
	ck_assert_str_eq(first_error(), "old.idl:4:11: error: interface 'svc' was removed");
}
END_TEST

START_TEST(every_difference_is_reported)
{
	ck_assert_int_eq(compat(base, "const uint32 LIMIT = 9;\n"
				      "struct pt { int32 x; int32 y; };\n"
				      "enum color { RED, GREEN };\n"
				      "interface svc id 0x20 version 1 {\n"
				      "\tint get(in int32 a, in int32 b) = 1;\n"
				      "\toneway int note(in color c) = 3;\n"
				      "};\n"), 1);
	ck_assert_str_eq(without_dir(),
		"new.idl:1:22: error: constant 'LIMIT' changed its value from 8 to 9\n"
		" const uint32 LIMIT = 9;\n"
		"                      ^\n"
		"new.idl:5:31: error: parameter 2 of 'get' changed its direction from out to in\n"
		" \tint get(in int32 a, in int32 b) = 1;\n"
		" \t                             ^\n"
		"old.idl:6:6: error: operation 'put' was removed\n"
		" \tint put(in pt p) = 2;\n"
		" \t    ^\n");
}
END_TEST

START_TEST(compat_needs_two_valid_files)
{
	write_file("one.idl", base);
	char *argv[] = { "idlc", "--compat", path_in("one.idl"), NULL };
	ck_assert_int_eq(run(3, argv), 2);
	ck_assert_str_eq(diag_text, "idlc: --compat takes two files: OLD.idl NEW.idl\nTry 'idlc --help'.\n");
	ck_assert_int_eq(compat(base, "interface {"), 1);
	ck_assert_str_eq(first_error(), "new.idl:1:11: error: expected a name before '{'");
}
END_TEST

static const char types_idl[] = "struct pt { int32 x; };\n";
static const char user_idl[] =
	"import \"types.idl\";\n"
	"interface user id 9 version 1 { int put(in pt p); };\n";

START_TEST(output_folder_is_created)
{
	write_file("types.idl", types_idl);
	char *out_dir = path_in("gen/deeper");
	char *argv[] = { "idlc", "-o", out_dir, path_in("types.idl"), NULL };
	ck_assert_int_eq(run(4, argv), 0);
	ck_assert_int_eq(access(path_in("gen/deeper/types.h"), R_OK), 0);
}
END_TEST

START_TEST(client_alone_rewrites_the_header)
{
	write_file("user.idl", user_idl);
	write_file("types.idl", types_idl);
	write_file("user.h", "stale\n");
	char *argv[] = { "idlc", "--client", "-o", dir, path_in("user.idl"), path_in("types.idl"), NULL };
	ck_assert_int_eq(run(6, argv), 0);
	FILE *in = fopen(path_in("user.h"), "r");
	ck_assert_ptr_nonnull(in);
	char first[128] = "";
	ck_assert_ptr_nonnull(fgets(first, sizeof(first), in));
	fclose(in);
	ck_assert_str_eq(first, "/* Types and client stubs generated by idlc from user.idl. Do not edit. */\n");
	ck_assert_int_eq(access(path_in("user_client.c"), R_OK), 0);
	ck_assert_int_ne(access(path_in("user_server.c"), R_OK), 0);
}
END_TEST

START_TEST(import_must_be_on_the_command_line)
{
	write_file("user.idl", user_idl);
	write_file("types.idl", types_idl);
	char *argv[] = { "idlc", "-o", dir, path_in("user.idl"), NULL };
	ck_assert_int_eq(run(4, argv), 1);
	ck_assert_ptr_nonnull(strstr(diag_text, "/user.idl:1:8: error: '"));
	ck_assert_ptr_nonnull(strstr(diag_text, "/types.idl' is imported but not on the command line "
					       "(its header types.h would be missing); add it\n"));
	ck_assert_int_ne(access(path_in("user.h"), R_OK), 0);
	/* Checking alone writes nothing, so it needs no header. */
	char *check[] = { "idlc", "--check", path_in("user.idl"), NULL };
	ck_assert_int_eq(run(3, check), 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("idlc compat and command line");
	TCase *rules = tcase_create("compat rules");
	tcase_add_checked_fixture(rules, setup, teardown);
	tcase_add_test(rules, identical_files_are_compatible);
	tcase_add_test(rules, added_operation_passes);
	tcase_add_test(rules, new_trailing_optional_parameter_passes);
	tcase_add_test(rules, new_required_parameter_fails);
	tcase_add_test(rules, removed_operation_fails);
	tcase_add_test(rules, removed_parameter_fails);
	tcase_add_test(rules, changed_parameter_type_fails);
	tcase_add_test(rules, bulk_added_to_a_parameter_fails);
	tcase_add_test(rules, changed_sequence_fails);
	tcase_add_test(rules, changed_parameter_direction_fails);
	tcase_add_test(rules, reordered_struct_field_fails);
	tcase_add_test(rules, retyped_struct_field_fails);
	tcase_add_test(rules, changed_member_bound_fails);
	tcase_add_test(rules, added_struct_field_fails);
	tcase_add_test(rules, added_optional_field_passes);
	tcase_add_test(rules, optional_field_moved_fails);
	tcase_add_test(rules, changed_constant_fails);
	tcase_add_test(rules, changed_enumerator_fails);
	tcase_add_test(rules, changed_interface_id_fails);
	tcase_add_test(rules, changed_operation_number_or_kind_fails);
	tcase_add_test(rules, new_version_must_accept_the_old_one);
	tcase_add_test(rules, removed_interface_fails);
	tcase_add_test(rules, every_difference_is_reported);
	tcase_add_test(rules, compat_needs_two_valid_files);
	suite_add_tcase(suite, rules);
	TCase *cli = tcase_create("command line");
	tcase_add_checked_fixture(cli, setup, teardown);
	tcase_add_test(cli, output_folder_is_created);
	tcase_add_test(cli, client_alone_rewrites_the_header);
	tcase_add_test(cli, import_must_be_on_the_command_line);
	suite_add_tcase(suite, cli);
	SRunner *runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* check_golden.c - idlc's generated files, compared byte for byte with tests/idlc/golden,
 * and the command line's exit statuses. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "driver.h"

static const char *const generated[] = {
	"test_echo.h", "test_echo_client.c", "test_echo_server.h", "test_echo_server.c",
	"test_types.h", "test_types_client.c", "test_types_server.h", "test_types_server.c",
};

static char *read_all(const char *path, size_t *len)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return NULL;
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	int c;
	while ((c = fgetc(in)) != EOF)
		fputc(c, out);
	fclose(in);
	fclose(out);
	*len = size;
	return text;
}

static const char *env_or(const char *name, const char *fallback)
{
	const char *value = getenv(name);
	return value ? value : fallback;
}

static int run_idlc(char *out_dir, FILE *out, FILE *diag)
{
	char echo_idl[4096], types_idl[4096];
	snprintf(echo_idl, sizeof(echo_idl), "%s/idl/test_echo.idl", env_or("top_srcdir", "../.."));
	snprintf(types_idl, sizeof(types_idl), "%s/idl/test_types.idl", env_or("top_srcdir", "../.."));
	char *argv[] = { "idlc", "--trace", "-o", out_dir, echo_idl, types_idl, NULL };
	return idlc_main(6, argv, out, diag);
}

START_TEST(output_matches_golden_files)
{
	char dir[] = "golden-run.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(run_idlc(dir, stdout, stderr), 0);
	for (size_t i = 0; i < sizeof(generated) / sizeof(generated[0]); i++) {
		char got_path[256], want_path[4096];
		snprintf(got_path, sizeof(got_path), "%s/%s", dir, generated[i]);
		snprintf(want_path, sizeof(want_path), "%s/golden/%s", env_or("srcdir", "."), generated[i]);
		size_t got_len = 0, want_len = 0;
		char *got = read_all(got_path, &got_len);
		char *want = read_all(want_path, &want_len);
		ck_assert_msg(got != NULL, "idlc did not write %s", got_path);
		ck_assert_msg(want != NULL, "no golden file %s", want_path);
		ck_assert_msg(got_len == want_len && memcmp(got, want, got_len) == 0,
			      "%s differs from %s (make -C tests/idlc update-golden, then review)", got_path, want_path);
		free(got);
		free(want);
		unlink(got_path);
	}
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

static int run_args(int argc, char **argv, char **out_text, char **diag_text)
{
	size_t out_size, diag_size;
	FILE *out = open_memstream(out_text, &out_size);
	FILE *diag = open_memstream(diag_text, &diag_size);
	int status = idlc_main(argc, argv, out, diag);
	fclose(out);
	fclose(diag);
	return status;
}

START_TEST(help_version_and_usage_errors)
{
	char *out, *diag;
	char *help[] = { "idlc", "--help", NULL };
	ck_assert_int_eq(run_args(2, help, &out, &diag), 0);
	ck_assert_ptr_nonnull(strstr(out, "Usage: idlc [OPTION]... FILE.idl..."));
	free(out);
	free(diag);
	char *version[] = { "idlc", "--version", NULL };
	ck_assert_int_eq(run_args(2, version, &out, &diag), 0);
	ck_assert_str_eq(out, "idlc (" IDLC_PACKAGE ") " IDLC_VERSION "\n");
	free(out);
	free(diag);
	char *none[] = { "idlc", NULL };
	ck_assert_int_eq(run_args(1, none, &out, &diag), 2);
	ck_assert_str_eq(diag, "idlc: no input files\nTry 'idlc --help'.\n");
	free(out);
	free(diag);
	char *bogus[] = { "idlc", "--bogus", NULL };
	ck_assert_int_eq(run_args(2, bogus, &out, &diag), 2);
	ck_assert_str_eq(diag, "idlc: unknown option '--bogus'\nTry 'idlc --help'.\n");
	free(out);
	free(diag);
	char *missing[] = { "idlc", "--check", "no/such/file.idl", NULL };
	ck_assert_int_eq(run_args(3, missing, &out, &diag), 1);
	ck_assert_str_eq(diag, "idlc: error: cannot open 'no/such/file.idl': No such file or directory\n");
	free(out);
	free(diag);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("idlc output");
	TCase *tc = tcase_create("golden");
	tcase_add_test(tc, output_matches_golden_files);
	tcase_add_test(tc, help_version_and_usage_errors);
	suite_add_tcase(suite, tc);
	SRunner *runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* check_sh.c - the shell's words, builtins, $? and prompt loop, with fake
 * input, output, programs and directories. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static const char *const *input;	/* lines to read, NULL-terminated */
static long input_error;		/* returned once the lines are used up (0: end) */
static char output[4096];
static size_t output_len;
static char last_argv[SH_ARGS_MAX + 1][SH_LINE_MAX];
static int last_argc, runs;
static char cwd[SH_LINE_MAX] = "/";

static const char interrupted[] = "<Ctrl-C>";	/* an input line that reads as -EINTR */

static long fake_read_line(void *ctx, char *line, size_t size)
{
	(void)ctx;
	if (!*input)
		return input_error;
	if (*input == interrupted) {
		input++;
		return -EINTR;
	}
	strncpy(line, *input, size);
	return (long)strlen(*input++);
}

static void fake_write(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	ck_assert_uint_lt(output_len + len, sizeof(output));
	memcpy(output + output_len, text, len);
	output_len += len;
	output[output_len] = '\0';
}

/* true: 0, false: 1, crash: killed by SIGSEGV, args: its argument count. */
static long fake_run(void *ctx, char *const argv[])
{
	(void)ctx;
	runs++;
	for (last_argc = 0; argv[last_argc]; last_argc++)
		strcpy(last_argv[last_argc], argv[last_argc]);
	if (strcmp(argv[0], "true") == 0)
		return 0;
	if (strcmp(argv[0], "false") == 0)
		return 1;
	if (strcmp(argv[0], "crash") == 0)
		return 128 + 11;
	if (strcmp(argv[0], "args") == 0)
		return last_argc - 1;
	if (strcmp(argv[0], "big") == 0)
		return -E2BIG;
	return -ENOENT;
}

static int fake_chdir(void *ctx, const char *path)
{
	(void)ctx;
	if (strcmp(path, "/") != 0 && strcmp(path, "/boot") != 0)
		return -ENOENT;
	strcpy(cwd, path);
	return 0;
}

static const struct sh_ops fakes = { fake_read_line, fake_write, fake_run, fake_chdir, NULL };
static struct sh shell;

static void setup(void)
{
	static const char *const none[] = { NULL };

	input = none;
	input_error = 0;
	output_len = 0;
	output[0] = '\0';
	last_argc = runs = 0;
	strcpy(cwd, "/");
	sh_init(&shell, &fakes);
}

static int split(const char *line, int status, char **words)
{
	static char text[SH_LINE_MAX + 1];

	return sh_split(line, status, text, words);
}

START_TEST(split_on_blanks)
{
	char *words[SH_ARGS_MAX + 1];

	ck_assert_int_eq(split("  ls\t-l  /boot \n", 0, words), 3);
	ck_assert_str_eq(words[0], "ls");
	ck_assert_str_eq(words[1], "-l");
	ck_assert_str_eq(words[2], "/boot");
	ck_assert_ptr_null(words[3]);
	ck_assert_int_eq(split(" \t\n", 0, words), 0);
	ck_assert_ptr_null(words[0]);
}
END_TEST

START_TEST(split_quotes_and_escapes)
{
	char *words[SH_ARGS_MAX + 1];

	ck_assert_int_eq(split("echo 'a b' \"c  d\" e\\ f '' x\"y\"z", 0, words), 6);
	ck_assert_str_eq(words[1], "a b");
	ck_assert_str_eq(words[2], "c  d");
	ck_assert_str_eq(words[3], "e f");
	ck_assert_str_eq(words[4], "");
	ck_assert_str_eq(words[5], "xyz");
	ck_assert_int_eq(split("echo 'open", 0, words), -EINVAL);
}
END_TEST

START_TEST(split_expands_status)
{
	char *words[SH_ARGS_MAX + 1];

	ck_assert_int_eq(split("echo $? x$?y '$?' \"$?\" \\$?", 139, words), 6);
	ck_assert_str_eq(words[1], "139");
	ck_assert_str_eq(words[2], "x139y");
	ck_assert_str_eq(words[3], "$?");
	ck_assert_str_eq(words[4], "139");
	ck_assert_str_eq(words[5], "$?");
}
END_TEST

START_TEST(split_limits)
{
	char *words[SH_ARGS_MAX + 1], line[SH_LINE_MAX * 2];

	ck_assert_int_eq(split("a b c d e f g h i j k l m n o p", 0, words), SH_ARGS_MAX);
	ck_assert_int_eq(split("a b c d e f g h i j k l m n o p q", 0, words), -E2BIG);
	memset(line, 'w', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	ck_assert_int_eq(split(line, 0, words), -E2BIG);
}
END_TEST

START_TEST(program_gets_its_arguments_and_status)
{
	sh_execute(&shell, "args one 'two three' four\n");
	ck_assert_int_eq(last_argc, 4);
	ck_assert_str_eq(last_argv[0], "args");
	ck_assert_str_eq(last_argv[2], "two three");
	ck_assert_int_eq(shell.last_status, 3);
	sh_execute(&shell, "echo $?\n");
	ck_assert_str_eq(output, "3\n");
}
END_TEST

START_TEST(status_of_a_killed_program)
{
	sh_execute(&shell, "crash\n");
	sh_execute(&shell, "echo status $?\n");
	ck_assert_str_eq(output, "status 139\n");
}
END_TEST

START_TEST(unknown_program_is_127)
{
	sh_execute(&shell, "nosuch arg\n");
	ck_assert_int_eq(shell.last_status, 127);
	ck_assert_str_eq(output, "sh: nosuch: not found\n");
	sh_execute(&shell, "big\n");
	ck_assert_int_eq(shell.last_status, 126);
}
END_TEST

START_TEST(cd_changes_directory_or_says_why_not)
{
	sh_execute(&shell, "cd /boot\n");
	ck_assert_int_eq(shell.last_status, 0);
	ck_assert_str_eq(cwd, "/boot");
	sh_execute(&shell, "cd\n");
	ck_assert_str_eq(cwd, "/");
	sh_execute(&shell, "cd /nowhere\n");
	ck_assert_int_eq(shell.last_status, 1);
	ck_assert_str_eq(output, "sh: cd: /nowhere: No such file or directory\n");
	sh_execute(&shell, "cd a b\n");
	ck_assert_int_eq(shell.last_status, 2);
	ck_assert_int_eq(runs, 0);
}
END_TEST

START_TEST(exit_with_and_without_status)
{
	sh_execute(&shell, "false\n");
	sh_execute(&shell, "exit\n");
	ck_assert(shell.exiting);
	ck_assert_int_eq(shell.exit_status, 1);
	setup();
	sh_execute(&shell, "exit 42\n");
	ck_assert_int_eq(shell.exit_status, 42);
	setup();
	sh_execute(&shell, "exit 256\n");
	ck_assert(!shell.exiting);
	ck_assert_int_eq(shell.last_status, 2);
	sh_execute(&shell, "exit x\n");
	ck_assert(!shell.exiting);
}
END_TEST

START_TEST(bad_lines_set_status_2)
{
	sh_execute(&shell, "echo \"open\n");
	ck_assert_int_eq(shell.last_status, 2);
	ck_assert_str_eq(output, "sh: unclosed quote\n");
	ck_assert_int_eq(runs, 0);
}
END_TEST

START_TEST(loop_prompts_runs_and_exits)
{
	static const char *const lines[] = { "true\n", "\n", "false\n", "echo $?\n", "exit 7\n",
					     "echo never\n", NULL };

	input = lines;
	ck_assert_int_eq(sh_run(&shell), 7);
	ck_assert_str_eq(output, "$ $ $ $ 1\n$ ");
}
END_TEST

START_TEST(loop_ends_at_end_of_input_with_last_status)
{
	static const char *const lines[] = { "false\n", NULL };

	input = lines;
	ck_assert_int_eq(sh_run(&shell), 1);
	ck_assert_str_eq(output, "$ $ \n");
}
END_TEST

START_TEST(loop_prompts_again_after_ctrl_c)
{
	static const char *const lines[] = { interrupted, "exit 3\n", NULL };

	input = lines;
	ck_assert_int_eq(sh_run(&shell), 3);
	ck_assert_str_eq(output, "$ $ ");
}
END_TEST

START_TEST(read_errors_end_the_shell)
{
	char expected[128];

	input_error = -EIO;
	ck_assert_int_eq(sh_run(&shell), 1);
	snprintf(expected, sizeof(expected), "$ sh: cannot read input: %s\n", strerror(EIO));
	ck_assert_str_eq(output, expected);
}
END_TEST

/* A test case with the fakes reset before each test; one per behaviour group,
 * so that CK_RUN_CASE can pick one. */
static TCase *add_case(Suite *suite, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, setup, NULL);
	suite_add_tcase(suite, tc);
	return tc;
}

int main(void)
{
	Suite *suite = suite_create("sh");
	TCase *words = add_case(suite, "words");
	TCase *lines = add_case(suite, "lines");
	TCase *builtins = add_case(suite, "builtins");
	TCase *loop = add_case(suite, "loop");
	SRunner *runner;
	int failed;

	tcase_add_test(words, split_on_blanks);
	tcase_add_test(words, split_quotes_and_escapes);
	tcase_add_test(words, split_expands_status);
	tcase_add_test(words, split_limits);

	tcase_add_test(lines, program_gets_its_arguments_and_status);
	tcase_add_test(lines, status_of_a_killed_program);
	tcase_add_test(lines, unknown_program_is_127);
	tcase_add_test(lines, bad_lines_set_status_2);

	tcase_add_test(builtins, cd_changes_directory_or_says_why_not);
	tcase_add_test(builtins, exit_with_and_without_status);

	tcase_add_test(loop, loop_prompts_runs_and_exits);
	tcase_add_test(loop, loop_ends_at_end_of_input_with_last_status);
	tcase_add_test(loop, loop_prompts_again_after_ctrl_c);
	tcase_add_test(loop, read_errors_end_the_shell);

	runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

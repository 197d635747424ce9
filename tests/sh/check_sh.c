/* check_sh.c - the shell over fake system calls (fake_system.c): parsing,
 * expansion, pipelines, redirections, variables and the environment,
 * the PATH search, scripts, builtins, job control and the prompt loop. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_system.h"
#include "parse.h"
#include "sh.h"

static struct sh shell;

static void setup(void)
{
	static char *const environ[] = { "PATH=/bin:/boot", "HOME=/boot", NULL };

	fake_reset();
	sh_init(&shell, &fake_ops, environ, FAKE_SHELL_PID);
}

static void teardown(void)
{
	sh_destroy(&shell);
}

static void run(const char *text)
{
	sh_execute(&shell, text);
}

/* The same checks after any command: no descriptor left open in the shell. */
static void assert_fds_clean(void)
{
	ck_assert_int_eq(fake_open_fds(), 3);
}

static enum sh_parse_result parse(const char *text, struct sh_program *program)
{
	char error[80];

	return sh_parse(text, program, error, sizeof(error));
}

static enum sh_parse_result parse_only(const char *text)
{
	struct sh_program program;
	enum sh_parse_result result = parse(text, &program);

	sh_program_free(&program);
	return result;
}

START_TEST(parse_lists_and_pipelines)
{
	struct sh_program program;
	const struct sh_pipeline *p;

	ck_assert_int_eq(parse("a x | b && c || d; e\n\nf", &program), SH_PARSE_OK);
	p = program.pipelines;
	ck_assert_uint_eq(p->command_count, 2);
	ck_assert_str_eq(p->commands->words->text, "a");
	ck_assert_str_eq(p->commands->words->next->text, "x");
	ck_assert_str_eq(p->commands->next->words->text, "b");
	ck_assert_int_eq(p->connector, SH_RUN_ALWAYS);
	p = p->next;
	ck_assert_int_eq(p->connector, SH_RUN_ON_SUCCESS);
	p = p->next;
	ck_assert_int_eq(p->connector, SH_RUN_ON_FAILURE);
	ck_assert_str_eq(p->commands->words->text, "d");
	p = p->next;
	ck_assert_int_eq(p->connector, SH_RUN_ALWAYS);
	ck_assert_str_eq(p->commands->words->text, "e");
	p = p->next;
	ck_assert_str_eq(p->commands->words->text, "f");
	ck_assert_ptr_null(p->next);
	sh_program_free(&program);
}
END_TEST

START_TEST(parse_redirections)
{
	struct sh_program program;
	const struct sh_redirect *r;

	ck_assert_int_eq(parse("cmd <in >out 2>>log 2>&1 3<&- >&2 a2>x 12<y", &program),
			 SH_PARSE_OK);
	r = program.pipelines->commands->redirects;
	ck_assert_int_eq(r->fd, 0);
	ck_assert_int_eq(r->kind, SH_REDIRECT_IN);
	ck_assert_str_eq(r->target, "in");
	r = r->next;
	ck_assert_int_eq(r->fd, 1);
	ck_assert_int_eq(r->kind, SH_REDIRECT_OUT);
	r = r->next;
	ck_assert_int_eq(r->fd, 2);
	ck_assert_int_eq(r->kind, SH_REDIRECT_APPEND);
	ck_assert_str_eq(r->target, "log");
	r = r->next;
	ck_assert_int_eq(r->fd, 2);
	ck_assert_int_eq(r->kind, SH_REDIRECT_DUP);
	ck_assert_str_eq(r->target, "1");
	r = r->next;
	ck_assert_int_eq(r->fd, 3);
	ck_assert_str_eq(r->target, "-");
	r = r->next;
	ck_assert_int_eq(r->fd, 1);
	ck_assert_str_eq(r->target, "2");
	r = r->next;
	/* Digits glued to a word are part of it. */
	ck_assert_int_eq(r->fd, 1);
	ck_assert_str_eq(r->target, "x");
	ck_assert_str_eq(program.pipelines->commands->words->next->text, "a2");
	r = r->next;
	ck_assert_int_eq(r->fd, 12);
	ck_assert_ptr_null(r->next);
	sh_program_free(&program);
}
END_TEST

START_TEST(parse_assignments_and_comments)
{
	struct sh_program program;
	const struct sh_command *c;

	ck_assert_int_eq(parse("A=1 B=\"x y\" cmd C=3 # A=2 | b\n# only a comment", &program),
			 SH_PARSE_OK);
	c = program.pipelines->commands;
	ck_assert_str_eq(c->assignments->text, "A=1");
	ck_assert_str_eq(c->assignments->next->text, "B=\"x y\"");
	ck_assert_ptr_null(c->assignments->next->next);
	ck_assert_str_eq(c->words->text, "cmd");
	ck_assert_str_eq(c->words->next->text, "C=3");
	ck_assert_ptr_null(c->words->next->next);
	ck_assert_ptr_null(program.pipelines->next);
	sh_program_free(&program);
	ck_assert_int_eq(parse("echo a#b '#c'", &program), SH_PARSE_OK);
	ck_assert_str_eq(program.pipelines->commands->words->next->text, "a#b");
	ck_assert_str_eq(program.pipelines->commands->words->next->next->text, "'#c'");
	sh_program_free(&program);
}
END_TEST

START_TEST(parse_incomplete_and_wrong)
{
	ck_assert_int_eq(parse_only("echo 'open"), SH_PARSE_INCOMPLETE);
	ck_assert_int_eq(parse_only("echo \"open\\\""), SH_PARSE_INCOMPLETE);
	ck_assert_int_eq(parse_only("a |"), SH_PARSE_INCOMPLETE);
	ck_assert_int_eq(parse_only("a &&\n"), SH_PARSE_INCOMPLETE);
	ck_assert_int_eq(parse_only("echo \\"), SH_PARSE_INCOMPLETE);
	ck_assert_int_eq(parse_only("| a"), SH_PARSE_ERROR);
	ck_assert_int_eq(parse_only("a ;; b"), SH_PARSE_ERROR);
	ck_assert_int_eq(parse_only("a & b"), SH_PARSE_ERROR);
	ck_assert_int_eq(parse_only("echo >"), SH_PARSE_ERROR);
	ck_assert_int_eq(parse_only("echo > | b"), SH_PARSE_ERROR);
	ck_assert_int_eq(parse_only("echo ${x"), SH_PARSE_ERROR);
	ck_assert_int_eq(parse_only(""), SH_PARSE_OK);
	ck_assert_int_eq(parse_only("a;"), SH_PARSE_OK);
}
END_TEST

START_TEST(syntax_errors_set_status_2)
{
	run("echo a ;; echo b");
	ck_assert_int_eq(shell.last_status, 2);
	ck_assert_str_eq(fake_stderr(), "sh: syntax error near ';'\n");
	ck_assert_str_eq(fake_stdout(), "");
	run("echo 'open");
	ck_assert_int_eq(shell.last_status, 2);
}
END_TEST

START_TEST(expand_quotes_and_escapes)
{
	run("args 'a b' \"c  d\" e\\ f '' x\"y\"z \"q\\\"\\$\\x\" 'it''s' a\\\nb");
	ck_assert_str_eq(fake_stdout(), "[a b][c  d][e f][][xyz][q\"$\\x][its][ab]\n");
	ck_assert_int_eq(shell.last_status, 8);
}
END_TEST

START_TEST(expand_parameters)
{
	char *const params[] = { "one", "two words", NULL };

	shell.params = (char **)params;
	shell.param_count = 2;
	shell.name = "shname";
	run("X=val; Y_1=under");
	run("false");
	run("args $X ${X}s $X_ $Y_1 \"$X\" '$X' \\$X $ a$ $? $$ $# $0 $1 \"$2\" $3 \"$*\" ${?}");
	ck_assert_str_eq(fake_stdout(), "[val][vals][under][val][$X][$X][$][a$][1][100][2]"
					"[shname][one][two words][one two words][1]\n");
}
END_TEST

START_TEST(expand_splits_unquoted_values)
{
	run("X=' a  b '; E=");
	run("args $X; args \"$X\"; args $E; args \"$E\"; args x${X}y");
	ck_assert_str_eq(fake_stdout(), "[a][b]\n[ a  b ]\n\n[]\n[x][a][b][y]\n");
	/* Assignments and redirection targets are not split. */
	run("Y=$X; args \"$Y\"; F='/tmp/a b'; echo hi > $F");
	ck_assert_str_eq(fake_stdout(), "[a][b]\n[ a  b ]\n\n[]\n[x][a][b][y]\n[ a  b ]\n");
	ck_assert_str_eq(fake_file("/tmp/a b"), "hi\n");
}
END_TEST

START_TEST(bad_substitution)
{
	run("echo ${1x}");
	ck_assert_int_eq(shell.last_status, 1);
	ck_assert_str_eq(fake_stderr(), "sh: ${1x}: bad substitution\n");
	ck_assert_str_eq(fake_stdout(), "");
}
END_TEST

START_TEST(program_gets_its_arguments_and_status)
{
	run("args one 'two three' four");
	ck_assert_str_eq(fake_stdout(), "[one][two three][four]\n");
	ck_assert_int_eq(shell.last_status, 3);
	run("echo $?");
	ck_assert_str_eq(fake_stdout(), "[one][two three][four]\n3\n");
	run("crash; echo status $?");
	ck_assert_str_eq(fake_stdout(), "[one][two three][four]\n3\nstatus 139\n");
	assert_fds_clean();
}
END_TEST

START_TEST(many_words_and_long_lines)
{
	char line[SH_LINE_MAX + 1];
	char expected[SH_LINE_MAX];

	memset(line, 0, sizeof(line));
	strcpy(line, "args");
	for (int i = 0; i < 200; i++)
		strcat(line, " w");
	run(line);
	ck_assert_int_eq(shell.last_status, 200);
	memset(line, 'x', SH_LINE_MAX);
	memcpy(line, "echo ", 5);
	line[SH_LINE_MAX] = '\0';
	run(line);
	memset(expected, 'x', SH_LINE_MAX - 5);
	strcpy(expected + SH_LINE_MAX - 5, "\n");
	ck_assert_str_eq(fake_stdout() + 601, expected);
}
END_TEST

START_TEST(path_search)
{
	run("nosuch arg");
	ck_assert_int_eq(shell.last_status, 127);
	ck_assert_str_eq(fake_stderr(), "sh: nosuch: not found\n");
	ck_assert_str_eq(fake_exec_log(), "/bin/nosuch /boot/nosuch ");
	run("PATH=/boot:/bin; crash; args x");
	ck_assert_str_eq(fake_exec_log(), "/bin/nosuch /boot/nosuch /boot/crash /boot/args /bin/args ");
	ck_assert_int_eq(shell.last_status, 1);
	run("/bin/args y; PATH=:/nodir:/bin; cat /boot/hello.txt");
	ck_assert_str_eq(fake_exec_log(), "/bin/nosuch /boot/nosuch /boot/crash /boot/args "
					  "/bin/args /bin/args ./cat /nodir/cat /bin/cat ");
	ck_assert_str_eq(fake_stdout(), "[x]\n[y]\nhello from bootfs\n");
}
END_TEST

START_TEST(path_search_defaults_and_errors)
{
	run("unset PATH; crash");
	ck_assert_int_eq(shell.last_status, 139);
	ck_assert_str_eq(fake_exec_log(), "/bin/crash /boot/crash ");
	run("locked");
	ck_assert_int_eq(shell.last_status, 126);
	ck_assert_str_eq(fake_stderr(), "sh: locked: Permission denied\n");
	run("/boot/nosuch");
	ck_assert_int_eq(shell.last_status, 127);
	ck_assert_str_eq(fake_stderr(),
			 "sh: locked: Permission denied\nsh: /boot/nosuch: No such file or directory\n");
}
END_TEST

START_TEST(pipelines_connect_and_close)
{
	run("echo hello | upper | cat");
	ck_assert_str_eq(fake_stdout(), "HELLO\n");
	ck_assert_int_eq(shell.last_status, 0);
	assert_fds_clean();
	run("fail | cat");
	ck_assert_int_eq(shell.last_status, 0);
	ck_assert_str_eq(fake_stderr(), "err\n");
	run("cat /boot/hello.txt | fail");
	ck_assert_int_eq(shell.last_status, 3);
	ck_assert_str_eq(fake_stdout(), "HELLO\nout\nout\n");
	run("nosuch | upper");
	ck_assert_int_eq(shell.last_status, 0);
	run("echo a | nosuch");
	ck_assert_int_eq(shell.last_status, 127);
	assert_fds_clean();
}
END_TEST

START_TEST(redirect_to_a_file_and_back)
{
	run("echo hello | cat | cat > /tmp/x; cat /tmp/x; echo more >> /tmp/x; upper < /tmp/x");
	ck_assert_str_eq(fake_file("/tmp/x"), "hello\nmore\n");
	ck_assert_str_eq(fake_stdout(), "hello\nHELLO\nMORE\n");
	run("echo new > /tmp/x; cat 0</tmp/x");
	ck_assert_str_eq(fake_file("/tmp/x"), "new\n");
	ck_assert_str_eq(fake_stdout(), "hello\nHELLO\nMORE\nnew\n");
	run("> /tmp/empty");
	ck_assert_str_eq(fake_file("/tmp/empty"), "");
	assert_fds_clean();
}
END_TEST

START_TEST(redirect_descriptors_in_order)
{
	run("fail > /tmp/both 2>&1");
	ck_assert_str_eq(fake_file("/tmp/both"), "out\nerr\n");
	ck_assert_str_eq(fake_stderr(), "");
	run("fail 2>&1 > /tmp/out");
	ck_assert_str_eq(fake_file("/tmp/out"), "out\n");
	ck_assert_str_eq(fake_stdout(), "err\n");
	run("fail 2>/tmp/err >&2");
	ck_assert_str_eq(fake_file("/tmp/err"), "out\nerr\n");
	run("cat 3</boot/hello.txt <&3 3<&-");
	ck_assert_str_eq(fake_stdout(), "err\nhello from bootfs\n");
	run("echo a >&3");
	ck_assert_int_eq(shell.last_status, 1);
	ck_assert_str_eq(fake_stderr(), "sh: 3: Bad file descriptor\n");
	assert_fds_clean();
}
END_TEST

START_TEST(builtin_redirections_are_undone)
{
	run("echo hi > /tmp/x 2>&1; echo there; echo closed >&-");
	ck_assert_str_eq(fake_file("/tmp/x"), "hi\n");
	ck_assert_str_eq(fake_stdout(), "there\n");
	ck_assert_int_eq(shell.last_status, 1);
	ck_assert_str_eq(fake_stderr(), "sh: echo: write error: Bad file descriptor\n");
	run("pwd > /tmp/pwd; echo after");
	ck_assert_str_eq(fake_file("/tmp/pwd"), "/\n");
	ck_assert_str_eq(fake_stdout(), "there\nafter\n");
	assert_fds_clean();
}
END_TEST

START_TEST(failed_redirections)
{
	run("cat < /nowhere");
	ck_assert_int_eq(shell.last_status, 1);
	ck_assert_str_eq(fake_stderr(), "sh: /nowhere: No such file or directory\n");
	ck_assert_str_eq(fake_exec_log(), "");
	run("echo x > /nodir/f; echo y >&x");
	ck_assert_int_eq(shell.last_status, 1);
	ck_assert_str_eq(fake_stderr(), "sh: /nowhere: No such file or directory\n"
					"sh: /nodir/f: No such file or directory\n"
					"sh: x: not a descriptor number\n");
	ck_assert_str_eq(fake_stdout(), "");
	assert_fds_clean();
}
END_TEST

START_TEST(variables_and_the_environment)
{
	run("X=1; echo $X; printenv X");
	ck_assert_str_eq(fake_stdout(), "1\n");
	ck_assert_int_eq(shell.last_status, 1);
	run("export X; printenv X; Y=2 printenv Y; echo y=$Y");
	ck_assert_str_eq(fake_stdout(), "1\n1\n2\ny=\n");
	run("export Z=3 X=4; printenv Z X HOME; unset Z; printenv Z");
	ck_assert_str_eq(fake_stdout(), "1\n1\n2\ny=\n3\n4\n/boot\n");
	ck_assert_int_eq(shell.last_status, 1);
	run("X=5 X=6 printenv X; printenv X");
	ck_assert_str_eq(fake_stdout(), "1\n1\n2\ny=\n3\n4\n/boot\n6\n4\n");
	run("export 1x; unset a-b");
	ck_assert_int_eq(shell.last_status, 1);
	ck_assert_str_eq(fake_stderr(), "sh: export: 1x: not a valid name\n"
					"sh: unset: a-b: not a valid name\n");
}
END_TEST

START_TEST(export_lists_exported_variables)
{
	static char *const none[] = { NULL };

	sh_destroy(&shell);
	sh_init(&shell, &fake_ops, none, FAKE_SHELL_PID);
	run("A=no; export B=\"it's\"; export");
	ck_assert_str_eq(fake_stdout(), "export B='it'\\''s'\n");
}
END_TEST

START_TEST(and_or_lists)
{
	run("false && echo no || echo yes; true || echo no && echo and");
	ck_assert_str_eq(fake_stdout(), "yes\nand\n");
	run("false || false && echo no; echo $?");
	ck_assert_str_eq(fake_stdout(), "yes\nand\n1\n");
	run("true &&\n echo next-line");
	ck_assert_str_eq(fake_stdout(), "yes\nand\n1\nnext-line\n");
}
END_TEST

START_TEST(builtins_true_false_colon)
{
	run("false");
	ck_assert_int_eq(shell.last_status, 1);
	run(": anything");
	ck_assert_int_eq(shell.last_status, 0);
	run("true | false");
	ck_assert_int_eq(shell.last_status, 1);
	ck_assert_str_eq(fake_exec_log(), "");
}
END_TEST

START_TEST(cd_and_pwd)
{
	run("cd /tmp; pwd; echo $PWD $OLDPWD");
	ck_assert_str_eq(fake_stdout(), "/tmp\n/tmp\n");
	run("cd; pwd; cd /nowhere");
	ck_assert_int_eq(shell.last_status, 1);
	ck_assert_str_eq(fake_stdout(), "/tmp\n/tmp\n/boot\n");
	ck_assert_str_eq(fake_stderr(), "sh: cd: /nowhere: No such file or directory\n");
	run("cd a b");
	ck_assert_int_eq(shell.last_status, 2);
	run("cd /; echo $OLDPWD");
	ck_assert_str_eq(fake_stdout(), "/tmp\n/tmp\n/boot\n/boot\n");
}
END_TEST

START_TEST(exit_with_and_without_status)
{
	run("false; exit; echo never");
	ck_assert(shell.exiting);
	ck_assert_int_eq(shell.exit_status, 1);
	ck_assert_str_eq(fake_stdout(), "");
	teardown();
	setup();
	run("exit 42");
	ck_assert_int_eq(shell.exit_status, 42);
	teardown();
	setup();
	run("exit 256");
	ck_assert(!shell.exiting);
	ck_assert_int_eq(shell.last_status, 2);
	run("exit x");
	ck_assert(!shell.exiting);
}
END_TEST

START_TEST(sh_dash_c)
{
	char *argv[] = { "sh", "-c", "echo $0 $1 $#; exit 4", "name", "arg", NULL };
	char *missing[] = { "sh", "-c", NULL };

	ck_assert_int_eq(sh_main(&shell, 5, argv), 4);
	ck_assert_str_eq(fake_stdout(), "name arg 1\n");
	ck_assert_int_eq(sh_main(&shell, 2, missing), 2);
	ck_assert_str_eq(fake_stderr(), "sh: -c: a command string is needed\n");
}
END_TEST

START_TEST(sh_file_runs_a_script)
{
	char *argv[] = { "sh", "/tmp/s", "a b", NULL };
	char *missing[] = { "sh", "/tmp/none", NULL };

	fake_add_file("/tmp/s", "#!/bin/sh\necho $0: $1 \\\n $#\nif_missing\necho 'two\nlines'\n"
				"exit 5\necho never\n", false);
	ck_assert_int_eq(sh_main(&shell, 3, argv), 5);
	ck_assert_str_eq(fake_stdout(), "/tmp/s: a b 1\ntwo\nlines\n");
	ck_assert_str_eq(fake_stderr(), "sh: if_missing: not found\n");
	ck_assert_int_eq(sh_main(&shell, 2, missing), 127);
	assert_fds_clean();
}
END_TEST

START_TEST(a_script_exec_refuses_runs_in_the_shell)
{
	fake_add_file("/bin/script", "echo script $1 x=$X y=$Y\nupper\nexit 6\n", true);
	run("export X=x; Y=y; echo in | script arg; echo $?");
	ck_assert_str_eq(fake_stdout(), "script arg x=x y=\nIN\n6\n");
	assert_fds_clean();
}
END_TEST

START_TEST(jobs_own_the_terminal)
{
	static const char *const lines[] = { "pgrp >/tmp/first | pgrp\n", "pgrp\n", NULL };
	char *argv[] = { "sh", NULL };

	fake_set_terminal(true);
	fake_type(lines);
	ck_assert_int_eq(sh_main(&shell, 1, argv), 0);
	ck_assert_str_eq(fake_file("/tmp/first"), "pgid 101 foreground 101\n");
	ck_assert_str_eq(fake_stdout(), "pgid 101 foreground 101\npgid 103 foreground 103\n");
	ck_assert_int_eq(fake_pgid(101), 101);
	ck_assert_int_eq(fake_pgid(102), 101);
	ck_assert_int_eq(fake_foreground(), FAKE_SHELL_PID);
	ck_assert(fake_sigint_ignored_at_waits());
	ck_assert(!fake_sigint_ignored());
	ck_assert_str_eq(fake_stderr(), "$ $ $ \n");
}
END_TEST

START_TEST(no_job_control_without_a_terminal)
{
	static const char *const lines[] = { "pgrp >/tmp/first | pgrp\n", NULL };
	char *argv[] = { "sh", NULL };

	fake_type(lines);
	ck_assert_int_eq(sh_main(&shell, 1, argv), 0);
	ck_assert_str_eq(fake_file("/tmp/first"), "pgid 100 foreground 100\n");
	ck_assert_str_eq(fake_stdout(), "pgid 100 foreground 100\n");
	ck_assert_str_eq(fake_stderr(), "");
}
END_TEST

START_TEST(ctrl_c_ends_the_job_and_the_line)
{
	static const char *const lines[] = { "interrupted\n", "echo $?\n", "echo 'half\n",
					     fake_ctrl_c, "exit 3\n", "echo never\n", NULL };
	char *argv[] = { "sh", NULL };

	fake_set_terminal(true);
	fake_type(lines);
	ck_assert_int_eq(sh_main(&shell, 1, argv), 3);
	ck_assert_str_eq(fake_stdout(), "130\n");
	ck_assert_str_eq(fake_stderr(), "$ $ $ > $ ");
}
END_TEST

START_TEST(loop_ends_at_end_of_input_with_last_status)
{
	static const char *const lines[] = { "false\n", NULL };
	char *argv[] = { "sh", NULL };

	fake_set_terminal(true);
	fake_type(lines);
	ck_assert_int_eq(sh_main(&shell, 1, argv), 1);
	ck_assert_str_eq(fake_stderr(), "$ $ \n");
}
END_TEST

START_TEST(standard_input_is_left_to_commands)
{
	static const char *const input[] = { "echo a\ncat\nfor cat\n", NULL };
	char *argv[] = { "sh", NULL };

	fake_type(input);
	ck_assert_int_eq(sh_main(&shell, 1, argv), 0);
	ck_assert_str_eq(fake_stdout(), "a\nfor cat\n");
}
END_TEST

START_TEST(too_long_a_line_is_refused)
{
	static char long_line[SH_LINE_MAX + 100];
	static const char *const lines[] = { long_line, "echo ok $?\n", NULL };
	char *argv[] = { "sh", NULL };

	memset(long_line, 'x', sizeof(long_line) - 2);
	long_line[sizeof(long_line) - 2] = '\n';
	fake_type(lines);
	ck_assert_int_eq(sh_main(&shell, 1, argv), 0);
	ck_assert_str_eq(fake_stderr(), "sh: line too long (more than 4096 characters)\n");
	ck_assert_str_eq(fake_stdout(), "ok 2\n");
}
END_TEST

/* A test case with the fakes reset before each test; one per behaviour group,
 * so that CK_RUN_CASE can pick one. */
static TCase *add_case(Suite *suite, const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, setup, teardown);
	suite_add_tcase(suite, tc);
	return tc;
}

int main(void)
{
	Suite *suite = suite_create("sh");
	TCase *parsing = add_case(suite, "parse");
	TCase *expansion = add_case(suite, "expand");
	TCase *programs = add_case(suite, "programs");
	TCase *redirections = add_case(suite, "redirect");
	TCase *variables = add_case(suite, "variables");
	TCase *builtins = add_case(suite, "builtins");
	TCase *invocation = add_case(suite, "invocation");
	TCase *loop = add_case(suite, "loop");
	SRunner *runner;
	int failed;

	tcase_add_test(parsing, parse_lists_and_pipelines);
	tcase_add_test(parsing, parse_redirections);
	tcase_add_test(parsing, parse_assignments_and_comments);
	tcase_add_test(parsing, parse_incomplete_and_wrong);
	tcase_add_test(parsing, syntax_errors_set_status_2);

	tcase_add_test(expansion, expand_quotes_and_escapes);
	tcase_add_test(expansion, expand_parameters);
	tcase_add_test(expansion, expand_splits_unquoted_values);
	tcase_add_test(expansion, bad_substitution);

	tcase_add_test(programs, program_gets_its_arguments_and_status);
	tcase_add_test(programs, many_words_and_long_lines);
	tcase_add_test(programs, path_search);
	tcase_add_test(programs, path_search_defaults_and_errors);
	tcase_add_test(programs, pipelines_connect_and_close);
	tcase_add_test(programs, and_or_lists);

	tcase_add_test(redirections, redirect_to_a_file_and_back);
	tcase_add_test(redirections, redirect_descriptors_in_order);
	tcase_add_test(redirections, builtin_redirections_are_undone);
	tcase_add_test(redirections, failed_redirections);

	tcase_add_test(variables, variables_and_the_environment);
	tcase_add_test(variables, export_lists_exported_variables);

	tcase_add_test(builtins, builtins_true_false_colon);
	tcase_add_test(builtins, cd_and_pwd);
	tcase_add_test(builtins, exit_with_and_without_status);

	tcase_add_test(invocation, sh_dash_c);
	tcase_add_test(invocation, sh_file_runs_a_script);
	tcase_add_test(invocation, a_script_exec_refuses_runs_in_the_shell);

	tcase_add_test(loop, jobs_own_the_terminal);
	tcase_add_test(loop, no_job_control_without_a_terminal);
	tcase_add_test(loop, ctrl_c_ends_the_job_and_the_line);
	tcase_add_test(loop, loop_ends_at_end_of_input_with_last_status);
	tcase_add_test(loop, standard_input_is_left_to_commands);
	tcase_add_test(loop, too_long_a_line_is_refused);

	runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

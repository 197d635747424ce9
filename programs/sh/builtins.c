/* builtins.c - cd, echo, exit, export, unset, pwd, true, false and ":". */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "builtins.h"

/* Writes to standard output: 0, or 1 after saying why it failed. */
static int print(struct sh *sh, const char *name, const char *text, size_t len)
{
	int err = sh_write_all(sh, 1, text, len);

	if (err < 0) {
		sh_error(sh, "%s: write error: %s\n", name, strerror(-err));
		return 1;
	}
	return 0;
}

/* A status argument: 0..255, or -1 when it is not one. */
static int parse_status(const char *text)
{
	char *end;
	long value = strtol(text, &end, 10);

	return (*text && !*end && value >= 0 && value <= 255) ? (int)value : -1;
}

static int builtin_exit(struct sh *sh, int argc, char **argv)
{
	int status = sh->last_status;

	if (argc > 2 || (argc == 2 && (status = parse_status(argv[1])) < 0)) {
		sh_error(sh, "exit: usage: exit [0..255]\n");
		return SH_STATUS_USAGE;
	}
	sh->exiting = true;
	sh->exit_status = status;
	return status;
}

static void set_pwd(struct sh *sh)
{
	char path[SH_LINE_MAX];

	if (sh->ops->getcwd(sh->ops->ctx, path, sizeof(path)) == 0)
		sh_var_set(&sh->vars, "PWD", 3, path, false);
}

/* cd [DIR]: DIR, or HOME, or /; PWD and OLDPWD follow. */
static int builtin_cd(struct sh *sh, int argc, char **argv)
{
	const char *home = sh_var_get(&sh->vars, "HOME");
	const char *path = argc > 1 ? argv[1] : home && *home ? home : "/";
	const char *old = sh_var_get(&sh->vars, "PWD");
	int err;

	if (argc > 2) {
		sh_error(sh, "cd: usage: cd [directory]\n");
		return SH_STATUS_USAGE;
	}
	err = sh->ops->chdir(sh->ops->ctx, path);
	if (err < 0) {
		sh_error(sh, "cd: %s: %s\n", path, strerror(-err));
		return 1;
	}
	if (old)
		sh_var_set(&sh->vars, "OLDPWD", 6, old, false);
	set_pwd(sh);
	return 0;
}

static int builtin_pwd(struct sh *sh, int argc, char **argv)
{
	char path[SH_LINE_MAX + 1];
	int err = sh->ops->getcwd(sh->ops->ctx, path, sizeof(path) - 1);
	size_t len;

	(void)argc;
	if (err < 0) {
		sh_error(sh, "%s: %s\n", argv[0], strerror(-err));
		return 1;
	}
	len = strlen(path);
	path[len++] = '\n';
	return print(sh, argv[0], path, len);
}

/* echo [-n] WORDS: the words with single blanks between them, in one write. */
static int builtin_echo(struct sh *sh, int argc, char **argv)
{
	bool newline = !(argc > 1 && strcmp(argv[1], "-n") == 0);
	struct sh_text text = { 0 };
	int status;

	for (int i = newline ? 1 : 2; i < argc; i++) {
		sh_text_add(&text, argv[i], strlen(argv[i]));
		if (i + 1 < argc)
			sh_text_add_char(&text, ' ');
	}
	if (newline)
		sh_text_add_char(&text, '\n');
	status = text.len ? print(sh, argv[0], text.text, text.len) : 0;
	sh_text_free(&text);
	return status;
}

/* export: with no names, lists the exported variables as commands that
 * would set them again. */
static int list_exported(struct sh *sh)
{
	struct sh_text text = { 0 };
	int status;

	for (size_t i = 0; i < sh->vars.count; i++) {
		const struct sh_var *var = &sh->vars.items[i];

		if (!var->exported)
			continue;
		sh_text_add(&text, "export ", 7);
		sh_text_add(&text, var->name, strlen(var->name));
		sh_text_add(&text, "='", 2);
		for (const char *c = var->value; *c; c++) {
			if (*c == '\'')
				sh_text_add(&text, "'\\''", 4);
			else
				sh_text_add_char(&text, *c);
		}
		sh_text_add(&text, "'\n", 2);
	}
	status = text.len ? print(sh, "export", text.text, text.len) : 0;
	sh_text_free(&text);
	return status;
}

/* export NAME[=VALUE]...: each name exported, with its new value if given. */
static int builtin_export(struct sh *sh, int argc, char **argv)
{
	int status = 0;

	if (argc == 1)
		return list_exported(sh);
	for (int i = 1; i < argc; i++) {
		size_t len = sh_assignment_name_length(argv[i]);

		if (len)
			sh_var_set(&sh->vars, argv[i], len, argv[i] + len + 1, true);
		else if (sh_var_name_valid(argv[i], strlen(argv[i])))
			sh_var_export(&sh->vars, argv[i]);
		else {
			sh_error(sh, "export: %s: not a valid name\n", argv[i]);
			status = 1;
		}
	}
	return status;
}

static int builtin_unset(struct sh *sh, int argc, char **argv)
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if (sh_var_name_valid(argv[i], strlen(argv[i]))) {
			sh_var_unset(&sh->vars, argv[i]);
		} else {
			sh_error(sh, "unset: %s: not a valid name\n", argv[i]);
			status = 1;
		}
	}
	return status;
}

static int builtin_true(struct sh *sh, int argc, char **argv)
{
	(void)sh, (void)argc, (void)argv;
	return 0;
}

static int builtin_false(struct sh *sh, int argc, char **argv)
{
	(void)sh, (void)argc, (void)argv;
	return 1;
}

static const struct {
	const char *name;
	sh_builtin *run;
} builtins[] = {
	{ "cd", builtin_cd }, { "echo", builtin_echo }, { "exit", builtin_exit },
	{ "export", builtin_export }, { "unset", builtin_unset }, { "pwd", builtin_pwd },
	{ "true", builtin_true }, { "false", builtin_false }, { ":", builtin_true },
};

sh_builtin *sh_builtin_find(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++) {
		if (strcmp(builtins[i].name, name) == 0)
			return builtins[i].run;
	}
	return NULL;
}

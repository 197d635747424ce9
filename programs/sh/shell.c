/* shell.c - the builtins, running programs, and the prompt loop. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

#define STATUS_NOT_FOUND	127
#define STATUS_CANNOT_RUN	126
#define STATUS_USAGE		2

void sh_init(struct sh *sh, const struct sh_ops *ops)
{
	sh->ops = ops;
	sh->last_status = 0;
	sh->exiting = false;
	sh->exit_status = 0;
}

static void vsay(const struct sh_ops *ops, const char *format, va_list args)
{
	char text[SH_LINE_MAX + 64];
	int len = vsnprintf(text, sizeof(text), format, args);

	if (len > (int)sizeof(text) - 1)
		len = (int)sizeof(text) - 1;
	if (len > 0)
		ops->write(ops->ctx, text, (size_t)len);
}

static void say(struct sh *sh, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void say(struct sh *sh, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsay(sh->ops, format, args);
	va_end(args);
}

static void say_ops(const struct sh_ops *ops, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

static void say_ops(const struct sh_ops *ops, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsay(ops, format, args);
	va_end(args);
}

int sh_run_failed(const struct sh_ops *ops, const char *name, long error)
{
	if (error == -ENOENT) {
		say_ops(ops, "sh: %s: not found\n", name);
		return STATUS_NOT_FOUND;
	}
	say_ops(ops, "sh: %s: %s\n", name, strerror((int)-error));
	return STATUS_CANNOT_RUN;
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
		say(sh, "sh: exit: usage: exit [0..255]\n");
		return STATUS_USAGE;
	}
	sh->exiting = true;
	sh->exit_status = status;
	return status;
}

static int builtin_cd(struct sh *sh, int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/";
	int err;

	if (argc > 2) {
		say(sh, "sh: cd: usage: cd [directory]\n");
		return STATUS_USAGE;
	}
	err = sh->ops->chdir(sh->ops->ctx, path);
	if (err < 0) {
		say(sh, "sh: cd: %s: %s\n", path, strerror(-err));
		return 1;
	}
	return 0;
}

static int builtin_echo(struct sh *sh, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		say(sh, "%s%s", argv[i], i + 1 < argc ? " " : "");
	say(sh, "\n");
	return 0;
}

static int run_program(struct sh *sh, char **argv)
{
	long result = sh->ops->run(sh->ops->ctx, argv);

	return result < 0 ? sh_run_failed(sh->ops, argv[0], result) : (int)result;
}

void sh_execute(struct sh *sh, const char *line)
{
	char text[SH_LINE_MAX + 1], *words[SH_ARGS_MAX + 1];
	int argc = sh_split(line, sh->last_status, text, words);

	if (argc == -E2BIG) {
		say(sh, "sh: line too long (at most %d words, %d characters)\n", SH_ARGS_MAX,
		    SH_LINE_MAX - 1);
		sh->last_status = STATUS_USAGE;
		return;
	}
	if (argc < 0) {
		say(sh, "sh: unclosed quote\n");
		sh->last_status = STATUS_USAGE;
		return;
	}
	if (argc == 0)
		return;
	if (strcmp(words[0], "exit") == 0)
		sh->last_status = builtin_exit(sh, argc, words);
	else if (strcmp(words[0], "cd") == 0)
		sh->last_status = builtin_cd(sh, argc, words);
	else if (strcmp(words[0], "echo") == 0)
		sh->last_status = builtin_echo(sh, argc, words);
	else
		sh->last_status = run_program(sh, words);
}

int sh_run(struct sh *sh)
{
	char line[SH_LINE_MAX + 2];

	while (!sh->exiting) {
		long len;

		say(sh, "$ ");
		len = sh->ops->read_line(sh->ops->ctx, line, sizeof(line) - 1);
		if (len == -EINTR)
			continue;
		if (len <= 0) {
			if (len < 0)
				say(sh, "sh: cannot read input: %s\n", strerror((int)-len));
			else
				say(sh, "\n");
			return len < 0 ? 1 : sh->last_status;
		}
		line[len] = '\0';
		sh_execute(sh, line);
	}
	return sh->exit_status;
}

/* shell.c - the shell's state, its messages, reading lines (with the
 * prompt, continuation lines and Ctrl-C) and the ways it is started:
 * standard input, sh -c, sh FILE. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "exec.h"
#include "parse.h"
#include "sh.h"

#define PROMPT		"$ "
#define PROMPT_MORE	"> "

/* Lines from a descriptor. A terminal gives one line a read; from
 * anything else standard input is read a byte at a time, so that what
 * follows the line is left for the commands that read it too. */
struct reader {
	int fd;
	size_t chunk;
	char buffer[512];
	size_t len, used;
};

void sh_init(struct sh *sh, const struct sh_ops *ops, char *const *environ, long pid)
{
	*sh = (struct sh){ .ops = ops, .pid = pid, .name = "sh" };
	sh_vars_init(&sh->vars, environ);
}

void sh_destroy(struct sh *sh)
{
	sh_vars_free(&sh->vars);
}

int sh_write_all(struct sh *sh, int fd, const char *text, size_t len)
{
	while (len) {
		long done = sh->ops->write(sh->ops->ctx, fd, text, len);

		if (done == -EINTR)
			continue;
		if (done <= 0)
			return done < 0 ? (int)done : -EIO;
		text += done;
		len -= (size_t)done;
	}
	return 0;
}

void sh_error(struct sh *sh, const char *format, ...)
{
	char text[SH_LINE_MAX + 64] = "sh: ";
	va_list args;
	int len;

	va_start(args, format);
	len = vsnprintf(text + 4, sizeof(text) - 4, format, args);
	va_end(args);
	if (len > (int)sizeof(text) - 5)
		len = (int)sizeof(text) - 5;
	if (len > 0)
		sh_write_all(sh, 2, text, (size_t)len + 4);
}

/* Adds one line, its newline included, to text: its length, 0 at the end
 * of input, or -errno: -EINTR (Ctrl-C at the prompt), -E2BIG (a line over
 * SH_LINE_MAX, read to its end); text is then to be dropped. */
static long read_line(struct sh *sh, struct reader *reader, struct sh_text *text)
{
	size_t start = text->len;
	bool too_long = false;

	for (;;) {
		char *newline;
		size_t take;

		if (reader->used == reader->len) {
			long got = sh->ops->read(sh->ops->ctx, reader->fd, reader->buffer,
						 reader->chunk);

			if (got == -EINTR && !sh->interactive)
				continue;
			if (got < 0)
				return got;
			if (got == 0)
				break;
			reader->len = (size_t)got;
			reader->used = 0;
		}
		newline = memchr(reader->buffer + reader->used, '\n', reader->len - reader->used);
		take = newline ? (size_t)(newline + 1 - reader->buffer) - reader->used :
				 reader->len - reader->used;
		/* The line's limit does not count its newline. */
		too_long |= text->len - start + take > SH_LINE_MAX + (newline ? 1 : 0);
		if (!too_long)
			sh_text_add(text, reader->buffer + reader->used, take);
		reader->used += take;
		if (newline)
			break;
	}
	if (too_long)
		return -E2BIG;
	return (long)(text->len - start);
}

static void say_parse_error(struct sh *sh, const char *error)
{
	sh_error(sh, "%s\n", error);
	sh->last_status = SH_STATUS_USAGE;
}

void sh_execute(struct sh *sh, const char *text)
{
	struct sh_program program;
	char error[80];

	if (sh_parse(text, &program, error, sizeof(error)) == SH_PARSE_OK)
		sh_run_program(sh, &program);
	else
		say_parse_error(sh, error);
	sh_program_free(&program);
}

/* Reads and runs commands until the end of input or exit: the status. */
static int run_input(struct sh *sh, struct reader *reader)
{
	struct sh_text text = { 0 };

	while (!sh->exiting) {
		struct sh_program program;
		enum sh_parse_result parsed;
		char error[80];
		long len;

		if (sh->interactive)
			sh_write_all(sh, 2, text.len ? PROMPT_MORE : PROMPT,
				     strlen(text.len ? PROMPT_MORE : PROMPT));
		len = read_line(sh, reader, &text);
		if (len == -EINTR) {
			/* Ctrl-C (the console has echoed it and a new line): the
			 * line so far is dropped. */
			sh_text_free(&text);
			continue;
		}
		if (len == -E2BIG) {
			sh_error(sh, "line too long (more than %d characters)\n", SH_LINE_MAX);
			sh->last_status = SH_STATUS_USAGE;
			sh_text_free(&text);
			continue;
		}
		if (len < 0) {
			sh_error(sh, "cannot read input: %s\n", strerror((int)-len));
			sh_text_free(&text);
			return 1;
		}
		parsed = sh_parse(text.text ? text.text : "", &program, error, sizeof(error));
		if (parsed == SH_PARSE_INCOMPLETE && len > 0) {
			sh_program_free(&program);
			continue;
		}
		if (parsed == SH_PARSE_OK)
			sh_run_program(sh, &program);
		else
			say_parse_error(sh, error);
		sh_program_free(&program);
		sh_text_free(&text);
		if (len == 0) {
			if (sh->interactive)
				sh_write_all(sh, 2, "\n", 1);
			break;
		}
	}
	return sh->exiting ? sh->exit_status : sh->last_status;
}

int sh_run_script(struct sh *sh, const char *path, char **argv)
{
	const struct sh_ops *ops = sh->ops;
	struct reader reader = { .chunk = sizeof(reader.buffer) };
	int fd = ops->open(ops->ctx, path, SH_OPEN_READ), status;

	if (fd < 0) {
		sh_error(sh, "%s: %s\n", path, strerror(-fd));
		return fd == -ENOENT ? SH_STATUS_NOT_FOUND : SH_STATUS_CANNOT_RUN;
	}
	/* Kept apart from the descriptors the script's commands use. */
	reader.fd = ops->save_fd(ops->ctx, fd);
	ops->close(ops->ctx, fd);
	if (reader.fd < 0) {
		sh_error(sh, "%s: %s\n", path, strerror(-reader.fd));
		return SH_STATUS_CANNOT_RUN;
	}
	sh->interactive = false;
	sh->name = argv[0];
	sh->params = argv + 1;
	for (sh->param_count = 0; sh->params[sh->param_count]; sh->param_count++)
		;
	status = run_input(sh, &reader);
	ops->close(ops->ctx, reader.fd);
	return status;
}

static void set_params(struct sh *sh, char **params)
{
	sh->params = params;
	for (sh->param_count = 0; params[sh->param_count]; sh->param_count++)
		;
}

int sh_main(struct sh *sh, int argc, char **argv)
{
	const struct sh_ops *ops = sh->ops;
	struct reader reader = { .fd = 0, .chunk = 1 };

	if (argc > 0)
		sh->name = argv[0];
	if (argc > 1 && strcmp(argv[1], "-c") == 0) {
		if (argc < 3) {
			sh_error(sh, "-c: a command string is needed\n");
			return SH_STATUS_USAGE;
		}
		if (argc > 3)
			sh->name = argv[3];
		set_params(sh, argv + (argc > 3 ? 4 : 3));
		sh_execute(sh, argv[2]);
		return sh->exiting ? sh->exit_status : sh->last_status;
	}
	if (argc > 1 && argv[1][0] == '-') {
		sh_error(sh, "%s: unknown option\n", argv[1]);
		return SH_STATUS_USAGE;
	}
	if (argc > 1)
		return sh_run_script(sh, argv[1], argv + 1);
	set_params(sh, argv + argc);
	sh->interactive = ops->isatty(ops->ctx, 0) && ops->isatty(ops->ctx, 2);
	if (sh->interactive) {
		reader.chunk = sizeof(reader.buffer);
		ops->setpgid(ops->ctx, 0, 0);
		ops->set_foreground(ops->ctx, 0);
		ops->ignore_sigint(ops->ctx, false);
	}
	return run_input(sh, &reader);
}

/* parse.h - commands parsed from text: lists of pipelines joined by ;, &&
 * and ||, each command with its assignments, words and redirections. The
 * words keep their quotes and $ for expand.c. */
#ifndef SH_PARSE_H
#define SH_PARSE_H

#include <stddef.h>

struct sh_word {
	const char *text;
	struct sh_word *next;
};

enum sh_redirect_kind {
	SH_REDIRECT_IN,		/* N<FILE */
	SH_REDIRECT_OUT,	/* N>FILE */
	SH_REDIRECT_APPEND,	/* N>>FILE */
	SH_REDIRECT_DUP,	/* N>&M and N<&M; M "-" closes N */
};

struct sh_redirect {
	int fd;
	enum sh_redirect_kind kind;
	const char *target;
	struct sh_redirect *next;
};

struct sh_command {
	struct sh_word *assignments;	/* NAME=value words before the first other word */
	struct sh_word *words;
	struct sh_redirect *redirects;	/* in the order written */
	struct sh_command *next;	/* the next command of the pipeline */
};

/* When a pipeline runs: always (first, or after ; or a newline), after
 * a status of 0 (&&) or after any other (||). */
enum sh_connector { SH_RUN_ALWAYS, SH_RUN_ON_SUCCESS, SH_RUN_ON_FAILURE };

struct sh_pipeline {
	enum sh_connector connector;
	struct sh_command *commands;
	size_t command_count;
	struct sh_pipeline *next;
};

struct sh_block;

struct sh_program {
	struct sh_pipeline *pipelines;
	struct sh_block *blocks;	/* where every part of it is allocated */
};

enum sh_parse_result {
	SH_PARSE_OK,
	SH_PARSE_INCOMPLETE,	/* more text would complete it: an open quote, a trailing | ... */
	SH_PARSE_ERROR,
};

/* Parses text into program (freed with sh_program_free whatever the
 * result); on SH_PARSE_ERROR error says why. */
enum sh_parse_result sh_parse(const char *text, struct sh_program *program, char *error,
			      size_t error_size);
void sh_program_free(struct sh_program *program);

#endif

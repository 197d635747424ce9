/* parse.c - text into pipelines: the tokens (words, operators, descriptor
 * numbers before < and >, comments) and the grammar of lists, pipelines
 * and simple commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "parse.h"
#include "vars.h"

struct sh_block {
	struct sh_block *next;
	max_align_t data[];
};

enum token_kind {
	TOKEN_WORD, TOKEN_PIPE, TOKEN_AND, TOKEN_OR, TOKEN_SEMICOLON, TOKEN_NEWLINE,
	TOKEN_LESS, TOKEN_GREAT, TOKEN_DOUBLE_GREAT, TOKEN_LESS_AND, TOKEN_GREAT_AND,
	TOKEN_AMPERSAND, TOKEN_END,
};

/* Longest first, so that ">>" is not read as ">". */
static const struct operator {
	const char *text;
	enum token_kind kind;
} operators[] = {
	{ "&&", TOKEN_AND }, { "||", TOKEN_OR }, { ">>", TOKEN_DOUBLE_GREAT },
	{ "<&", TOKEN_LESS_AND }, { ">&", TOKEN_GREAT_AND }, { "|", TOKEN_PIPE },
	{ ";", TOKEN_SEMICOLON }, { "\n", TOKEN_NEWLINE }, { "<", TOKEN_LESS },
	{ ">", TOKEN_GREAT }, { "&", TOKEN_AMPERSAND },
};

struct token {
	enum token_kind kind;
	const char *start;
	size_t len;
	int io_number;		/* the N of N>, or -1 */
};

struct parser {
	const char *next;	/* the text after the current token */
	struct token token;
	struct sh_program *program;
	enum sh_parse_result failure;	/* once it is not SH_PARSE_OK, parsing stops */
	char *error;
	size_t error_size;
};

static void *program_alloc(struct sh_program *program, size_t size)
{
	struct sh_block *block = sh_alloc(sizeof(*block) + size);

	block->next = program->blocks;
	program->blocks = block;
	memset(block->data, 0, size);
	return block->data;
}

void sh_program_free(struct sh_program *program)
{
	while (program->blocks) {
		struct sh_block *next = program->blocks->next;

		free(program->blocks);
		program->blocks = next;
	}
	program->pipelines = NULL;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool ends_word(char c)
{
	return !c || is_blank(c) || strchr("|&;<>\n", c);
}

static void fail(struct parser *parser, enum sh_parse_result failure, const char *message)
{
	if (parser->failure != SH_PARSE_OK)
		return;
	parser->failure = failure;
	snprintf(parser->error, parser->error_size, "%s", message);
}

/* The end of the word starting at text, its quotes, escapes and ${...}
 * taken whole; NULL (and the parser failed) when one is not closed. */
static const char *scan_word(struct parser *parser, const char *text)
{
	while (!ends_word(*text)) {
		const char *close = NULL;

		if (*text == '\\') {
			if (!text[1] || (text[1] == '\n' && !text[2])) {
				fail(parser, SH_PARSE_INCOMPLETE, "backslash at the end");
				return NULL;
			}
			text += 2;
			continue;
		}
		if (*text == '\'') {
			close = strchr(text + 1, '\'');
		} else if (*text == '"') {
			for (close = text + 1; *close && *close != '"'; close++) {
				if (*close == '\\' && close[1])
					close++;
			}
			if (!*close)
				close = NULL;
		} else if (text[0] == '$' && text[1] == '{') {
			close = strchr(text + 2, '}');
			if (!close) {
				fail(parser, SH_PARSE_ERROR, "missing '}'");
				return NULL;
			}
		} else {
			text++;
			continue;
		}
		if (!close) {
			fail(parser, SH_PARSE_INCOMPLETE, "unclosed quote");
			return NULL;
		}
		text = close + 1;
	}
	return text;
}

/* Reads the next token into parser->token. */
static void advance(struct parser *parser)
{
	const char *text = parser->next, *digits;
	struct token *token = &parser->token;

	for (;;) {
		while (is_blank(*text))
			text++;
		if (text[0] == '\\' && text[1] == '\n' && !text[2])
			fail(parser, SH_PARSE_INCOMPLETE, "backslash at the end");
		if (text[0] == '\\' && text[1] == '\n')
			text += 2;
		else if (*text == '#')
			text += strcspn(text, "\n");
		else
			break;
	}
	token->start = text;
	token->io_number = -1;
	for (digits = text; *digits >= '0' && *digits <= '9'; digits++)
		;
	if (digits > text && digits - text < 5 && (*digits == '<' || *digits == '>')) {
		token->io_number = atoi(text);
		text = digits;
	}
	if (!*text) {
		token->kind = TOKEN_END;
		token->len = 0;
		parser->next = text;
		return;
	}
	for (size_t i = 0; i < sizeof(operators) / sizeof(operators[0]); i++) {
		size_t len = strlen(operators[i].text);

		if (strncmp(text, operators[i].text, len) == 0) {
			token->kind = operators[i].kind;
			token->len = (size_t)(text + len - token->start);
			parser->next = text + len;
			return;
		}
	}
	token->kind = TOKEN_WORD;
	parser->next = scan_word(parser, text);
	if (!parser->next) {
		token->kind = TOKEN_END;
		parser->next = "";
	}
	token->len = (size_t)(parser->next - text);
}

static void unexpected(struct parser *parser)
{
	char message[64];
	const struct token *token = &parser->token;

	if (token->kind == TOKEN_END)
		fail(parser, SH_PARSE_INCOMPLETE, "unexpected end of input");
	else if (token->kind == TOKEN_NEWLINE)
		fail(parser, SH_PARSE_ERROR, "syntax error: unexpected end of line");
	else if (token->kind == TOKEN_AMPERSAND)
		fail(parser, SH_PARSE_ERROR, "background jobs (&) are not supported");
	else {
		snprintf(message, sizeof(message), "syntax error near '%.*s'",
			 (int)(token->len > 20 ? 20 : token->len), token->start);
		fail(parser, SH_PARSE_ERROR, message);
	}
}

static const char *token_text(struct parser *parser)
{
	char *text = program_alloc(parser->program, parser->token.len + 1);

	memcpy(text, parser->token.start, parser->token.len);
	return text;
}

static bool is_redirect(enum token_kind kind)
{
	return kind == TOKEN_LESS || kind == TOKEN_GREAT || kind == TOKEN_DOUBLE_GREAT ||
	       kind == TOKEN_LESS_AND || kind == TOKEN_GREAT_AND;
}

/* The current token is a redirection operator; reads it and its target. */
static struct sh_redirect *parse_redirect(struct parser *parser)
{
	struct sh_redirect *redirect = program_alloc(parser->program, sizeof(*redirect));
	enum token_kind kind = parser->token.kind;
	bool reads = kind == TOKEN_LESS || kind == TOKEN_LESS_AND;

	redirect->fd = parser->token.io_number >= 0 ? parser->token.io_number : reads ? 0 : 1;
	redirect->kind = kind == TOKEN_LESS ? SH_REDIRECT_IN :
			 kind == TOKEN_GREAT ? SH_REDIRECT_OUT :
			 kind == TOKEN_DOUBLE_GREAT ? SH_REDIRECT_APPEND : SH_REDIRECT_DUP;
	advance(parser);
	if (parser->token.kind != TOKEN_WORD) {
		if (parser->token.kind == TOKEN_END)
			fail(parser, SH_PARSE_ERROR, "syntax error: a redirection without its file");
		unexpected(parser);
		return NULL;
	}
	redirect->target = token_text(parser);
	advance(parser);
	return redirect;
}

static struct sh_word *new_word(struct parser *parser)
{
	struct sh_word *word = program_alloc(parser->program, sizeof(*word));

	word->text = token_text(parser);
	return word;
}

static struct sh_command *parse_command(struct parser *parser)
{
	struct sh_command *command = program_alloc(parser->program, sizeof(*command));
	struct sh_word **assignment_end = &command->assignments, **word_end = &command->words;
	struct sh_redirect **redirect_end = &command->redirects;

	while (parser->failure == SH_PARSE_OK) {
		if (parser->token.kind == TOKEN_WORD) {
			struct sh_word *word = new_word(parser);

			if (!command->words && sh_assignment_name_length(word->text)) {
				*assignment_end = word;
				assignment_end = &word->next;
			} else {
				*word_end = word;
				word_end = &word->next;
			}
			advance(parser);
		} else if (is_redirect(parser->token.kind)) {
			*redirect_end = parse_redirect(parser);
			if (*redirect_end)
				redirect_end = &(*redirect_end)->next;
		} else {
			break;
		}
	}
	if (!command->assignments && !command->words && !command->redirects)
		unexpected(parser);
	return command;
}

static void skip_newlines(struct parser *parser)
{
	while (parser->token.kind == TOKEN_NEWLINE)
		advance(parser);
}

static struct sh_pipeline *parse_pipeline(struct parser *parser, enum sh_connector connector)
{
	struct sh_pipeline *pipeline = program_alloc(parser->program, sizeof(*pipeline));
	struct sh_command **end = &pipeline->commands;

	pipeline->connector = connector;
	for (;;) {
		*end = parse_command(parser);
		end = &(*end)->next;
		pipeline->command_count++;
		if (parser->failure != SH_PARSE_OK || parser->token.kind != TOKEN_PIPE)
			return pipeline;
		advance(parser);
		skip_newlines(parser);
	}
}

enum sh_parse_result sh_parse(const char *text, struct sh_program *program, char *error,
			      size_t error_size)
{
	struct parser parser = { .next = text, .program = program, .failure = SH_PARSE_OK,
				 .error = error, .error_size = error_size };
	struct sh_pipeline **end = &program->pipelines;

	program->pipelines = NULL;
	program->blocks = NULL;
	advance(&parser);
	skip_newlines(&parser);
	while (parser.failure == SH_PARSE_OK && parser.token.kind != TOKEN_END) {
		enum sh_connector connector = SH_RUN_ALWAYS;

		*end = parse_pipeline(&parser, connector);
		end = &(*end)->next;
		while (parser.failure == SH_PARSE_OK &&
		       (parser.token.kind == TOKEN_AND || parser.token.kind == TOKEN_OR)) {
			connector = parser.token.kind == TOKEN_AND ? SH_RUN_ON_SUCCESS :
								    SH_RUN_ON_FAILURE;
			advance(&parser);
			skip_newlines(&parser);
			*end = parse_pipeline(&parser, connector);
			end = &(*end)->next;
		}
		if (parser.failure != SH_PARSE_OK || parser.token.kind == TOKEN_END)
			break;
		if (parser.token.kind != TOKEN_SEMICOLON && parser.token.kind != TOKEN_NEWLINE) {
			unexpected(&parser);
			break;
		}
		advance(&parser);
		skip_newlines(&parser);
	}
	return parser.failure;
}

/* expand.c - quote removal and parameter expansion, with field splitting
 * of unquoted expansions at blanks (the default IFS). No pathname
 * expansion: a * stays a *. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expand.h"

struct expansion {
	struct sh *sh;
	struct sh_list *fields;	/* NULL: one string, no splitting */
	struct sh_text field;
	bool field_started;	/* a quote or a character is in it, even if empty */
	bool failed;
};

static void add_literal(struct expansion *expansion, const char *text, size_t len)
{
	sh_text_add(&expansion->field, text, len);
	expansion->field_started = true;
}

static void end_field(struct expansion *expansion)
{
	sh_list_add(expansion->fields, sh_text_take(&expansion->field));
	expansion->field_started = false;
}

static void add_value(struct expansion *expansion, const char *value, bool quoted)
{
	if (quoted || !expansion->fields) {
		add_literal(expansion, value, strlen(value));
		return;
	}
	for (; *value; value++) {
		if (*value == ' ' || *value == '\t' || *value == '\n') {
			if (expansion->field_started)
				end_field(expansion);
		} else {
			add_literal(expansion, value, 1);
		}
	}
}

/* $@ and $* alike: the parameters joined by blanks. */
static void add_all_params(struct expansion *expansion, bool quoted)
{
	struct sh_text joined = { 0 };

	for (int i = 0; i < expansion->sh->param_count; i++) {
		if (i)
			sh_text_add_char(&joined, ' ');
		sh_text_add(&joined, expansion->sh->params[i], strlen(expansion->sh->params[i]));
	}
	add_value(expansion, joined.text ? joined.text : "", quoted);
	sh_text_free(&joined);
}

static void add_parameter(struct expansion *expansion, const char *name, size_t len, bool quoted)
{
	struct sh *sh = expansion->sh;
	char number[24];
	const char *value;

	if (len == 1 && (*name == '@' || *name == '*')) {
		add_all_params(expansion, quoted);
		return;
	}
	if (len == 1 && strchr("?$#", *name)) {
		long values[] = { sh->last_status, sh->pid, sh->param_count };

		snprintf(number, sizeof(number), "%ld", values[strchr("?$#", *name) - "?$#"]);
		value = number;
	} else if (len == 1 && *name >= '0' && *name <= '9') {
		int index = *name - '0';

		value = index == 0 ? sh->name : index <= sh->param_count ? sh->params[index - 1] : "";
	} else {
		char *copy = sh_strndup(name, len);

		value = sh_var_get(&sh->vars, copy);
		free(copy);
	}
	add_value(expansion, value ? value : "", quoted);
}

static bool special_parameter(char c)
{
	return c && strchr("?$#@*0123456789", c);
}

/* At the $ of text: adds what it stands for; returns the text after it. */
static const char *expand_dollar(struct expansion *expansion, const char *text, bool quoted)
{
	size_t len;

	if (text[1] == '{') {
		const char *name = text + 2, *close = strchr(name, '}');

		len = close ? (size_t)(close - name) : 0;
		if (!close || !((len == 1 && special_parameter(*name)) ||
				sh_var_name_valid(name, len))) {
			sh_error(expansion->sh, "%.*s: bad substitution\n",
				 close ? (int)(close + 1 - text) : (int)strlen(text), text);
			expansion->failed = true;
			return text + strlen(text);
		}
		add_parameter(expansion, name, len, quoted);
		return close + 1;
	}
	if (special_parameter(text[1])) {
		add_parameter(expansion, text + 1, 1, quoted);
		return text + 2;
	}
	len = sh_var_name_length(text + 1);
	if (!len) {
		add_literal(expansion, "$", 1);
		return text + 1;
	}
	add_parameter(expansion, text + 1, len, quoted);
	return text + 1 + len;
}

/* Inside double quotes a backslash escapes only these. */
static bool escapable_in_quotes(char c)
{
	return c && strchr("$`\"\\\n", c);
}

static void expand(struct expansion *expansion, const char *word)
{
	bool in_double = false;

	while (*word && !expansion->failed) {
		if (*word == '\'' && !in_double) {
			const char *close = strchr(word + 1, '\'');
			size_t len = close ? (size_t)(close - word - 1) : strlen(word + 1);

			add_literal(expansion, word + 1, len);
			word += len + (close ? 2 : 1);
		} else if (*word == '"') {
			in_double = !in_double;
			expansion->field_started = true;
			word++;
		} else if (*word == '\\' && word[1] == '\n') {
			word += 2;
		} else if (*word == '\\' && word[1] && (!in_double || escapable_in_quotes(word[1]))) {
			add_literal(expansion, word + 1, 1);
			word += 2;
		} else if (*word == '$') {
			word = expand_dollar(expansion, word, in_double);
		} else {
			add_literal(expansion, word, 1);
			word++;
		}
	}
}

int sh_expand_fields(struct sh *sh, const char *word, struct sh_list *fields)
{
	struct expansion expansion = { .sh = sh, .fields = fields };

	expand(&expansion, word);
	if (!expansion.failed && expansion.field_started)
		end_field(&expansion);
	sh_text_free(&expansion.field);
	return expansion.failed ? -1 : 0;
}

char *sh_expand_string(struct sh *sh, const char *word)
{
	struct expansion expansion = { .sh = sh };

	expand(&expansion, word);
	if (expansion.failed) {
		sh_text_free(&expansion.field);
		return NULL;
	}
	return sh_text_take(&expansion.field);
}

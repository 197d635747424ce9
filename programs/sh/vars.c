/* vars.c - the shell's variables and the environment built from them. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "vars.h"

static bool name_start(char c)
{
	return c == '_' || isalpha((unsigned char)c);
}

static bool name_char(char c)
{
	return c == '_' || isalnum((unsigned char)c);
}

size_t sh_var_name_length(const char *text)
{
	size_t len = 0;

	if (!name_start(text[0]))
		return 0;
	while (name_char(text[len]))
		len++;
	return len;
}

bool sh_var_name_valid(const char *name, size_t len)
{
	return len > 0 && sh_var_name_length(name) == len;
}

size_t sh_assignment_name_length(const char *word)
{
	size_t len = sh_var_name_length(word);

	return len && word[len] == '=' ? len : 0;
}

static struct sh_var *find(const struct sh_vars *vars, const char *name, size_t len)
{
	for (size_t i = 0; i < vars->count; i++) {
		if (strncmp(vars->items[i].name, name, len) == 0 && !vars->items[i].name[len])
			return &vars->items[i];
	}
	return NULL;
}

void sh_vars_init(struct sh_vars *vars, char *const *environ)
{
	vars->items = NULL;
	vars->count = vars->capacity = 0;
	for (; environ && *environ; environ++) {
		size_t len = sh_assignment_name_length(*environ);

		if (len)
			sh_var_set(vars, *environ, len, *environ + len + 1, true);
	}
}

void sh_vars_free(struct sh_vars *vars)
{
	for (size_t i = 0; i < vars->count; i++) {
		free(vars->items[i].name);
		free(vars->items[i].value);
	}
	free(vars->items);
	vars->items = NULL;
	vars->count = vars->capacity = 0;
}

const char *sh_var_get(const struct sh_vars *vars, const char *name)
{
	const struct sh_var *var = find(vars, name, strlen(name));

	return var ? var->value : NULL;
}

void sh_var_set(struct sh_vars *vars, const char *name, size_t len, const char *value, bool export)
{
	struct sh_var *var = find(vars, name, len);

	if (!var) {
		if (vars->count == vars->capacity) {
			vars->capacity = vars->capacity ? vars->capacity * 2 : 16;
			vars->items = sh_realloc(vars->items, vars->capacity * sizeof(*vars->items));
		}
		var = &vars->items[vars->count++];
		var->name = sh_strndup(name, len);
		var->value = NULL;
		var->exported = false;
	}
	free(var->value);
	var->value = sh_strdup(value);
	var->exported |= export;
}

/* An exported name without a value gets the empty one, so that it is
 * passed on (other shells pass it on only once it is set). */
void sh_var_export(struct sh_vars *vars, const char *name)
{
	struct sh_var *var = find(vars, name, strlen(name));

	if (var)
		var->exported = true;
	else
		sh_var_set(vars, name, strlen(name), "", true);
}

void sh_var_unset(struct sh_vars *vars, const char *name)
{
	struct sh_var *var = find(vars, name, strlen(name));

	if (!var)
		return;
	free(var->name);
	free(var->value);
	*var = vars->items[--vars->count];
}

static char *env_string(const char *name, const char *value)
{
	size_t name_len = strlen(name), value_len = strlen(value);
	char *text = sh_alloc(name_len + value_len + 2);

	memcpy(text, name, name_len);
	text[name_len] = '=';
	memcpy(text + name_len + 1, value, value_len + 1);
	return text;
}

static bool assigned(const char *name, char *const *assignments, size_t count)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < count; i++) {
		if (strncmp(assignments[i], name, len) == 0 && assignments[i][len] == '=')
			return true;
	}
	return false;
}

char **sh_env_build(const struct sh_vars *vars, char *const *assignments, size_t count)
{
	struct sh_list env = { 0 };

	for (size_t i = 0; i < vars->count; i++) {
		const struct sh_var *var = &vars->items[i];

		if (var->exported && !assigned(var->name, assignments, count))
			sh_list_add(&env, env_string(var->name, var->value));
	}
	for (size_t i = 0; i < count; i++) {
		/* The last of two assignments to one name wins. */
		size_t len = sh_assignment_name_length(assignments[i]);
		bool overridden = false;

		for (size_t later = i + 1; later < count; later++)
			overridden |= strncmp(assignments[later], assignments[i], len + 1) == 0;
		if (!overridden)
			sh_list_add(&env, sh_strdup(assignments[i]));
	}
	return sh_list_items(&env);
}

void sh_env_free(char **env)
{
	for (char **entry = env; *entry; entry++)
		free(*entry);
	free(env);
}

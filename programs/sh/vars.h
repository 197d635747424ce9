/* vars.h - the shell's variables: names, values, which are exported, and
 * the environment a program gets from them. */
#ifndef SH_VARS_H
#define SH_VARS_H

#include <stdbool.h>
#include <stddef.h>

struct sh_var {
	char *name;
	char *value;
	bool exported;
};

struct sh_vars {
	struct sh_var *items;
	size_t count, capacity;
};

/* A name as POSIX has it: a letter or _, then letters, digits and _. */
bool sh_var_name_valid(const char *name, size_t len);
/* The length of the name text starts with (0: none). */
size_t sh_var_name_length(const char *text);
/* "NAME=value" with a valid name: the length of NAME, else 0. */
size_t sh_assignment_name_length(const char *word);

void sh_vars_init(struct sh_vars *vars, char *const *environ);
void sh_vars_free(struct sh_vars *vars);
/* NULL when the variable is unset. */
const char *sh_var_get(const struct sh_vars *vars, const char *name);
/* Sets name (len bytes of it) to value; export true exports it, false
 * keeps whether it was. */
void sh_var_set(struct sh_vars *vars, const char *name, size_t len, const char *value, bool export);
void sh_var_export(struct sh_vars *vars, const char *name);
void sh_var_unset(struct sh_vars *vars, const char *name);
/* "NAME=value" strings of the exported variables, with assignments (each
 * "NAME=value", count of them) in place of or after them, and a NULL: a
 * malloc'd vector of malloc'd strings for sh_env_free. */
char **sh_env_build(const struct sh_vars *vars, char *const *assignments, size_t count);
void sh_env_free(char **env);

#endif

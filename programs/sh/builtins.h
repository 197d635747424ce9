/* builtins.h - the commands the shell runs itself: cd, echo, exit, export,
 * unset, pwd, true, false and ":". */
#ifndef SH_BUILTINS_H
#define SH_BUILTINS_H

#include "sh.h"

/* Runs with the shell's own descriptors; returns the status. */
typedef int sh_builtin(struct sh *sh, int argc, char **argv);

/* NULL when name is no builtin. */
sh_builtin *sh_builtin_find(const char *name);

#endif

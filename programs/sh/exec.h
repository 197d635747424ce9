/* exec.h - running parsed commands: builtins in the shell, programs in
 * child processes joined by pipes, redirections, the PATH search, and a
 * job's hold on the terminal. */
#ifndef SH_EXEC_H
#define SH_EXEC_H

#include "parse.h"
#include "sh.h"

/* Runs the pipelines in order, as their connectors say; sets $?. Stops
 * once the shell is exiting. */
void sh_run_program(struct sh *sh, const struct sh_program *program);

#endif

/* fake_system.h - the system calls the shell makes, modelled in memory for
 * its host tests: files, descriptors with shared open files, pipes,
 * processes (spawn runs the child at once, to its exit), programs found by
 * path, process groups and the terminal's foreground group. */
#ifndef FAKE_SYSTEM_H
#define FAKE_SYSTEM_H

#include <stdbool.h>

#include "sh.h"

#define FAKE_SHELL_PID	100

extern const struct sh_ops fake_ops;

/* A terminal input line that reads as -EINTR (Ctrl-C at the prompt). */
extern const char fake_ctrl_c[];

/* Empties everything: the shell's process has 0 on the terminal's input
 * (no lines yet), 1 and 2 on its output and error screens. */
void fake_reset(void);
/* Lines the terminal gives, one a read; NULL-terminated. */
void fake_type(const char *const *lines);
/* Whether descriptors on the terminal are terminals (isatty). */
void fake_set_terminal(bool terminal);

/* A file; script: exec refuses it with ENOEXEC, as a text file. */
void fake_add_file(const char *path, const char *contents, bool script);
/* The file's contents, or NULL when there is none. */
const char *fake_file(const char *path);

/* What was written to the terminal through 1 and 2. */
const char *fake_stdout(void);
const char *fake_stderr(void);
/* Each path exec was given, each followed by a blank. */
const char *fake_exec_log(void);
/* How many descriptors the shell's own process has open. */
int fake_open_fds(void);
/* The process group of pid (the shell's or a child's). */
long fake_pgid(long pid);
/* The terminal's foreground process group. */
long fake_foreground(void);
/* Whether the shell ignores SIGINT now, and whether it did at every
 * wait so far (true before any). */
bool fake_sigint_ignored(void);
bool fake_sigint_ignored_at_waits(void);

#endif

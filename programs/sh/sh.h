/* sh.h - the shell: its state, the system calls it makes (struct sh_ops, so
 * the host tests drive the same code over fakes) and its entry points. */
#ifndef SH_SH_H
#define SH_SH_H

#include <stdbool.h>
#include <stddef.h>

#include "vars.h"

/* The longest line the shell takes, without its newline. */
#define SH_LINE_MAX	4096

#define SH_STATUS_USAGE		2	/* a syntax error or a builtin's bad arguments */
#define SH_STATUS_CANNOT_RUN	126
#define SH_STATUS_NOT_FOUND	127

enum sh_open_mode { SH_OPEN_READ, SH_OPEN_WRITE, SH_OPEN_APPEND };

/* Each call returns its result or -errno, as the system call would. */
struct sh_ops {
	long (*read)(void *ctx, int fd, char *buffer, size_t size);
	long (*write)(void *ctx, int fd, const char *text, size_t len);
	/* Writing modes create the file (0666 less the umask); SH_OPEN_WRITE
	 * empties it. */
	int (*open)(void *ctx, const char *path, enum sh_open_mode mode);
	int (*close)(void *ctx, int fd);
	int (*dup2)(void *ctx, int fd, int new_fd);
	/* A close-on-exec copy of fd at 10 or above, where the shell keeps a
	 * descriptor that a builtin's redirection replaces. */
	int (*save_fd)(void *ctx, int fd);
	int (*pipe)(void *ctx, int ends[2]);
	bool (*isatty)(void *ctx, int fd);
	/* Starts a process that runs child(arg), which ends with exit: the
	 * child's pid. In the child, SIGINT has its default action. */
	long (*spawn)(void *ctx, void (*child)(void *arg), void *arg);
	/* Replaces the process; returns only on failure. */
	int (*exec)(void *ctx, const char *path, char *const argv[], char *const envp[]);
	__attribute__((noreturn)) void (*exit)(void *ctx, int status);
	/* The child's status: 0..255, or 128 + the signal that killed it. */
	int (*wait)(void *ctx, long pid);
	int (*setpgid)(void *ctx, long pid, long pgid);
	/* Makes pgid (0: the caller's own group) the terminal's foreground
	 * process group, the one Ctrl-C signals. */
	int (*set_foreground)(void *ctx, long pgid);
	/* While it waits for a job the shell ignores SIGINT; at the prompt
	 * SIGINT only ends the read (-EINTR). */
	void (*ignore_sigint)(void *ctx, bool ignore);
	int (*chdir)(void *ctx, const char *path);
	int (*getcwd)(void *ctx, char *buffer, size_t size);
	void *ctx;
};

struct sh {
	const struct sh_ops *ops;
	struct sh_vars vars;
	long pid;		/* $$ */
	int last_status;	/* $? */
	const char *name;	/* $0 */
	char **params;		/* $1, $2 ...: argv-like, NULL-terminated */
	int param_count;	/* $# */
	bool interactive;	/* prompts, and each pipeline is a job with the terminal */
	bool exiting;
	int exit_status;
};

/* environ: the initial variables, all exported. pid: $$. */
void sh_init(struct sh *sh, const struct sh_ops *ops, char *const *environ, long pid);
void sh_destroy(struct sh *sh);
/* The program: sh [-c COMMANDS [NAME [ARG...]] | FILE [ARG...]]. Reads
 * standard input, prompting when it is a terminal, without operands.
 * Returns the shell's exit status. */
int sh_main(struct sh *sh, int argc, char **argv);
/* Runs the commands of text (a line or more); sets $? (and exiting after
 * "exit"). */
void sh_execute(struct sh *sh, const char *text);
/* Runs the script at path, argv its $0, $1...: its status (127 when it
 * cannot be opened). */
int sh_run_script(struct sh *sh, const char *path, char **argv);
/* Writes all of text to fd: 0 or -errno. */
int sh_write_all(struct sh *sh, int fd, const char *text, size_t len);
/* Prints "sh: " and the message to standard error. */
void sh_error(struct sh *sh, const char *format, ...) __attribute__((format(printf, 2, 3)));

#endif

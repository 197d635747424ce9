/* sh.h - the small shell: words from a line, builtins (cd, exit, echo),
 * programs run with their arguments and waited for, the last status in $?.
 * The system is reached through struct sh_ops, so the host tests drive the
 * same code with fakes. */
#ifndef SH_SH_H
#define SH_SH_H

#include <stdbool.h>
#include <stddef.h>

#define SH_LINE_MAX	200
#define SH_ARGS_MAX	16

struct sh_ops {
	/* Reads one line (with its newline, if any) into line: its length,
	 * 0 at end of input, or -errno (-EINTR: the line was cancelled). */
	long (*read_line)(void *ctx, char *line, size_t size);
	void (*write)(void *ctx, const char *text, size_t len);
	/* Runs argv[0] with argv and waits: its exit status (0..255, or 128 +
	 * the signal that killed it), or -errno (-ENOENT: no such program). */
	long (*run)(void *ctx, char *const argv[]);
	/* 0 or -errno. */
	int (*chdir)(void *ctx, const char *path);
	void *ctx;
};

struct sh {
	const struct sh_ops *ops;
	int last_status;	/* $? */
	bool exiting;
	int exit_status;
};

/* Splits line into at most SH_ARGS_MAX words in place (blanks separate
 * words; '...' and "..." quote; \ escapes the next character; $? becomes
 * last_status). words gets the word pointers and a NULL; text is where
 * the words are written (SH_LINE_MAX + 1 bytes). Returns the word count or
 * -E2BIG (too many words or characters), -EINVAL (an unclosed quote). */
int sh_split(const char *line, int last_status, char *text, char *words[SH_ARGS_MAX + 1]);

void sh_init(struct sh *sh, const struct sh_ops *ops);
/* Says why argv[0] could not run (-errno); returns the status for it:
 * 127 for -ENOENT (no such program), else 126. */
int sh_run_failed(const struct sh_ops *ops, const char *name, long error);
/* Runs one line; sets $? (and exiting after "exit"). */
void sh_execute(struct sh *sh, const char *line);
/* Prompts, reads and runs lines until "exit" or the end of input; returns
 * the shell's exit status. */
int sh_run(struct sh *sh);

#endif

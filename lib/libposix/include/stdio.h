/* stdio.h - picolibc's stdio.h plus what POSIX adds and picolibc leaves out
 * on this target: FILENAME_MAX, renameat, getline and getdelim, the stream
 * locks with the unlocked character functions, and popen and pclose. */
#ifndef LIBPOSIX_STDIO_H
#define LIBPOSIX_STDIO_H

#include_next <stdio.h>
#include <sys/types.h>

/* The longest path fs0 opens, with its NUL: fs0.idl's PATH_MAX (path_ops.c checks). */
#ifndef FILENAME_MAX
#define FILENAME_MAX 4096
#endif

/* POSIX 2008 puts renameat here; libposix has it (src/at_calls.c). */
int renameat(int old_dirfd, const char *old_path, int new_dirfd, const char *new_path);

ssize_t getdelim(char **restrict line, size_t *restrict capacity, int delimiter,
		 FILE *restrict stream);
ssize_t getline(char **restrict line, size_t *restrict capacity, FILE *restrict stream);

void flockfile(FILE *stream);
int ftrylockfile(FILE *stream);
void funlockfile(FILE *stream);
int getc_unlocked(FILE *stream);
int getchar_unlocked(void);
int putc_unlocked(int c, FILE *stream);
int putchar_unlocked(int c);

/* A command run by /bin/sh -c with a pipe to its standard output ("r") or
 * input ("w"); pclose gives its wait status. */
FILE *popen(const char *command, const char *mode);
int pclose(FILE *stream);

#endif

/* execve of a program file that fs0 serves. */
#ifndef MM0_EXEC_H
#define MM0_EXEC_H

#include <stdint.h>

#include "mm0_local.h"

struct task;

/* execve's request as the dispatch resolved it: the path (NUL-terminated,
 * at most MM0_EXEC_PATH_MAX bytes), then argc argument strings and envc
 * environment strings, each with its NUL, filling exactly args_len bytes. */
struct mm0_exec_args {
	const char *path;
	const uint8_t *args;
	uint32_t args_len;
	uint32_t argc, envc;
};

/* Replace the single-threaded caller's image with the ELF program at the
 * path (resolved as the caller would open it), keeping its pid, parent and
 * fs0 descriptors. IDLRT_DEFERRED on success (the thread runs the new program
 * and gets no reply), or -errno with the old image untouched. A failure
 * after the old image is gone kills the process. */
long mm0_execve(struct task *task, const struct mm0_exec_args *in);
/* A child of parent running the program file at path (resolved as parent
 * would open it) with argv: the pid or -errno. */
long mm0_spawn_path(struct task *parent, const char *path, const char *const argv[]);

#endif

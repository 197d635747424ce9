/* redirect.h - a command's redirections (N<FILE, N>FILE, N>>FILE, N>&M,
 * N<&M, N>&-) applied to the descriptors, and undone after a builtin. */
#ifndef SH_REDIRECT_H
#define SH_REDIRECT_H

#include <stddef.h>

#include "parse.h"
#include "sh.h"

/* The descriptors a builtin's redirections replaced, and where the shell
 * keeps their old files (-1: the descriptor was closed). */
struct sh_saved_fds {
	struct sh_saved_fd {
		int fd, copy;
	} *items;
	size_t count;
};

/* Applies redirects in order, targets[i] being the expanded target of the
 * i-th. With saved (a builtin in the shell), each descriptor is first kept
 * there. 0, or -1 after saying what failed (what was done stays done). */
int sh_redirect_apply(struct sh *sh, const struct sh_redirect *redirects, char *const *targets,
		      struct sh_saved_fds *saved);
/* Puts back the saved descriptors, last replaced first, and frees saved. */
void sh_redirect_restore(struct sh *sh, struct sh_saved_fds *saved);

#endif

/* redirect.c - redirections: open, duplicate, close, and undo. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "redirect.h"

static bool already_saved(const struct sh_saved_fds *saved, int fd)
{
	for (size_t i = 0; i < saved->count; i++) {
		if (saved->items[i].fd == fd)
			return true;
	}
	return false;
}

static int save(struct sh *sh, struct sh_saved_fds *saved, int fd)
{
	int copy;

	if (!saved || already_saved(saved, fd))
		return 0;
	copy = sh->ops->save_fd(sh->ops->ctx, fd);
	if (copy < 0 && copy != -EBADF) {
		sh_error(sh, "%d: cannot keep it: %s\n", fd, strerror(-copy));
		return -1;
	}
	saved->items = sh_realloc(saved->items, (saved->count + 1) * sizeof(*saved->items));
	saved->items[saved->count].fd = fd;
	saved->items[saved->count++].copy = copy < 0 ? -1 : copy;
	return 0;
}

/* The M of N>&M: a descriptor number, or -1 for "-", or -2 for anything else. */
static int dup_source(const char *target)
{
	char *end;
	long fd;

	if (strcmp(target, "-") == 0)
		return -1;
	fd = strtol(target, &end, 10);
	return (*target >= '0' && *target <= '9' && !*end && fd < 10000) ? (int)fd : -2;
}

static int apply_dup(struct sh *sh, const struct sh_redirect *redirect, const char *target,
		     struct sh_saved_fds *saved)
{
	const struct sh_ops *ops = sh->ops;
	int source = dup_source(target), err;

	if (source == -2) {
		sh_error(sh, "%s: not a descriptor number\n", target);
		return -1;
	}
	if (save(sh, saved, redirect->fd) < 0)
		return -1;
	if (source == -1) {
		ops->close(ops->ctx, redirect->fd);
		return 0;
	}
	if (source == redirect->fd)
		return 0;
	err = ops->dup2(ops->ctx, source, redirect->fd);
	if (err < 0) {
		sh_error(sh, "%d: %s\n", source, strerror(-err));
		return -1;
	}
	return 0;
}

static int apply_file(struct sh *sh, const struct sh_redirect *redirect, const char *target,
		      struct sh_saved_fds *saved)
{
	static const enum sh_open_mode modes[] = {
		[SH_REDIRECT_IN] = SH_OPEN_READ,
		[SH_REDIRECT_OUT] = SH_OPEN_WRITE,
		[SH_REDIRECT_APPEND] = SH_OPEN_APPEND,
	};
	const struct sh_ops *ops = sh->ops;
	int fd, err = 0;

	if (save(sh, saved, redirect->fd) < 0)
		return -1;
	fd = ops->open(ops->ctx, target, modes[redirect->kind]);
	if (fd < 0) {
		sh_error(sh, "%s: %s\n", target, strerror(-fd));
		return -1;
	}
	if (fd != redirect->fd) {
		err = ops->dup2(ops->ctx, fd, redirect->fd);
		ops->close(ops->ctx, fd);
	}
	if (err < 0) {
		sh_error(sh, "%d: %s\n", redirect->fd, strerror(-err));
		return -1;
	}
	return 0;
}

int sh_redirect_apply(struct sh *sh, const struct sh_redirect *redirects, char *const *targets,
		      struct sh_saved_fds *saved)
{
	for (; redirects; redirects = redirects->next, targets++) {
		int err = redirects->kind == SH_REDIRECT_DUP ?
				  apply_dup(sh, redirects, *targets, saved) :
				  apply_file(sh, redirects, *targets, saved);

		if (err < 0)
			return -1;
	}
	return 0;
}

void sh_redirect_restore(struct sh *sh, struct sh_saved_fds *saved)
{
	const struct sh_ops *ops = sh->ops;

	while (saved->count) {
		const struct sh_saved_fd *item = &saved->items[--saved->count];

		if (item->copy < 0) {
			ops->close(ops->ctx, item->fd);
		} else {
			ops->dup2(ops->ctx, item->copy, item->fd);
			ops->close(ops->ctx, item->copy);
		}
	}
	free(saved->items);
	saved->items = NULL;
}

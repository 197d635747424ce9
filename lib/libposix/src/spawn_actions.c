/* spawn_actions.c - posix_spawn's file actions and attributes: the objects
 * picolibc's <spawn.h> declares as opaque pointers, kept here. */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>

#include "spawn_internal.h"

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *actions)
{
	*actions = calloc(1, sizeof(**actions));
	if (!*actions)
		return ENOMEM;
	(*actions)->tail = &(*actions)->first;
	return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *actions)
{
	struct spawn_action *action = (*actions)->first, *next;

	for (; action; action = next) {
		next = action->next;
		free(action->path);
		free(action);
	}
	free(*actions);
	*actions = NULL;
	return 0;
}

static int action_append(posix_spawn_file_actions_t *actions, struct spawn_action *action)
{
	if (action->fd < 0 || (action->kind == SPAWN_DUP2 && action->new_fd < 0)) {
		free(action->path);
		free(action);
		return EBADF;
	}
	*(*actions)->tail = action;
	(*actions)->tail = &action->next;
	return 0;
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict actions, int fd,
				     const char *restrict path, int flags, mode_t mode)
{
	struct spawn_action *action = calloc(1, sizeof(*action));

	if (!action || !(action->path = strdup(path))) {
		free(action);
		return ENOMEM;
	}
	action->kind = SPAWN_OPEN;
	action->fd = fd;
	action->flags = flags;
	action->mode = mode;
	return action_append(actions, action);
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *actions, int fd, int new_fd)
{
	struct spawn_action *action = calloc(1, sizeof(*action));

	if (!action)
		return ENOMEM;
	action->kind = SPAWN_DUP2;
	action->fd = fd;
	action->new_fd = new_fd;
	return action_append(actions, action);
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *actions, int fd)
{
	struct spawn_action *action = calloc(1, sizeof(*action));

	if (!action)
		return ENOMEM;
	action->kind = SPAWN_CLOSE;
	action->fd = fd;
	return action_append(actions, action);
}

int posix_spawnattr_init(posix_spawnattr_t *attributes)
{
	*attributes = calloc(1, sizeof(**attributes));
	return *attributes ? 0 : ENOMEM;
}

int posix_spawnattr_destroy(posix_spawnattr_t *attributes)
{
	free(*attributes);
	*attributes = NULL;
	return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *restrict attributes, short *restrict flags)
{
	*flags = (*attributes)->flags;
	return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *attributes, short flags)
{
	if (flags & ~SPAWN_KNOWN_FLAGS)
		return EINVAL;
	(*attributes)->flags = flags;
	return 0;
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *restrict attributes, pid_t *restrict group)
{
	*group = (*attributes)->process_group;
	return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attributes, pid_t group)
{
	(*attributes)->process_group = group;
	return 0;
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *restrict attributes, sigset_t *restrict mask)
{
	*mask = (*attributes)->mask;
	return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict attributes, const sigset_t *restrict mask)
{
	(*attributes)->mask = *mask;
	return 0;
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *restrict attributes,
				  sigset_t *restrict defaults)
{
	*defaults = (*attributes)->defaults;
	return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict attributes,
				  const sigset_t *restrict defaults)
{
	(*attributes)->defaults = *defaults;
	return 0;
}

int posix_spawnattr_getschedpolicy(const posix_spawnattr_t *restrict attributes, int *restrict policy)
{
	*policy = (*attributes)->policy;
	return 0;
}

int posix_spawnattr_setschedpolicy(posix_spawnattr_t *attributes, int policy)
{
	(*attributes)->policy = policy;
	return 0;
}

int posix_spawnattr_getschedparam(const posix_spawnattr_t *restrict attributes,
				  struct sched_param *restrict parameters)
{
	*parameters = (*attributes)->parameters;
	return 0;
}

int posix_spawnattr_setschedparam(posix_spawnattr_t *restrict attributes,
				  const struct sched_param *restrict parameters)
{
	(*attributes)->parameters = *parameters;
	return 0;
}

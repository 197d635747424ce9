/* spawn_internal.h - the objects behind <spawn.h>'s opaque types. */
#ifndef LIBPOSIX_SPAWN_INTERNAL_H
#define LIBPOSIX_SPAWN_INTERNAL_H

#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>

/* The scheduler flags are refused by posix_spawn (one policy here). */
#define SPAWN_KNOWN_FLAGS (POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | \
			   POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER | \
			   POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)

enum spawn_action_kind { SPAWN_OPEN, SPAWN_DUP2, SPAWN_CLOSE };

struct spawn_action {
	struct spawn_action *next;
	enum spawn_action_kind kind;
	int fd;
	int new_fd;		/* SPAWN_DUP2 */
	char *path;		/* SPAWN_OPEN, with flags and mode */
	int flags;
	mode_t mode;
};

struct __posix_spawn_file_actions {
	struct spawn_action *first;
	struct spawn_action **tail;
};

struct __posix_spawnattr {
	short flags;
	pid_t process_group;
	sigset_t mask;
	sigset_t defaults;
	int policy;
	struct sched_param parameters;
};

#endif

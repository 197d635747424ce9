/* spawn.c - posix_spawn and posix_spawnp: fork, the attributes and file
 * actions in the child, then exec. The child reports a failure before the
 * exec through a close-on-exec pipe, so the parent returns its error
 * number (and reaps it) instead of a child that exits 127. */
#define _GNU_SOURCE	/* execvpe, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spawn_internal.h"

extern char **environ;

static int apply_actions(const struct __posix_spawn_file_actions *actions)
{
	for (const struct spawn_action *action = actions->first; action; action = action->next) {
		int fd;

		switch (action->kind) {
		case SPAWN_OPEN:
			fd = open(action->path, action->flags, action->mode);
			if (fd < 0)
				return errno;
			if (fd != action->fd) {
				if (dup2(fd, action->fd) < 0)
					return errno;
				close(fd);
			}
			break;
		case SPAWN_DUP2:
			if (dup2(action->fd, action->new_fd) < 0)
				return errno;
			break;
		default:
			if (close(action->fd) < 0 && errno != EBADF)
				return errno;
			break;
		}
	}
	return 0;
}

static int apply_attributes(const struct __posix_spawnattr *attributes)
{
	if ((attributes->flags & POSIX_SPAWN_SETPGROUP) && setpgid(0, attributes->process_group) < 0)
		return errno;
	if (attributes->flags & POSIX_SPAWN_SETSIGDEF) {
		for (int signo = 1; signo < NSIG; signo++)
			if (sigismember(&attributes->defaults, signo) && signo != SIGKILL &&
			    signo != SIGSTOP)
				signal(signo, SIG_DFL);
	}
	if ((attributes->flags & POSIX_SPAWN_SETSIGMASK) &&
	    sigprocmask(SIG_SETMASK, &attributes->mask, NULL) < 0)
		return errno;
	return 0;
}

static void run_child(int report_fd, const char *file, bool search,
		      const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *attributes,
		      char *const argv[], char *const envp[])
{
	int error = attributes && *attributes ? apply_attributes(*attributes) : 0;

	if (!error && actions && *actions)
		error = apply_actions(*actions);
	if (!error) {
		if (search)
			execvpe(file, argv, envp ? envp : environ);
		else
			execve(file, argv, envp ? envp : environ);
		error = errno;
	}
	write(report_fd, &error, sizeof(error));
	_exit(127);
}

static int spawn(pid_t *restrict pid, const char *restrict file, bool search,
		 const posix_spawn_file_actions_t *actions,
		 const posix_spawnattr_t *restrict attributes, char *const argv[],
		 char *const envp[])
{
	int report[2], error = 0, status;
	pid_t child;
	ssize_t got;

	if (attributes && *attributes &&
	    ((*attributes)->flags & (POSIX_SPAWN_SETSCHEDPARAM | POSIX_SPAWN_SETSCHEDULER)))
		return EINVAL;	/* one scheduling policy, nothing to set */
	if (pipe2(report, O_CLOEXEC) < 0)
		return errno;
	child = fork();
	if (child < 0) {
		error = errno;
		close(report[0]);
		close(report[1]);
		return error;
	}
	if (child == 0) {
		close(report[0]);
		run_child(report[1], file, search, actions, attributes, argv, envp);
	}
	close(report[1]);
	do
		got = read(report[0], &error, sizeof(error));
	while (got < 0 && errno == EINTR);
	close(report[0]);
	if (got == sizeof(error)) {
		waitpid(child, &status, 0);
		return error;
	}
	if (pid)
		*pid = child;
	return 0;
}

int posix_spawn(pid_t *restrict pid, const char *restrict path,
		const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *restrict attributes,
		char *const argv[], char *const envp[])
{
	return spawn(pid, path, false, actions, attributes, argv, envp);
}

int posix_spawnp(pid_t *restrict pid, const char *restrict file,
		 const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *restrict attributes,
		 char *const argv[], char *const envp[])
{
	return spawn(pid, file, true, actions, attributes, argv, envp);
}

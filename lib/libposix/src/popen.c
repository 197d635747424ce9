/* popen.c - popen, pclose and system: a command line run by /bin/sh -c in a
 * forked child, with a pipe to its standard input or output for popen. */
#define _GNU_SOURCE	/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/lock.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

#define SHELL_PATH	"/bin/sh"
/* What a child that cannot run the shell exits with, as glibc's does. */
#define SHELL_MISSING	127

/* A stream popen made and the child behind it. */
struct popen_child {
	FILE *stream;
	pid_t pid;
	struct popen_child *next;
};

/* The C library's own recursive lock (lock.c) guards the list against threads. */
extern struct __lock __lock___libc_recursive_mutex;
static struct popen_child *open_children;

static void children_lock(bool take)
{
	if (take)
		__retarget_lock_acquire_recursive(&__lock___libc_recursive_mutex);
	else
		__retarget_lock_release_recursive(&__lock___libc_recursive_mutex);
}

/* Takes the stream's record off the list: NULL when popen did not make it. */
static struct popen_child *child_take(FILE *stream)
{
	struct popen_child **link, *found = NULL;

	children_lock(true);
	for (link = &open_children; *link; link = &(*link)->next) {
		if ((*link)->stream == stream) {
			found = *link;
			*link = found->next;
			break;
		}
	}
	children_lock(false);
	return found;
}

static __attribute__((noreturn)) void shell_run(const char *command)
{
	execl(SHELL_PATH, "sh", "-c", command, (char *)NULL);
	_exit(SHELL_MISSING);
}

/* In the child: the pipe's end becomes standard input or output, and the
 * streams of earlier popen calls are closed (POSIX asks for it). */
static __attribute__((noreturn)) void popen_child_run(const char *command, int end, int target)
{
	for (struct popen_child *other = open_children; other; other = other->next)
		close(fileno(other->stream));
	if (end != target) {
		if (dup2(end, target) < 0)
			_exit(SHELL_MISSING);
		close(end);
	} else if (fcntl(end, F_SETFD, 0) < 0) {
		_exit(SHELL_MISSING);
	}
	shell_run(command);
}

/* mode "r" or "w", and glibc's "e" after it: close-on-exec for our end. */
FILE *popen(const char *command, const char *mode)
{
	struct popen_child *child;
	bool reading, cloexec;
	int ends[2], ours, theirs;
	FILE *stream;

	if (!command || !mode || (mode[0] != 'r' && mode[0] != 'w') ||
	    (mode[1] && strcmp(mode + 1, "e") != 0)) {
		errno = EINVAL;
		return NULL;
	}
	reading = mode[0] == 'r';
	cloexec = mode[1] == 'e';
	child = malloc(sizeof(*child));
	if (!child)
		return NULL;
	if (pipe2(ends, O_CLOEXEC) < 0) {
		free(child);
		return NULL;
	}
	ours = reading ? ends[0] : ends[1];
	theirs = reading ? ends[1] : ends[0];
	/* A stream another thread opens meanwhile stays open in this child: harmless. */
	child->pid = fork();
	if (child->pid == 0)
		popen_child_run(command, theirs, reading ? STDOUT_FILENO : STDIN_FILENO);
	close(theirs);
	stream = NULL;
	if (child->pid > 0 && (cloexec || fcntl(ours, F_SETFD, 0) == 0))
		stream = fdopen(ours, reading ? "r" : "w");
	if (!stream) {
		int error = errno;

		close(ours);
		if (child->pid > 0)
			waitpid(child->pid, NULL, 0);
		free(child);
		errno = error;
		return NULL;
	}
	child->stream = stream;
	children_lock(true);
	child->next = open_children;
	open_children = child;
	children_lock(false);
	return stream;
}

/* The command's wait status, once the stream is closed and the child reaped. */
int pclose(FILE *stream)
{
	struct popen_child *child = child_take(stream);
	pid_t pid, reaped;
	int status;

	if (!child) {
		errno = ECHILD;
		return -1;
	}
	pid = child->pid;
	free(child);
	fclose(stream);
	do
		reaped = waitpid(pid, &status, 0);
	while (reaped < 0 && errno == EINTR);
	return reaped < 0 ? -1 : status;
}

/* As POSIX says: SIGINT and SIGQUIT ignored and SIGCHLD blocked in the caller
 * while the command runs; the child starts with the caller's own settings. */
int system(const char *command)
{
	struct sigaction ignore = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigset_t chld, old_mask;
	pid_t pid, reaped;
	int status;

	if (!command)
		return access(SHELL_PATH, X_OK) == 0;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		shell_run(command);
	}
	status = -1;
	if (pid > 0) {
		do
			reaped = waitpid(pid, &status, 0);
		while (reaped < 0 && errno == EINTR);
		if (reaped < 0)
			status = -1;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	return status;
}

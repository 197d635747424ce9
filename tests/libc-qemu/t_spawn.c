/* t_spawn.c - posix_spawn and posix_spawnp, spawning this program from the
 * boot archive (/boot/libctest) in its "spawned" role, which reports what
 * it inherited in its exit status. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libctest.h"

#define OPENED_FD	9
#define SPAWNED_BASE	30

int spawned_child(int argc, char **argv)
{
	sigset_t mask;
	int status = SPAWNED_BASE;

	status += argc == 3 && !strcmp(argv[2], "two");
	status += getenv("SPAWN_MARK") ? 2 : 0;
	status += fcntl(OPENED_FD, F_GETFD) >= 0 ? 4 : 0;
	status += fcntl(OPENED_FD + 1, F_GETFD) < 0 && errno == EBADF ? 8 : 0;
	sigprocmask(SIG_BLOCK, NULL, &mask);
	status += sigismember(&mask, SIGUSR1) ? 16 : 0;
	return status;
}

static int exit_status_of(pid_t child)
{
	int status;

	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void check_spawn_with_everything(void)
{
	char *argv[] = { "libctest", "spawned", "two", NULL };
	char *envp[] = { "SPAWN_MARK=1", NULL };
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attributes;
	sigset_t mask;
	int inherited = open("/spawn-inherited", O_CREAT | O_WRONLY, 0644);
	pid_t child = -1;
	int error;

	/* The child must see OPENED_FD + 1 closed: make it the inherited one. */
	if (inherited < 0 || dup2(inherited, OPENED_FD + 1) != OPENED_FD + 1) {
		CHECK("a descriptor for the child to close", 0);
		return;
	}
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, OPENED_FD, "/spawn-opened", O_CREAT | O_WRONLY, 0644);
	posix_spawn_file_actions_addclose(&actions, OPENED_FD + 1);
	posix_spawnattr_init(&attributes);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	posix_spawnattr_setsigmask(&attributes, &mask);
	CHECK_EQ("posix_spawnattr_setflags(SETSIGMASK)", 0,
		 posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK));
	error = posix_spawn(&child, "/boot/libctest", &actions, &attributes, argv, envp);
	CHECK_EQ("posix_spawn starts the program", 0, error);
	CHECK_EQ("the child got its arguments, environment, opened and closed descriptors and mask",
		 SPAWNED_BASE + 1 + 2 + 4 + 8 + 16, error ? -1 : exit_status_of(child));
	CHECK("the parent's descriptor stays open", fcntl(OPENED_FD + 1, F_GETFD) >= 0);
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attributes);
	close(inherited);
	close(OPENED_FD + 1);
	unlink("/spawn-inherited");
	unlink("/spawn-opened");
}

static void check_spawn_errors(void)
{
	char *argv[] = { "libctest", "spawned", NULL };
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attributes;
	pid_t child = -1;
	int error, status;

	error = posix_spawnp(&child, "libctest", NULL, NULL, argv, NULL);
	CHECK_EQ("posix_spawnp finds the program on PATH", 0, error);
	CHECK_EQ("... and it runs with the caller's environment", SPAWNED_BASE + 8,
		 error ? -1 : exit_status_of(child));
	CHECK_EQ("posix_spawn of a missing file gives ENOENT", ENOENT,
		 posix_spawn(&child, "/boot/missing", NULL, NULL, argv, NULL));
	CHECK("... and leaves no child behind", waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD);

	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, OPENED_FD, 1);
	CHECK_EQ("a failing file action is reported (dup2 of a descriptor not open: EBADF)", EBADF,
		 posix_spawn(&child, "/boot/libctest", &actions, NULL, argv, NULL));
	CHECK_EQ("addclose of a negative descriptor gives EBADF", EBADF,
		 posix_spawn_file_actions_addclose(&actions, -1));
	posix_spawn_file_actions_destroy(&actions);

	posix_spawnattr_init(&attributes);
	CHECK_EQ("unknown spawn flags give EINVAL", EINVAL, posix_spawnattr_setflags(&attributes, 0x4000));
	posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSCHEDULER);
	CHECK_EQ("a scheduler to set gives EINVAL", EINVAL,
		 posix_spawn(&child, "/boot/libctest", NULL, &attributes, argv, NULL));
	posix_spawnattr_destroy(&attributes);
}

void test_spawn(void)
{
	check_spawn_with_everything();
	check_spawn_errors();
}

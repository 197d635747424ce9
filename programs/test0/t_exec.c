/* t_exec.c - execve, execv and execvp of a program in the boot file
 * system (exec_probe.c): arguments, environment, an inherited descriptor,
 * the exit status the parent sees, and the errors of a failed exec. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test0.h"

#define PROBE		"/boot/exec_probe"
#define PROBE_ALL_WELL	40

static char fd_text[12];

static int status_of(pid_t child)
{
	int status = -1;

	if (child < 0 || waitpid(child, &status, 0) != child)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + status;
}

/* how: 0 execve with its own envp (test0's TEST0_COLOUR must not reach the
 * probe), 1 execv and 2 execvp (PATH search) with environ changed. */
static pid_t run_probe(int how)
{
	char *argv[] = { "exec_probe", "one", "two words", fd_text, NULL };
	char *envp[] = { "PROBE_COLOUR=blue", NULL };
	pid_t child = fork();

	if (child != 0)
		return child;
	if (how == 0) {
		execve(PROBE, argv, envp);
	} else if (unsetenv("TEST0_COLOUR") == 0 && setenv("PROBE_COLOUR", "blue", 1) == 0) {
		if (how == 1)
			execv(PROBE, argv);
		else if (setenv("PATH", "/nowhere:/boot", 1) == 0)
			execvp("exec_probe", argv);
	}
	_exit(99);
}

static void failed_execs(void)
{
	char *argv[] = { "x", NULL }, *envp[] = { NULL };

	errno = 0;
	CHECK("execve of a missing file fails with ENOENT",
	      execve("/boot/missing", argv, envp) == -1 && errno == ENOENT);
	errno = 0;
	CHECK("execve of a directory fails with EACCES",
	      execve("/boot", argv, envp) == -1 && errno == EACCES);
	errno = 0;
	CHECK("execve of a file that is not a program fails with ENOEXEC",
	      execve("/boot/hello.txt", argv, envp) == -1 && errno == ENOEXEC);
	errno = 0;
	CHECK("execvp of a name on no PATH entry fails with ENOENT",
	      setenv("PATH", "/nowhere", 1) == 0 && execvp("exec_probe", argv) == -1 &&
	      errno == ENOENT);
	unsetenv("PATH");
	errno = 0;
	CHECK("execve with a NULL path fails with EFAULT",
	      execve(NULL, argv, envp) == -1 && errno == EFAULT);
}

void test_exec(void)
{
	int fd = open("/t0exec", O_RDWR | O_CREAT | O_TRUNC, 0644);

	write(fd, "kept fd", 7);
	snprintf(fd_text, sizeof(fd_text), "%d", fd);
	CHECK_EQ("execve: the program gets argv, envp and the descriptor; its status comes back",
		 PROBE_ALL_WELL, status_of(run_probe(0)));
	CHECK_EQ("execv passes environ", PROBE_ALL_WELL, status_of(run_probe(1)));
	CHECK_EQ("execvp finds the program on PATH", PROBE_ALL_WELL, status_of(run_probe(2)));
	failed_execs();
	close(fd);
	unlink("/t0exec");
}

/* main.c - the shell on Larch: struct sh_ops over libposix (descriptors,
 * fork, execve, waitpid, process groups and the terminal, SIGINT). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

extern char **environ;

/* Whether the shell has SIGINT caught or ignored (it is interactive). */
static bool catching_sigint;

static long result(long value)
{
	return value < 0 ? -errno : value;
}

static long read_fd(void *ctx, int fd, char *buffer, size_t size)
{
	(void)ctx;
	return result(read(fd, buffer, size));
}

static long write_fd(void *ctx, int fd, const char *text, size_t len)
{
	(void)ctx;
	return result(write(fd, text, len));
}

static int open_file(void *ctx, const char *path, enum sh_open_mode mode)
{
	static const int flags[] = {
		[SH_OPEN_READ] = O_RDONLY,
		[SH_OPEN_WRITE] = O_WRONLY | O_CREAT | O_TRUNC,
		[SH_OPEN_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
	};

	(void)ctx;
	return (int)result(open(path, flags[mode], 0666));
}

static int close_fd(void *ctx, int fd)
{
	(void)ctx;
	return (int)result(close(fd));
}

static int dup2_fd(void *ctx, int fd, int new_fd)
{
	(void)ctx;
	return (int)result(dup2(fd, new_fd));
}

static int save_fd(void *ctx, int fd)
{
	(void)ctx;
	return (int)result(fcntl(fd, F_DUPFD_CLOEXEC, 10));
}

static int make_pipe(void *ctx, int ends[2])
{
	(void)ctx;
	return (int)result(pipe(ends));
}

static bool is_terminal(void *ctx, int fd)
{
	(void)ctx;
	return isatty(fd);
}

/* A child starts with SIGINT as the shell was given it, not as the
 * prompt catches it. */
static long spawn(void *ctx, void (*child)(void *arg), void *arg)
{
	pid_t pid = fork();

	(void)ctx;
	if (pid == 0) {
		if (catching_sigint)
			signal(SIGINT, SIG_DFL);
		child(arg);
	}
	return result(pid);
}

static int exec_file(void *ctx, const char *path, char *const argv[], char *const envp[])
{
	(void)ctx;
	execve(path, argv, envp);
	return -errno;
}

static __attribute__((noreturn)) void exit_process(void *ctx, int status)
{
	(void)ctx;
	_exit(status);
}

static int wait_child(void *ctx, long pid)
{
	int status;

	(void)ctx;
	while (waitpid((pid_t)pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static int set_pgid(void *ctx, long pid, long pgid)
{
	(void)ctx;
	return (int)result(setpgid((pid_t)pid, (pid_t)pgid));
}

/* Only interrupts the read at the prompt (no SA_RESTART). */
static void interrupted_read(int signo)
{
	(void)signo;
}

static void ignore_sigint(void *ctx, bool ignore)
{
	struct sigaction action = { .sa_handler = ignore ? SIG_IGN : interrupted_read };

	(void)ctx;
	sigemptyset(&action.sa_mask);
	sigaction(SIGINT, &action, NULL);
	catching_sigint = true;
}

/* The terminal is standard input: the shell is interactive only when it
 * is one, and a child calls this before its pipe replaces it. */
static int set_foreground(void *ctx, long pgid)
{
	(void)ctx;
	return (int)result(tcsetpgrp(STDIN_FILENO, pgid ? (pid_t)pgid : getpgrp()));
}

static int change_dir(void *ctx, const char *path)
{
	(void)ctx;
	return (int)result(chdir(path));
}

static int current_dir(void *ctx, char *buffer, size_t size)
{
	(void)ctx;
	return getcwd(buffer, size) ? 0 : -errno;
}

static const struct sh_ops posix_ops = {
	.read = read_fd, .write = write_fd, .open = open_file, .close = close_fd,
	.dup2 = dup2_fd, .save_fd = save_fd, .pipe = make_pipe, .isatty = is_terminal,
	.spawn = spawn, .exec = exec_file, .exit = exit_process, .wait = wait_child,
	.setpgid = set_pgid, .set_foreground = set_foreground,
	.ignore_sigint = ignore_sigint, .chdir = change_dir,
	.getcwd = current_dir,
};

int main(int argc, char **argv)
{
	struct sh shell;
	int status;

	sh_init(&shell, &posix_ops, environ, getpid());
	status = sh_main(&shell, argc, argv);
	sh_destroy(&shell);
	return status;
}

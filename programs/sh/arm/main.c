/* main.c - the shell on Larch: lines from standard input (the console),
 * programs run with fork and execvp (PATH, by default /bin:/boot) and waited
 * for, cd through fs0. */
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

static long read_line(void *ctx, char *line, size_t size)
{
	ssize_t len;

	(void)ctx;
	len = read(STDIN_FILENO, line, size);
	return len < 0 ? -errno : (long)len;
}

static void write_text(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	while (len) {
		ssize_t done = write(STDOUT_FILENO, text, len);

		if (done <= 0)
			return;
		text += done;
		len -= (size_t)done;
	}
}

static const struct sh_ops posix_ops;

/* A child that cannot exec says why, as the shell would, and exits with
 * 127 or 126. */
static long run(void *ctx, char *const argv[])
{
	int status;
	pid_t pid;

	(void)ctx;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(sh_run_failed(&posix_ops, argv[0], -errno));
	}
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

static int change_dir(void *ctx, const char *path)
{
	(void)ctx;
	return chdir(path) < 0 ? -errno : 0;
}

static const struct sh_ops posix_ops = { read_line, write_text, run, change_dir, NULL };

int main(void)
{
	struct sh shell;

	sh_init(&shell, &posix_ops);
	return sh_run(&shell);
}

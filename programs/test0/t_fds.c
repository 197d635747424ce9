/* t_fds.c - descriptors 0, 1 and 2 are ordinary: the console's to begin
 * with, then closed, duplicated, redirected to files and pipes (stdio's
 * buffered lines following them), inherited across fork and exec, given
 * errors like any write, and restored. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test0.h"

#define PROBE		"/boot/exec_probe"
#define PROBE_DONE	40

/* The whole of a file (at most size - 1 bytes, NUL-terminated); its length or -1. */
static ssize_t file_text(const char *path, char *text, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t got;

	if (fd < 0)
		return -1;
	got = read(fd, text, size - 1);
	close(fd);
	text[got > 0 ? got : 0] = '\0';
	return got;
}

static void initial_descriptors(void)
{
	struct stat status;
	int copy;

	CHECK("0, 1 and 2 start on the terminal", isatty(0) && isatty(1) && isatty(2));
	CHECK("fstat(1) is a character device", fstat(1, &status) == 0 && S_ISCHR(status.st_mode));
	copy = dup(2);
	CHECK("dup(2) gives another terminal descriptor", copy > 2 && isatty(copy));
	CHECK("... which takes FD_CLOEXEC", fcntl(copy, F_SETFD, FD_CLOEXEC) == 0 &&
					     fcntl(copy, F_GETFD) == FD_CLOEXEC);
	CHECK("... and O_NONBLOCK", fcntl(copy, F_SETFL, O_NONBLOCK) == 0 &&
				    (fcntl(copy, F_GETFL) & O_NONBLOCK));
	fcntl(copy, F_SETFL, 0);
	CHECK_EQ("... and closes", 0, close(copy));
	CHECK("a write to 1 reports its count", write(1, "# fds: a raw line\n", 18) == 18);
}

static void stdout_to_file(void)
{
	char text[64];
	int saved = dup(1), fd = open("/t0fd/out", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int moved = dup2(fd, 1);

	printf("line one\n");
	write(1, "raw\n", 4);
	printf("tail");
	dup2(saved, 1);
	close(saved);
	close(fd);
	CHECK_EQ("dup2 of a file onto 1", 1, moved);
	CHECK("printf and write went to the file in order, the unfinished line before 1 was restored",
	      file_text("/t0fd/out", text, sizeof(text)) == 17 &&
		      strcmp(text, "line one\nraw\ntail") == 0);
	CHECK("1 is the terminal again", isatty(1) == 1);
	unlink("/t0fd/out");
}

static void closed_stdout(void)
{
	char text[16];
	int saved = dup(1), closed, bad, reopened;

	closed = close(1);
	errno = 0;
	bad = write(1, "x", 1) == -1 && errno == EBADF;
	reopened = open("/t0fd/one", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	write(1, "into 1", 6);
	dup2(saved, 1);
	close(saved);
	CHECK_EQ("close(1) closes it", 0, closed);
	CHECK("... a write to it gives EBADF", bad);
	CHECK_EQ("... and open takes the lowest number, 1", 1, reopened);
	CHECK("... whose writes go to the file",
	      file_text("/t0fd/one", text, sizeof(text)) == 6 && strcmp(text, "into 1") == 0);
	unlink("/t0fd/one");
}

static int pipe_writer[2];

static int print_into_pipe(void *unused)
{
	(void)unused;
	dup2(pipe_writer[1], 1);
	close(pipe_writer[0]);
	close(pipe_writer[1]);
	printf("from the child, %d\n", 42);
	return 0;
}

static void stdout_to_pipe_across_fork(void)
{
	char text[32] = { 0 };
	int status;

	pipe(pipe_writer);
	status = run_in_child(print_into_pipe, NULL);
	close(pipe_writer[1]);
	CHECK("a child's printf on 1 redirected to a pipe reaches the parent",
	      status == 0 && read(pipe_writer[0], text, sizeof(text) - 1) == 19 &&
		      strcmp(text, "from the child, 42\n") == 0);
	CHECK("... and the pipe then ends", read(pipe_writer[0], text, 1) == 0);
	close(pipe_writer[0]);
}

/* 0 from a file, 1 and 2 onto another (2>&1), then exec: the program finds them there. */
static int exec_redirected(void *unused)
{
	char *argv[] = { "exec_probe", "stdio", NULL };
	int in = open("/t0fd/in", O_RDONLY), out = open("/t0fd/both", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	(void)unused;
	if (in < 0 || out < 0 || dup2(in, 0) != 0 || dup2(out, 1) != 1 || dup2(1, 2) != 2)
		return 1;
	close(in);
	close(out);
	execv(PROBE, argv);
	return 2;
}

static void exec_inherits(void)
{
	char text[64];
	int fd = open("/t0fd/in", O_WRONLY | O_CREAT | O_TRUNC, 0644), status;

	write(fd, "fed by a file\n", 14);
	close(fd);
	status = run_in_child(exec_redirected, NULL);
	CHECK("exec keeps 0, 1 and 2: the program copied its input to its output",
	      WIFEXITED(status) && WEXITSTATUS(status) == PROBE_DONE);
	CHECK("... and wrote its stderr line after it, into the same file",
	      file_text("/t0fd/both", text, sizeof(text)) == 21 &&
		      strcmp(text, "fed by a file\ncopied\n") == 0);
	unlink("/t0fd/in");
	unlink("/t0fd/both");
}

static int write_to_closed_pipe(void *unused)
{
	int ends[2], raw_fails, printed;

	(void)unused;
	signal(SIGPIPE, SIG_IGN);
	pipe(ends);
	close(ends[0]);
	dup2(ends[1], 1);
	close(ends[1]);
	errno = 0;
	raw_fails = write(1, "x", 1) == -1 && errno == EPIPE;
	printed = printf("lost\n");
	return raw_fails && (printed < 0 || ferror(stdout)) ? 0 : 1;
}

static int read_stdin_file(void *unused)
{
	char line[32];
	int fd = open("/t0fd/lines", O_RDONLY);

	(void)unused;
	if (dup2(fd, 0) != 0)
		return 1;
	close(fd);
	if (!fgets(line, sizeof(line), stdin) || strcmp(line, "first\n") != 0)
		return 2;
	if (!fgets(line, sizeof(line), stdin) || strcmp(line, "second\n") != 0)
		return 3;
	return fgets(line, sizeof(line), stdin) == NULL && feof(stdin) ? 0 : 4;
}

static void errors_and_input(void)
{
	int fd = open("/t0fd/lines", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	write(fd, "first\nsecond\n", 13);
	close(fd);
	CHECK_EQ("write to 1 on a pipe without a reader gives EPIPE, and stdio reports the error",
		 0, run_in_child(write_to_closed_pipe, NULL));
	CHECK_EQ("stdin reads lines from a file on 0, then end of file", 0,
		 run_in_child(read_stdin_file, NULL));
	unlink("/t0fd/lines");
}

static void terminal_nodes(void)
{
	int console = open("/dev/console", O_RDWR), tty = open("/dev/tty", O_WRONLY);

	CHECK("/dev/console opens as a terminal", console >= 0 && isatty(console));
	CHECK("/dev/tty opens as a terminal", tty >= 0 && isatty(tty));
	CHECK("... and takes a write", write(tty, "# fds: through /dev/tty\n", 24) == 24);
	errno = 0;
	CHECK("lseek on the terminal gives ESPIPE", lseek(console, 0, SEEK_SET) == -1 && errno == ESPIPE);
	close(console);
	close(tty);
}

void test_fds(void)
{
	mkdir("/t0fd", 0755);
	initial_descriptors();
	stdout_to_file();
	closed_stdout();
	stdout_to_pipe_across_fork();
	exec_inherits();
	errors_and_input();
	terminal_nodes();
	rmdir("/t0fd");
}
